/** SSE framing in both directions (docs/upstream.md §4.1). */
import { describe, expect, it } from "vitest";
import { SseDecoder, encodeSseFrame, readEvents } from "chatkit-testkit";

describe("encodeSseFrame", () => {
  it("§4.1: one `data: <compact json>\\n\\n` frame; newlines inside strings are escaped", () => {
    const frame = encodeSseFrame({ type: "notice", message: "a\nb\r\nc", level: "info" });
    expect(frame).toBe('data: {"type":"notice","message":"a\\nb\\r\\nc","level":"info"}\n\n');
    expect(frame.slice(0, -2)).not.toMatch(/[\r\n]/);
  });
});

describe("SseDecoder", () => {
  it("joins data lines, ignores comments, event/id/retry fields, and accepts LF, CRLF and CR across chunk boundaries", () => {
    const d = new SseDecoder();
    const out: string[] = [];
    const input = ': comment\r\nevent: x\r\nid: 1\r\ndata: {"a":\r\ndata:1}\r\n\r\ndata: two\r\rdata: three\n\ndata: no blank line';
    for (const ch of input) out.push(...d.push(ch)); // one character at a time: every boundary is a chunk boundary
    expect(out).toEqual(['{"a":\n1}', "two", "three"]);
    expect(d.end()).toEqual([]);
  });

  it("a blank line without data dispatches nothing", () => {
    const d = new SseDecoder();
    expect(d.push("\n\n: ping\n\n")).toEqual([]);
  });
});

describe("readEvents", () => {
  const stream = (chunks: string[]) =>
    new Response(
      new ReadableStream({
        start(c) {
          for (const ch of chunks) c.enqueue(new TextEncoder().encode(ch));
          c.close();
        },
      }),
      { headers: { "content-type": "text/event-stream; charset=utf-8" } },
    );

  it("parses frames split anywhere, multi-byte characters included", async () => {
    const body = encodeSseFrame({ type: "progress_update", text: "héllo ✓" }) + encodeSseFrame({ type: "notice", level: "info", message: "x" });
    const bytes = new TextEncoder().encode(body);
    const chunks = [bytes.slice(0, 7), bytes.slice(7, 29), bytes.slice(29, 30), bytes.slice(30)];
    const response = new Response(new ReadableStream({ start(c) { for (const b of chunks) c.enqueue(b); c.close(); } }), { headers: { "content-type": "text/event-stream" } });
    const events = [];
    for await (const e of readEvents(response)) events.push(e);
    expect(events).toEqual([{ type: "progress_update", text: "héllo ✓" }, { type: "notice", level: "info", message: "x" }]);
  });

  it("rejects a non-2xx answer or a non-stream body with ChatKitHttpError carrying the body", async () => {
    const res = new Response(JSON.stringify({ error: { code: "CHATKIT_INVALID_REQUEST", message: "bad", path: "$" } }), { status: 400, headers: { "content-type": "application/json" } });
    await expect(readEvents(res).next()).rejects.toMatchObject({ name: "ChatKitHttpError", status: 400, body: { error: { message: "bad" } } });
    await expect(readEvents(new Response("{}", { headers: { "content-type": "application/json" } })).next()).rejects.toMatchObject({ status: 200 });
  });

  it("a frame that is not JSON is a SyntaxError quoting it", async () => {
    await expect(readEvents(stream(["data: {oops\n\n"])).next()).rejects.toThrow(/a frame is not JSON, got "\{oops"/);
  });

  it("stops and throws the reason when its signal aborts", async () => {
    const abort = new AbortController();
    let cancelled = false;
    const response = new Response(
      new ReadableStream({
        start(c) {
          c.enqueue(new TextEncoder().encode(encodeSseFrame({ type: "notice", level: "info", message: "1" })));
        },
        cancel() {
          cancelled = true;
        },
      }),
      { headers: { "content-type": "text/event-stream" } },
    );
    const seen: unknown[] = [];
    await expect(
      (async () => {
        for await (const e of readEvents(response, { signal: abort.signal })) {
          seen.push(e);
          abort.abort(new Error("stop"));
        }
      })(),
    ).rejects.toThrow("stop");
    expect(seen).toHaveLength(1);
    expect(cancelled).toBe(true);
  });
});
