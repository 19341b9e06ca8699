/**
 * Node's `http` on one side, the simulator's `(Request) => Promise<Response>` on the other: a request
 * body read with a size limit, a `Request` whose signal aborts when the client goes away, and a
 * `Response` (JSON or an event stream) written back chunk by chunk.
 * @packageDocumentation
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { ErrorCode } from "../errors/errors.js";
import { prefixed } from "../errors/render.js";

/** The body was larger than the limit: the answer is 413, and nothing reaches the simulator. */
export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(prefixed(`request: the body is larger than ${limit} bytes (the server's limit for this path)`));
    this.name = "BodyTooLargeError";
  }
}

/** The client closed the connection before it had sent the whole body. */
export class ClientGoneError extends Error {
  constructor() {
    super(prefixed("request: the client closed the connection before the body was complete"));
    this.name = "ClientGoneError";
  }
}

/**
 * Reads a request body of at most `limit` bytes. A `content-length` over the limit is refused before a byte
 * is read; a body that grows past it while streaming is refused as soon as it does.
 * @throws {BodyTooLargeError} over the limit
 * @throws {ClientGoneError} when the connection closes first
 */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers["content-length"]);
  if (Number.isFinite(declared) && declared > limit) return Promise.reject(new BodyTooLargeError(limit));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (error: Error | null) => {
      if (done) return;
      done = true;
      req.off("data", onData).off("end", onEnd).off("error", onError).off("close", onClose);
      if (error) {
        // Stop reading: the rest of the body is not wanted (the answer closes the connection).
        req.resume();
        reject(error);
      } else resolve(Buffer.concat(chunks, size));
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) finish(new BodyTooLargeError(limit));
      else chunks.push(chunk);
    };
    const onEnd = () => finish(null);
    const onError = () => finish(new ClientGoneError());
    const onClose = () => finish(req.complete ? null : new ClientGoneError());
    req.on("data", onData).on("end", onEnd).on("error", onError).on("close", onClose);
  });
}

/** The JSON error answer every path shares: the simulator's `{ error: { code, message, path } }`. */
export function errorResponse(status: number, code: ErrorCode, message: string): Response {
  return new Response(JSON.stringify({ error: { code, message, path: null } }), { status, headers: { "content-type": "application/json" } });
}

/**
 * Writes a fetch `Response` to Node's `res`, streaming its body: an event stream reaches the client frame by
 * frame. When the client goes away mid-body, the body is cancelled (which is how the simulator learns of
 * it, besides the request's signal).
 * @returns when the body has been written, or the client has gone
 */
export async function writeResponse(res: ServerResponse, response: Response, extraHeaders: Readonly<Record<string, string>>): Promise<void> {
  const headers: Record<string, string> = { ...extraHeaders };
  response.headers.forEach((value, key) => {
    headers[key] = value;
  });
  const streaming = (headers["content-type"] ?? "").startsWith("text/event-stream");
  if (streaming) {
    headers["cache-control"] = "no-cache";
    headers["x-accel-buffering"] = "no";
  }
  res.writeHead(response.status, headers);
  if (streaming) res.flushHeaders();
  if (!response.body) {
    res.end();
    return;
  }
  const reader = response.body.getReader();
  const gone = () => void reader.cancel().catch(() => undefined);
  res.once("close", gone);
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (res.destroyed) break;
      if (!res.write(value)) await new Promise<void>((resolve) => {
        const go = () => {
          res.off("drain", go).off("close", go);
          resolve();
        };
        res.on("drain", go).on("close", go);
      });
    }
  } catch {
    // The body failed mid-way (a stream aborted by the server, as upstream aborts on failures outside its
    // event pipeline): end the response without the rest, as an aborted byte stream.
    res.destroy();
    return;
  } finally {
    res.off("close", gone);
  }
  res.end();
}
