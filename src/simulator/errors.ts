/**
 * The two errors a responder throws to end a stream with a chosen error event (upstream
 * `chatkit/errors.py`, docs/upstream.md §4.6). Any other error becomes
 * `{"type":"error","code":"stream.error","allow_retry":true}`.
 * @packageDocumentation
 */
import { prefixed } from "../errors/render.js";

/**
 * Ends the stream with `{"type":"error","code":<code>,"allow_retry":<allowRetry>}` (no message).
 * Recognised by `name` (`"StreamError"`), so a copy from another bundle counts too.
 */
export class StreamError extends Error {
  override readonly name = "StreamError" as const;
  /** The event's `code`; upstream has one today, `"stream.error"`. */
  readonly code: string;
  /** The event's `allow_retry`. */
  readonly allowRetry: boolean;
  /**
   * @param code - the error code @defaultValue `"stream.error"`
   * @param options.allowRetry - @defaultValue `true` for `"stream.error"` (upstream's default), else `false`
   */
  constructor(code = "stream.error", options: { allowRetry?: boolean; message?: string } = {}) {
    super(options.message ?? prefixed(`stream error ${code}`));
    this.code = code;
    this.allowRetry = options.allowRetry ?? code === "stream.error";
  }
}

/**
 * Ends the stream with `{"type":"error","code":"custom","message":<message>,"allow_retry":<allowRetry>}`:
 * the message is shown to the user as it is. Recognised by `name` (`"CustomStreamError"`).
 */
export class CustomStreamError extends Error {
  override readonly name = "CustomStreamError" as const;
  /** The event's `allow_retry`. */
  readonly allowRetry: boolean;
  /**
   * @param message - shown to the user
   * @param options.allowRetry - @defaultValue `false` (upstream's default)
   */
  constructor(message: string, options: { allowRetry?: boolean } = {}) {
    super(message);
    this.allowRetry = options.allowRetry ?? false;
  }
}

/** The error event upstream sends for `error` (docs/upstream.md §4.4 step 5). @internal */
export function errorEventFor(error: unknown): { type: "error"; code: string; message?: string; allow_retry: boolean } {
  const e = error as { name?: unknown; message?: unknown; code?: unknown; allowRetry?: unknown } | null;
  if (e && e.name === "CustomStreamError") {
    return { type: "error", code: "custom", message: String(e.message), allow_retry: e.allowRetry === true };
  }
  if (e && e.name === "StreamError") {
    return { type: "error", code: typeof e.code === "string" ? e.code : "stream.error", allow_retry: e.allowRetry === true };
  }
  return { type: "error", code: "stream.error", allow_retry: true };
}
