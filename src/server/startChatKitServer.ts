/**
 * A real HTTP server that speaks the ChatKit protocol over the {@link ChatKitSimulator}: what a ChatKit
 * frontend, a Playwright suite or a client in another language can be pointed at. Node's own `http`.
 * @packageDocumentation
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { InvalidArgumentError } from "../errors/errors.js";
import { prefixed } from "../errors/render.js";
import { show } from "../model/json.js";
import { InMemoryStore } from "../memory/InMemoryStore.js";
import type { Assistant } from "../simulator/assistant.js";
import { ChatKitSimulator, type ChatKitSimulatorOptions } from "../simulator/ChatKitSimulator.js";
import { FakeAttachmentStore } from "../simulator/FakeAttachmentStore.js";
import type { AttachmentStore, Store } from "../store/Store.js";
import { echoAssistant } from "./assistant.js";
import { BodyTooLargeError, ClientGoneError, errorResponse, readBody, writeResponse } from "./http.js";

/** Options of {@link startChatKitServer}. */
export interface ChatKitServerOptions<TContext = unknown> {
  /** The port; `0` picks a free one (read it from `url`). @defaultValue `0` (the CLI's default is 8000) */
  port?: number;
  /** The address to listen on. @defaultValue `"127.0.0.1"` (loopback only) */
  host?: string;
  /** The ChatKit endpoint's path. @defaultValue `"/chatkit"` */
  path?: string;
  /** Where threads, items and attachment records live. @defaultValue `new InMemoryStore({ scope: "single-tenant" })` */
  store?: Store<TContext>;
  /**
   * Where attachment bytes go. By default a {@link FakeAttachmentStore} whose upload URLs are this server's
   * `<origin>/uploads/<id>` (absolute, so a frontend on another origin uploads here); `false` for none
   * (`attachments.create` then fails with 500, as upstream does without an attachment store).
   */
  attachmentStore?: AttachmentStore<TContext> | false;
  /** The scripted assistant. @defaultValue {@link echoAssistant}: streams "You said: …" word by word */
  assistant?: Partial<Assistant<TContext>>;
  /** The per-request context for the store (e.g. the user from a header). @defaultValue `() => undefined` */
  context?: ChatKitSimulatorOptions<TContext>["context"];
  /** The simulator's clock. @defaultValue the current time */
  clock?: () => string;
  /**
   * Which browser origins may call the server: `true` any (the request's `Origin` is echoed back), `false`
   * none (no CORS headers), or the allowed origins. @defaultValue `true`
   */
  cors?: boolean | string | readonly string[];
  /** The largest ChatKit request body in bytes; larger ones get 413. @defaultValue 4 MiB */
  maxBodyBytes?: number;
  /** The largest upload in bytes. @defaultValue 32 MiB */
  maxUploadBytes?: number;
  /**
   * Receives one line per request served: time, method, path, ChatKit request type, status, duration.
   * @defaultValue none (the CLI prints them)
   */
  log?: (line: string) => void;
}

/** A running server: {@link startChatKitServer}'s result. */
export interface RunningChatKitServer<TContext = unknown> {
  /** The ChatKit endpoint, e.g. `http://127.0.0.1:8000/chatkit`. */
  readonly url: string;
  /** The server's origin, e.g. `http://127.0.0.1:8000` (health: `<origin>/health`, uploads: `<origin>/uploads/…`). */
  readonly origin: string;
  /** The simulator behind it: its `recorder` holds every ChatKit request served. */
  readonly simulator: ChatKitSimulator<TContext>;
  /**
   * Stops the server: no new connections; open streams are cancelled (the simulator runs upstream's
   * cancellation handling for them, and {@link ChatKitSimulator.settled} is awaited); idle keep-alive
   * connections are closed. Safe to call more than once.
   */
  close(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

const MiB = 1024 * 1024;
const UPLOADS = "/uploads";

function checkSize(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value < 1) throw new InvalidArgumentError("startChatKitServer", `options.${name}`, `must be a positive integer, got ${show(value)}`);
  return value;
}

function checkOptions<TContext>(options: ChatKitServerOptions<TContext>): { port: number; host: string; path: string; maxBody: number; maxUpload: number } {
  if (options === null || typeof options !== "object") throw new InvalidArgumentError("startChatKitServer", "options", `must be an object, got ${show(options)}`);
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new InvalidArgumentError("startChatKitServer", "options.port", `must be an integer from 0 to 65535, got ${show(port)}`);
  const host = options.host ?? "127.0.0.1";
  if (typeof host !== "string" || host === "") throw new InvalidArgumentError("startChatKitServer", "options.host", `must be a non-empty string, got ${show(host)}`);
  const path = options.path ?? "/chatkit";
  if (typeof path !== "string" || !/^\/[^?#]*$/.test(path) || path === "/health" || path.startsWith(`${UPLOADS}/`) || path === UPLOADS) {
    throw new InvalidArgumentError("startChatKitServer", "options.path", `must be a path such as "/chatkit" (not /health or under /uploads), got ${show(path)}`);
  }
  const cors = options.cors ?? true;
  if (typeof cors !== "boolean" && typeof cors !== "string" && !(Array.isArray(cors) && cors.every((o) => typeof o === "string"))) {
    throw new InvalidArgumentError("startChatKitServer", "options.cors", `must be a boolean, an origin or a list of origins, got ${show(cors)}`);
  }
  if (options.log !== undefined && typeof options.log !== "function") throw new InvalidArgumentError("startChatKitServer", "options.log", `must be a function, got ${show(options.log)}`);
  return { port, host, path, maxBody: checkSize("maxBodyBytes", options.maxBodyBytes, 4 * MiB), maxUpload: checkSize("maxUploadBytes", options.maxUploadBytes, 32 * MiB) };
}

/** The CORS headers for a request's `Origin`, or none when that origin may not call. */
function corsHeaders(cors: boolean | string | readonly string[], req: IncomingMessage): Record<string, string> {
  const origin = req.headers.origin;
  if (cors === false || origin === undefined) return {};
  const allowed = cors === true || (typeof cors === "string" ? cors === origin : cors.includes(origin));
  if (!allowed) return {};
  return { "access-control-allow-origin": origin, vary: "Origin" };
}

/** The ChatKit request type of a body, for the log line only ("-" when it is not one). */
function requestType(body: Buffer): string {
  try {
    const type = (JSON.parse(body.toString("utf8")) as { type?: unknown } | null)?.type;
    return typeof type === "string" ? type : "-";
  } catch {
    return "-";
  }
}

/**
 * Starts a ChatKit server on `host:port` over a {@link ChatKitSimulator}.
 *
 * - `POST <path>` (default `/chatkit`): ChatKit requests, answered with JSON or `text/event-stream`, with
 *   the simulator's error answers (400 malformed or unknown, 404, 405, 500) and 413 for a body over
 *   `maxBodyBytes` (which never reaches the simulator: nothing is stored).
 * - `PUT`/`POST <origin>/uploads/<id>`: the second phase of an attachment upload; `GET` serves the bytes.
 * - `GET /health`: `{ "status": "ok" }`.
 * - `OPTIONS` anything: the CORS preflight (any origin by default, see `cors`).
 * - A client that goes away mid-stream cancels it, as a closed browser tab does.
 *
 * @returns once it listens: the endpoint `url`, the simulator, and `close()`
 * @throws {InvalidArgumentError} for a bad option; the listen error (e.g. `EADDRINUSE`) as it is
 * @example
 * ```ts
 * const server = await startChatKitServer({ assistant: { respond: reply.stream(["Hel", "lo!"]) } });
 * await fetch(server.url, { method: "POST", body: JSON.stringify({ type: "threads.list", params: {} }) });
 * await server.close();
 * ```
 */
export async function startChatKitServer<TContext = unknown>(options: ChatKitServerOptions<TContext> = {}): Promise<RunningChatKitServer<TContext>> {
  const { port, host, path, maxBody, maxUpload } = checkOptions(options);
  const cors = options.cors ?? true;
  const log = options.log;
  // Requests in flight, so that close() can cancel their streams.
  const inFlight = new Set<AbortController>();
  let simulator: ChatKitSimulator<TContext> | undefined;
  let uploads: FakeAttachmentStore<TContext> | undefined;
  let origin = "";

  const route = async (req: IncomingMessage, res: ServerResponse, abort: AbortController): Promise<{ status: number; type: string }> => {
    const url = new URL(req.url ?? "/", origin);
    const allow = corsHeaders(cors, req);
    const send = async (response: Response) => {
      await writeResponse(res, response, allow);
      return response.status;
    };
    if (req.method === "OPTIONS") {
      const preflight = Object.keys(allow).length === 0 ? {} : {
        ...allow,
        "access-control-allow-methods": "GET, POST, PUT, OPTIONS",
        "access-control-allow-headers": req.headers["access-control-request-headers"] ?? "content-type, authorization",
        "access-control-max-age": "600",
      };
      res.writeHead(204, preflight).end();
      return { status: 204, type: "-" };
    }
    if (url.pathname === "/health" && req.method === "GET") {
      return { status: await send(Response.json({ status: "ok" })), type: "-" };
    }
    const isUpload = uploads !== undefined && url.pathname.startsWith(`${UPLOADS}/`);
    if (url.pathname !== path && !isUpload) {
      return { status: await send(errorResponse(404, "CHATKIT_NOT_FOUND", prefixed(`server: no route for ${req.method} ${url.pathname} (the ChatKit endpoint is POST ${path})`))), type: "-" };
    }
    let body: Buffer | undefined;
    if (req.method !== "GET" && req.method !== "HEAD") {
      try {
        body = await readBody(req, isUpload ? maxUpload : maxBody);
      } catch (error) {
        if (error instanceof BodyTooLargeError) {
          res.setHeader("connection", "close");
          return { status: await send(errorResponse(413, "CHATKIT_PAYLOAD_TOO_LARGE", error.message)), type: "-" };
        }
        if (error instanceof ClientGoneError) return { status: 499, type: "-" };
        throw error;
      }
    }
    const headers = new Headers();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(", ") : value);
    }
    const request = new Request(url, { method: req.method, headers, body: body === undefined || body.length === 0 && req.method === "GET" ? null : new Uint8Array(body), signal: abort.signal });
    const response = isUpload ? await uploads!.handleUpload(request) : await simulator!.handle(request);
    return { status: await send(response), type: isUpload ? "upload" : body === undefined ? "-" : requestType(body) };
  };

  const server = createServer((req, res) => {
    const started = performance.now();
    const abort = new AbortController();
    inFlight.add(abort);
    // The client went away before the answer was complete: cancel (the simulator's cancellation handling).
    res.once("close", () => {
      if (!res.writableFinished) abort.abort();
      inFlight.delete(abort);
    });
    route(req, res, abort)
      .catch(async (error: unknown) => {
        if (res.headersSent) {
          res.destroy();
          return { status: 500, type: "-" };
        }
        return { status: await writeResponse(res, errorResponse(500, "CHATKIT_SERVER_ERROR", prefixed(`server: ${String((error as Error)?.message ?? error)}`)), corsHeaders(cors, req)).then(() => 500), type: "-" };
      })
      .then(({ status, type }) => {
        if (!log) return;
        const ms = Math.round(performance.now() - started);
        const outcome = status === 499 ? "client closed" : String(status);
        log(`${new Date().toISOString()} ${req.method} ${req.url} ${type} ${outcome}${abort.signal.aborted && status !== 499 ? " (cancelled)" : ""} ${ms} ms`);
      })
      .catch(() => undefined);
  });
  // A malformed request line or header: Node answers 400 itself; never crash the process.
  server.on("clientError", (_error, socket) => {
    if (socket.writable) socket.end("HTTP/1.1 400 Bad Request\r\nconnection: close\r\n\r\n");
    else socket.destroy();
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const shown = address.family === "IPv6" ? `[${address.address === "::" ? "::1" : address.address}]` : address.address === "0.0.0.0" ? "127.0.0.1" : address.address;
  origin = `http://${shown}:${address.port}`;
  if (options.attachmentStore === undefined) uploads = new FakeAttachmentStore<TContext>({ baseUrl: `${origin}${UPLOADS}`, scope: "single-tenant" });
  else if (options.attachmentStore instanceof FakeAttachmentStore) uploads = options.attachmentStore as FakeAttachmentStore<TContext>;
  const attachmentStore = options.attachmentStore === false ? undefined : (options.attachmentStore ?? uploads);
  simulator = new ChatKitSimulator<TContext>({
    store: options.store ?? new InMemoryStore<TContext>({ scope: "single-tenant" }),
    ...(attachmentStore ? { attachmentStore } : {}),
    assistant: options.assistant ?? (echoAssistant() as Partial<Assistant<TContext>>),
    ...(options.context ? { context: options.context } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
  });

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> =>
    (closing ??= (async () => {
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const abort of inFlight) abort.abort();
      await simulator!.settled();
      server.closeIdleConnections();
      // Anything still open after the streams were cancelled (a half-sent upload, a slow client).
      const force = setTimeout(() => server.closeAllConnections(), 1_000);
      await stopped;
      clearTimeout(force);
    })());
  return { url: `${origin}${path}`, origin, simulator, close, [Symbol.asyncDispose]: close };
}
