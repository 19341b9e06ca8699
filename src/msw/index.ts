/**
 * chatkit-testkit/msw — mount a {@link ChatKitSimulator} on msw, so code that talks to a ChatKit backend
 * over `fetch` (a browser client, a React app under test) talks to the simulator instead.
 *
 * ```ts
 * const server = setupServer(...chatkitHandlers(sim, { url: "http://localhost/chatkit" }));
 * ```
 *
 * This entry needs `msw` (an optional peer: ^2.7 or ^3). Streams are plain `http.post` handlers that answer a
 * `ReadableStream` with `content-type: text/event-stream`: msw's `sse()` only handles GET and needs a
 * global `EventSource`, and ChatKit streams over POST.
 * @packageDocumentation
 */
import { http, type HttpHandler } from "msw";
import type { ChatKitSimulator } from "../simulator/ChatKitSimulator.js";
import { prefixed } from "../errors/render.js";

/** Anything that serves uploads under a base URL, such as `FakeAttachmentStore`. */
export interface UploadHost {
  readonly baseUrl: string;
  handleUpload(request: Request): Promise<Response>;
}

/** Options of {@link chatkitHandlers}. */
export interface ChatKitHandlersOptions {
  /** The ChatKit endpoint the client posts to, e.g. `"http://localhost/chatkit"` (any msw path pattern). */
  url: string;
  /**
   * Also mount the upload URLs of the simulator's attachment store when it serves uploads (a
   * `FakeAttachmentStore`). @defaultValue `true`
   */
  uploads?: boolean;
}

function isUploadHost(value: unknown): value is UploadHost {
  const v = value as Partial<UploadHost> | null | undefined;
  return typeof v === "object" && v !== null && typeof v.baseUrl === "string" && typeof v.handleUpload === "function";
}

/**
 * msw handlers for a simulator: `POST <url>` answered by `simulator.handle` (JSON or
 * `text/event-stream`), plus {@link uploadHandlers} for its `FakeAttachmentStore`.
 * @param simulator - the simulator to mount
 * @param options - the endpoint URL
 * @returns handlers for `setupServer(...)`, `setupWorker(...)` or `server.use(...)`
 * @throws {TypeError} when `options.url` is not a non-empty string
 * @example
 * ```ts
 * const sim = new ChatKitSimulator({ store: new InMemoryStore(), attachmentStore: new FakeAttachmentStore() });
 * const server = setupServer(...chatkitHandlers(sim, { url: "http://localhost/chatkit" }));
 * server.listen({ onUnhandledRequest: "error" });
 * ```
 */
export function chatkitHandlers<TContext>(simulator: ChatKitSimulator<TContext>, options: ChatKitHandlersOptions): HttpHandler[] {
  if (!options || typeof options.url !== "string" || options.url === "") {
    throw new TypeError(prefixed(`chatkitHandlers: options.url must be a non-empty string, got ${JSON.stringify(options?.url)}`));
  }
  const handlers = [http.post(options.url, ({ request }) => simulator.handle(request))];
  if (options.uploads !== false && isUploadHost(simulator.attachmentStore)) handlers.push(...uploadHandlers(simulator.attachmentStore));
  return handlers;
}

/**
 * msw handlers for the upload URLs of a `FakeAttachmentStore` (any {@link UploadHost}): every method under
 * `<baseUrl>/` goes to `host.handleUpload`.
 * @param host - the attachment store that receives the bytes
 */
export function uploadHandlers(host: UploadHost): HttpHandler[] {
  return [http.all(`${host.baseUrl}/*`, ({ request }) => host.handleUpload(request))];
}
