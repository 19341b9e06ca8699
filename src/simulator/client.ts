/**
 * A small ChatKit client for tests: posts `{type, params}` to an endpoint (the simulator mounted with msw,
 * `sim.fetch`, or a real server) and returns the JSON answer or the streamed events, typed.
 * @packageDocumentation
 */
import type { Attachment } from "../model/attachment.js";
import type { ThreadItem } from "../model/items.js";
import type { Thread } from "../model/thread.js";
import type { ThreadStreamEvent } from "./protocol/events.js";
import { isStreamingRequestType, type NonStreamingRequestType, type RequestParamsInput, type RequestType, type StreamingRequestType } from "./protocol/requests.js";
import { readSseData } from "./protocol/sse.js";
import { prefixed } from "../errors/render.js";

/** A page as the server sends it: `after` is omitted when null. */
export interface WirePage<T> {
  data: T[];
  has_more: boolean;
  after?: string;
}

/** The JSON answer of each non-streaming request type. */
export interface ResponseBodies {
  "threads.get_by_id": Thread;
  "threads.list": WirePage<Thread>;
  "items.list": WirePage<ThreadItem>;
  "items.feedback": Record<string, never>;
  "attachments.create": Attachment;
  "attachments.delete": Record<string, never>;
  "threads.update": Thread;
  "threads.delete": Record<string, never>;
  "input.transcribe": { text: string };
  "threads.sync_custom_action": { updated_item?: ThreadItem };
}

/** What {@link ChatKitClient.request} resolves to: the JSON body, or every event of the stream. */
export type RequestResult<T extends RequestType> = T extends StreamingRequestType ? ThreadStreamEvent[] : ResponseBodies[T & NonStreamingRequestType];

/** An answer with a status other than 2xx, or a stream answered with something other than an event stream. */
export class ChatKitHttpError extends Error {
  override readonly name = "ChatKitHttpError" as const;
  /** The HTTP status. */
  readonly status: number;
  /** The body: parsed JSON when it is JSON, else the text. */
  readonly body: unknown;
  constructor(status: number, body: unknown, message: string) {
    super(message);
    this.status = status;
    this.body = body;
  }
}

async function failure(response: Response, what: string): Promise<ChatKitHttpError> {
  const text = await response.text().catch(() => "");
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON
  }
  const detail = (body as { error?: { message?: unknown } } | null)?.error?.message;
  return new ChatKitHttpError(response.status, body, prefixed(`${what}: status ${response.status}${typeof detail === "string" ? `: ${detail}` : text ? `: ${text.slice(0, 200)}` : ""}`));
}

/** Options of {@link readEvents}. */
export interface ReadEventsOptions {
  /** Stops reading (and cancels the body) when aborted; the iteration then throws the abort reason. */
  signal?: AbortSignal;
}

/**
 * The events of a ChatKit stream, parsed from its `data:` frames as they arrive.
 * @param response - the answer to a streaming request
 * @throws {ChatKitHttpError} when the status is not 2xx or the body is not `text/event-stream`
 * @throws {SyntaxError} when a frame is not JSON (the message holds the frame)
 */
export async function* readEvents(response: Response, options: ReadEventsOptions = {}): AsyncGenerator<ThreadStreamEvent> {
  const type = response.headers.get("content-type") ?? "";
  if (!response.ok || !type.includes("text/event-stream")) throw await failure(response, "readEvents");
  if (!response.body) return;
  for await (const data of readSseData(response.body, options.signal)) {
    try {
      yield JSON.parse(data) as ThreadStreamEvent;
    } catch (error) {
      if (error instanceof SyntaxError) throw new SyntaxError(prefixed(`readEvents: a frame is not JSON, got ${JSON.stringify(data.slice(0, 200))}`));
      throw error;
    }
  }
}

/** Options of {@link chatkitClient}. */
export interface ChatKitClientOptions {
  /** The ChatKit endpoint. */
  url: string | URL;
  /** The fetch to use: `sim.fetch` talks to a simulator without msw. @defaultValue `globalThis.fetch` */
  fetch?: (input: string | URL | Request, init?: RequestInit) => Promise<Response>;
  /** Headers sent with every request (e.g. to carry the user a `context` function reads). */
  headers?: Record<string, string>;
}

/** Options of one request. */
export interface RequestOptions {
  /** Aborts the request (a stream mid-way: the server's cancellation handling runs). */
  signal?: AbortSignal;
  /** The envelope's `metadata`. */
  metadata?: Record<string, unknown>;
  /** Extra headers for this request. */
  headers?: Record<string, string>;
}

/** A test client for one ChatKit endpoint. */
export interface ChatKitClient {
  /**
   * Sends one request. JSON requests resolve to the body; streaming requests resolve to every event once
   * the stream ends.
   * @throws {ChatKitHttpError} for a status other than 2xx
   */
  request<T extends RequestType>(type: T, params: RequestParamsInput<T>, options?: RequestOptions): Promise<RequestResult<T>>;
  /** Sends a streaming request and yields its events as they arrive. Breaking out of the loop cancels the stream. */
  stream<T extends StreamingRequestType>(type: T, params: RequestParamsInput<T>, options?: RequestOptions): AsyncGenerator<ThreadStreamEvent>;
  /** Posts any body (a malformed request, say) and returns the raw response. */
  post(body: unknown, options?: RequestOptions): Promise<Response>;
}

/**
 * A client that posts ChatKit requests the way the browser client does.
 * @example
 * ```ts
 * const client = chatkitClient({ url: "http://localhost/chatkit", fetch: sim.fetch });
 * const events = await client.request("threads.create", { input: { content: [{ type: "input_text", text: "Hi" }], attachments: [], inference_options: {} } });
 * ```
 */
export function chatkitClient(options: ChatKitClientOptions): ChatKitClient {
  const url = String(options.url);
  const doFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const post = (body: unknown, o: RequestOptions = {}) =>
    doFetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", ...options.headers, ...o.headers },
      body: typeof body === "string" ? body : JSON.stringify(body),
      signal: o.signal,
    });
  const envelope = (type: string, params: unknown, o: RequestOptions) => ({ type, params, ...(o.metadata ? { metadata: o.metadata } : {}) });

  async function* stream<T extends StreamingRequestType>(type: T, params: RequestParamsInput<T>, o: RequestOptions = {}): AsyncGenerator<ThreadStreamEvent> {
    const response = await post(envelope(type, params, o), o);
    yield* readEvents(response, { signal: o.signal });
  }

  return {
    post,
    stream,
    async request<T extends RequestType>(type: T, params: RequestParamsInput<T>, o: RequestOptions = {}): Promise<RequestResult<T>> {
      if (isStreamingRequestType(type)) {
        const events: ThreadStreamEvent[] = [];
        for await (const e of stream(type, params as never, o)) events.push(e);
        return events as RequestResult<T>;
      }
      const response = await post(envelope(type, params, o), o);
      if (!response.ok) throw await failure(response, type);
      return (await response.json()) as RequestResult<T>;
    },
  };
}
