/**
 * Server-sent-event framing, both directions. ChatKit frames each event as `data: <compact json>\n\n`:
 * no `event:` or `id:` lines, no heartbeat, no terminator; the stream simply ends (docs/upstream.md §4.1).
 * @packageDocumentation
 */

/**
 * One SSE frame for one event: `data: ` + compact JSON + a blank line. `JSON.stringify` escapes every
 * newline inside strings, so a frame never holds a raw newline before its end.
 * @param event - a JSON value (an event in its wire form)
 * @returns the frame text
 */
export function encodeSseFrame(event: unknown): string {
  return `data: ${JSON.stringify(event)}\n\n`;
}

/**
 * An incremental SSE parser (the WHATWG event-stream rules that matter here): lines end in `\n`, `\r\n`
 * or `\r`; `data:` lines accumulate (joined by `\n`); a blank line dispatches; comments (`:`) and the
 * `event`, `id` and `retry` fields are ignored. Feed it text as it arrives.
 */
export class SseDecoder {
  private buffer = "";
  private data: string[] = [];
  private pendingCR = false;

  /**
   * Adds text and returns the `data` payload of every event completed by it.
   * @param text - the next decoded chunk
   */
  push(text: string): string[] {
    if (this.pendingCR && text.startsWith("\n")) text = text.slice(1);
    this.pendingCR = false;
    this.buffer += text;
    const out: string[] = [];
    for (;;) {
      const m = /\r\n|\r|\n/.exec(this.buffer);
      if (!m) break;
      if (m[0] === "\r" && m.index === this.buffer.length - 1) {
        // A lone CR at the end may be half of a CRLF split across chunks.
        this.pendingCR = true;
      }
      const line = this.buffer.slice(0, m.index);
      this.buffer = this.buffer.slice(m.index + m[0].length);
      this.line(line, out);
    }
    return out;
  }

  /** Ends the input. A final event without its blank line is dropped, as the SSE rules say. */
  end(): string[] {
    this.buffer = "";
    this.data = [];
    return [];
  }

  private line(line: string, out: string[]): void {
    if (line === "") {
      if (this.data.length > 0) out.push(this.data.join("\n"));
      this.data = [];
      return;
    }
    if (line.startsWith(":")) return;
    const colon = line.indexOf(":");
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? "" : line.slice(colon + 1);
    if (value.startsWith(" ")) value = value.slice(1);
    if (field === "data") this.data.push(value);
  }
}

/**
 * The `data` payloads of an SSE byte stream, in order, as they arrive.
 * @param body - a response body
 * @param signal - stops reading (and cancels the body) when aborted
 */
export async function* readSseData(body: ReadableStream<Uint8Array>, signal?: AbortSignal): AsyncGenerator<string> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const sse = new SseDecoder();
  const onAbort = () => {
    reader.cancel(signal?.reason).catch(() => {});
  };
  signal?.addEventListener("abort", onAbort, { once: true });
  let finished = false;
  try {
    for (;;) {
      if (signal?.aborted) break;
      const { done, value } = await reader.read();
      if (done) break;
      for (const data of sse.push(decoder.decode(value, { stream: true }))) yield data;
    }
    if (signal?.aborted) throw signal.reason ?? new DOMException("This operation was aborted", "AbortError");
    for (const data of sse.push(decoder.decode())) yield data;
    finished = true;
  } finally {
    signal?.removeEventListener("abort", onAbort);
    if (finished) reader.releaseLock();
    else reader.cancel().catch(() => {});
  }
}
