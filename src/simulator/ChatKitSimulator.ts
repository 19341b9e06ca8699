/**
 * A fake ChatKit backend as a pure function: `handle(request: Request) => Promise<Response>`, over any
 * {@link Store}. No msw and no test runner: mount it with `chatkit-testkit/msw`, call `sim.fetch` directly,
 * or put it behind any HTTP server.
 * @packageDocumentation
 */
import { isNotFoundError } from "../errors/errors.js";
import type { ThreadMetadata } from "../model/thread.js";
import type { AttachmentStore, Store } from "../store/Store.js";
import { reply, type Assistant, type HookContext, type RespondContext } from "./assistant.js";
import { flowFor, type BoundFlow } from "./flows/index.js";
import { CANCELLED, type FlowEnv } from "./internal/env.js";
import { parseChatKitRequest, type ChatKitRequest } from "./protocol/requests.js";
import { encodeSseFrame } from "./protocol/sse.js";
import { wireEvent } from "./protocol/wire.js";
import { RequestRecorder, type MutableRecord, type RecordedRequest } from "./recorder.js";
import type { ErrorCode } from "../errors/errors.js";
import { prefixed } from "../errors/render.js";

/** The body of every error answer: `{ error: { code, message, path } }`. ChatKit itself defines none. */
export interface SimulatorErrorBody {
  error: {
    /**
     * `CHATKIT_INVALID_REQUEST` (400: not JSON, unknown `type`, bad params), `CHATKIT_INVALID_ARGUMENT`
     * (400: a store or hook rejected an argument), `CHATKIT_NOT_FOUND` (404), `CHATKIT_METHOD_NOT_ALLOWED`
     * (405: not a POST), `CHATKIT_SERVER_ERROR` (500: anything else). One union with the stores' codes.
     */
    code: ErrorCode;
    message: string;
    /** Where in the request body the problem is (`params.thread_id`, `type`, `$`), else `null`. */
    path: string | null;
  };
}

/** Options of {@link ChatKitSimulator}. */
export interface ChatKitSimulatorOptions<TContext = unknown> {
  /** Where threads, items and attachment records live: any {@link Store}. */
  store: Store<TContext>;
  /** Where attachment bytes live; without one, `attachments.*` requests fail with status 500 (as upstream raises). */
  attachmentStore?: AttachmentStore<TContext>;
  /** The scripted assistant. @defaultValue `{ respond: reply.echo() }` */
  assistant?: Partial<Assistant<TContext>>;
  /**
   * Builds the per-request context passed to every store call (upstream `process(request, context)`).
   * @defaultValue `() => undefined` (one shared scope with the stores of this package)
   */
  context?: (request: Request, body: ChatKitRequest) => TContext | Promise<TContext>;
  /**
   * The `created_at` of threads, user messages and the cancellation marker, and `ctx.now()` for responders.
   * @defaultValue `() => new Date().toISOString()` (UTC with `Z`, millisecond precision: equal timestamps are common)
   */
  clock?: () => string;
}

function assistantOf<TContext>(a: Partial<Assistant<TContext>> | undefined): Assistant<TContext> {
  return { ...a, respond: a?.respond ?? reply.echo<TContext>() };
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
}

function errorBody(code: ErrorCode, message: string, path: string | null = null): SimulatorErrorBody {
  return { error: { code, message, path } };
}

/** Maps an error thrown while serving a JSON request to a status and body. */
function errorAnswer(error: unknown): [number, SimulatorErrorBody] {
  const e = error as { name?: unknown; message?: unknown; code?: unknown } | null;
  const message = typeof e?.message === "string" ? e.message : String(error);
  if (isNotFoundError(error)) return [404, errorBody("CHATKIT_NOT_FOUND", message)];
  if (e?.name === "InvalidArgumentError" || e?.name === "ValidationError") {
    return [400, errorBody(e.name === "ValidationError" ? "CHATKIT_VALIDATION" : "CHATKIT_INVALID_ARGUMENT", message)];
  }
  return [500, errorBody("CHATKIT_SERVER_ERROR", message)];
}

/**
 * A ChatKit server you can run inside a test: it speaks the wire protocol of docs/upstream.md §4 over any
 * {@link Store} and a scripted {@link Assistant}, making the same store calls, in the same order, as the
 * Python SDK's `ChatKitServer`.
 *
 * - Requests are validated first: malformed JSON, an unknown `type` or bad params get status 400 with
 *   `{error: {code, message, path}}`, and nothing is stored.
 * - JSON requests answer `application/json`; a `NotFoundError` becomes status 404 (upstream leaves the
 *   mapping to the integrator).
 * - Streaming requests answer `text/event-stream` with `data: <json>\n\n` frames. Failures inside the
 *   event pipeline become an error event; failures before it abort the stream, as upstream does.
 * - Client aborts run upstream's cancellation handling; `settled()` waits for it.
 * - Every request is recorded in {@link ChatKitSimulator.recorder}.
 *
 * @typeParam TContext - the request context the store is called with
 * @example
 * ```ts
 * const sim = new ChatKitSimulator({ store: new InMemoryStore(), assistant: { respond: reply.text("Hi!") } });
 * const res = await sim.fetch("http://localhost/chatkit", { method: "POST", body: JSON.stringify({ type: "threads.list", params: {} }) });
 * ```
 */
export class ChatKitSimulator<TContext = unknown> {
  /** The store every flow calls. */
  readonly store: Store<TContext>;
  /** The attachment store, when one was given. */
  readonly attachmentStore: AttachmentStore<TContext> | undefined;
  /** Every request served, with its answer. */
  readonly recorder = new RequestRecorder();

  private assistant: Assistant<TContext>;
  private readonly contextOf: (request: Request, body: ChatKitRequest) => TContext | Promise<TContext>;
  private readonly clock: () => string;

  constructor(options: ChatKitSimulatorOptions<TContext>) {
    if (!options || typeof options.store !== "object" || options.store === null) {
      throw new TypeError(prefixed(`ChatKitSimulator: options.store must be a Store, got ${options ? typeof options.store : String(options)}`));
    }
    this.store = options.store;
    this.attachmentStore = options.attachmentStore;
    this.assistant = assistantOf(options.assistant);
    this.contextOf = options.context ?? (() => undefined as TContext);
    this.clock = options.clock ?? (() => new Date().toISOString());
  }

  /** Every request served so far (`recorder.all`). */
  get requests(): readonly RecordedRequest[] {
    return this.recorder.all;
  }

  /**
   * Replaces the assistant (all hooks). `respond` defaults to `reply.echo()`.
   * @returns this simulator
   */
  setAssistant(assistant: Partial<Assistant<TContext>>): this {
    this.assistant = assistantOf(assistant);
    return this;
  }

  /** Replaces only `respond`, keeping the other hooks. @returns this simulator */
  respondWith(respond: Assistant<TContext>["respond"]): this {
    this.assistant = { ...this.assistant, respond };
    return this;
  }

  /** Resolves when every request being served is done, cancellation handling included. */
  settled(): Promise<void> {
    return this.recorder.settled();
  }

  /** `fetch`-shaped access to {@link handle}: `chatkitClient({ url, fetch: sim.fetch })` needs no msw. */
  readonly fetch = (input: string | URL | Request, init?: RequestInit): Promise<Response> => this.handle(new Request(input, init));

  /**
   * Serves one ChatKit request. Never throws: every failure is an answer (see the class summary).
   * @param request - a POST whose body is `{type, params, metadata?}`
   * @returns the JSON answer, or an event stream
   */
  readonly handle = async (request: Request): Promise<Response> => {
    if (request.method !== "POST") {
      const record = this.recorder.begin("", undefined, undefined, false);
      return this.reject(record, 405, errorBody("CHATKIT_METHOD_NOT_ALLOWED", prefixed(`request: the ChatKit endpoint takes POST, got ${request.method}`)));
    }
    let body: unknown;
    try {
      body = JSON.parse(await request.text());
    } catch (error) {
      const record = this.recorder.begin("", undefined, undefined, false);
      return this.reject(record, 400, errorBody("CHATKIT_INVALID_REQUEST", prefixed(`request: the body is not valid JSON (${(error as Error).message})`), "$"));
    }
    const raw = (body !== null && typeof body === "object" ? body : {}) as { type?: unknown; params?: unknown; metadata?: unknown };
    const parsed = parseChatKitRequest(body);
    const rawType = typeof raw.type === "string" ? raw.type : "";
    if (!parsed.ok) {
      const record = this.recorder.begin(rawType, raw.params, raw.metadata, false);
      return this.reject(record, 400, errorBody("CHATKIT_INVALID_REQUEST", prefixed(`${parsed.problem.message}`), parsed.problem.path));
    }
    const req = parsed.request;
    const flow = flowFor(req);
    const streaming = flow.streaming;
    const record = this.recorder.begin(req.type, raw.params, raw.metadata, streaming);
    let context: TContext;
    try {
      context = await this.contextOf(request, req);
    } catch (error) {
      record.errors.push(error);
      return this.reject(record, ...errorAnswer(error));
    }
    const assistant = this.assistant;
    if (!flow.streaming) {
      const env = this.env(req.type, context, record, assistant, new AbortController());
      try {
        const answer = await flow.run(env);
        record.status = 200;
        record.body = answer;
        this.recorder.finish(record, "completed");
        return json(200, answer);
      } catch (error) {
        record.errors.push(error);
        return this.reject(record, ...errorAnswer(error));
      }
    }
    return this.stream(flow, context, record, assistant, request.signal);
  };

  private reject(record: MutableRecord, status: number, body: SimulatorErrorBody): Response {
    record.status = status;
    record.body = body;
    this.recorder.finish(record, "rejected");
    return json(status, body);
  }

  private env(type: string, context: TContext, record: MutableRecord, assistant: Assistant<TContext>, abort: AbortController): FlowEnv<TContext> {
    const { store, attachmentStore, clock } = this;
    const cancelled = new Promise<typeof CANCELLED>((resolve) => {
      if (abort.signal.aborted) resolve(CANCELLED);
      else abort.signal.addEventListener("abort", () => resolve(CANCELLED), { once: true });
    });
    const hookContext = (): HookContext<TContext> => ({ context, store, request: record, now: clock });
    const env: FlowEnv<TContext> = {
      type,
      store,
      attachmentStore,
      assistant,
      context,
      record,
      now: clock,
      signal: abort.signal,
      cancelled,
      disconnect: () => abort.abort(),
      hookContext,
      respondContext: (thread: ThreadMetadata): RespondContext<TContext> => ({
        ...hookContext(),
        signal: abort.signal,
        itemId: (itemType) => store.generateItemId(itemType, thread, context),
        disconnect: (reason?: unknown) => env.disconnect(reason),
      }),
      pipelineStarted: false,
    };
    return env;
  }

  private stream(
    flow: Extract<BoundFlow, { streaming: true }>,
    context: TContext,
    record: MutableRecord,
    assistant: Assistant<TContext>,
    clientSignal: AbortSignal,
  ): Response {
    const abort = new AbortController();
    const env = this.env(record.type, context, record, assistant, abort);
    const encoder = new TextEncoder();
    let controller!: ReadableStreamDefaultController<Uint8Array>;
    let ending: "cancelled" | "disconnected" | null = null;
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        controller = c;
      },
      cancel: (reason) => stop("cancelled", reason),
    });
    const stop = (kind: "cancelled" | "disconnected", reason: unknown) => {
      if (ending) return;
      ending = kind;
      abort.abort(reason);
      const error =
        kind === "disconnected"
          ? new Error(prefixed("the simulator dropped the connection"), reason === undefined ? undefined : { cause: reason })
          : reason;
      try {
        controller.error(error);
      } catch {
        // already closed or errored
      }
    };
    env.disconnect = (reason?: unknown) => stop("disconnected", reason);
    const onClientAbort = () => stop("cancelled", clientSignal.reason);
    if (clientSignal.aborted) onClientAbort();
    else clientSignal.addEventListener("abort", onClientAbort, { once: true });

    const drive = async () => {
      try {
        // Inside the try: a flow that throws before its first event (a store that throws synchronously,
        // say in generateThreadId) must still end the stream, not leave the client waiting.
        const events = flow.run(env);
        for (;;) {
          const step = await events.next();
          if (step.done) break;
          if (ending) {
            // Before the pipeline the flow just stops; inside it, it runs its cancellation handling.
            if (!env.pipelineStarted) {
              await events.return(undefined);
              break;
            }
            continue;
          }
          const wire = wireEvent(step.value);
          record.events.push(wire as never);
          controller.enqueue(encoder.encode(encodeSseFrame(wire)));
        }
        if (!ending) controller.close();
        this.recorder.finish(record, ending ?? "completed");
      } catch (error) {
        // Outside the pipeline upstream re-raises, which aborts the byte stream mid-response (§4.6).
        record.errors.push(error);
        if (!ending) {
          try {
            controller.error(error);
          } catch {
            // already errored
          }
        }
        this.recorder.finish(record, ending ?? "failed");
      } finally {
        clientSignal.removeEventListener("abort", onClientAbort);
      }
    };
    record.status = 200;
    void drive();
    return new Response(body, { status: 200, headers: { "content-type": "text/event-stream", "cache-control": "no-cache" } });
  }
}
