/**
 * The scripted assistant behind a {@link ChatKitSimulator}: the hooks a ChatKit server implements
 * (`respond`, `action`, `sync_action`, `add_feedback`, `transcribe`), ready-made responders for the
 * common replies (`reply.*`), and a {@link StreamController} that lets a test drive one stream.
 * @packageDocumentation
 */
import type { StoreItemType } from "../model/ids.js";
import type {
  AssistantMessageItem,
  ClientToolCallItem,
  HiddenContextItem,
  StructuredInput,
  StructuredInputItem,
  Task,
  ThreadItem,
  UserMessageItem,
  WidgetItem,
  WidgetRoot,
  WorkflowItem,
  WorkflowSummary,
} from "../model/items.js";
import type { ThreadMetadata } from "../model/thread.js";
import type { Store } from "../store/Store.js";
import type { ThreadStreamEvent } from "./protocol/events.js";
import type { Action } from "./protocol/requests.js";
import type { RecordedRequest } from "./recorder.js";
import { prefixed } from "../errors/render.js";

/** What every hook receives besides its own arguments. */
export interface HookContext<TContext = unknown> {
  /** The request context, as the simulator's `context` option built it. */
  readonly context: TContext;
  /** The simulator's store. */
  readonly store: Store<TContext>;
  /** The recorded request being served. */
  readonly request: RecordedRequest;
  /** The simulator clock: a `created_at` for a new item. */
  now(): string;
}

/** What a streaming hook (`respond`, `action`) receives. */
export interface RespondContext<TContext = unknown> extends HookContext<TContext> {
  /** Aborted when the stream is cancelled (the client went away, or {@link RespondContext.disconnect}). */
  readonly signal: AbortSignal;
  /** A new item id for this thread: `store.generateItemId(itemType, thread, context)`. */
  itemId(itemType: StoreItemType): string;
  /**
   * Drops the connection now, as a network failure would: the client's read fails and the simulator
   * runs the cancellation handling (docs/upstream.md §4.4 step 6).
   */
  disconnect(reason?: unknown): void;
}

/** Events, synchronously or asynchronously. Async generator functions are the usual way to write one. */
export type ResponderOutput = AsyncIterable<ThreadStreamEvent> | Iterable<ThreadStreamEvent>;

/**
 * Produces the events of one turn (upstream `respond(thread, input_user_message, context)`).
 * Mutating `thread` (title, status, metadata, allowed_image_domains) saves it and emits `thread.updated`.
 * Throw {@link CustomStreamError} or {@link StreamError} to end with a chosen error event.
 * @param thread - the live thread object
 * @param input - the user message, or `null` after a client tool output or a structured input
 */
export type Responder<TContext = unknown> = (thread: ThreadMetadata, input: UserMessageItem | null, ctx: RespondContext<TContext>) => ResponderOutput;

/** Handles `threads.custom_action` (upstream `action(thread, action, sender, context)`). */
export type ActionHandler<TContext = unknown> = (
  thread: ThreadMetadata,
  action: Action,
  sender: WidgetItem | null,
  ctx: RespondContext<TContext>,
) => ResponderOutput;

/** Audio handed to {@link Assistant.transcribe}. */
export interface AudioInput {
  /** The decoded bytes of `audio_base64`. */
  readonly data: Uint8Array;
  /** As sent, e.g. `audio/webm;codecs=opus`. */
  readonly mime_type: string;
  /** The part of `mime_type` before `;`, e.g. `audio/webm`. */
  readonly media_type: string;
}

/** The scripted assistant: `respond` is required, every other hook is optional. */
export interface Assistant<TContext = unknown> {
  /** Replies to a user message (and resumes after tool output or structured input with `input` null). */
  respond: Responder<TContext>;
  /** `threads.custom_action`. @defaultValue throws, which the stream reports as `stream.error` (as upstream) */
  action?: ActionHandler<TContext>;
  /**
   * `threads.sync_custom_action`. The returned `updated_item` is sent, **not** persisted (as upstream).
   * @defaultValue throws, which the simulator answers with status 500
   */
  syncAction?(thread: ThreadMetadata, action: Action, sender: WidgetItem | null, ctx: HookContext<TContext>): Promise<{ updated_item?: ThreadItem | null }> | { updated_item?: ThreadItem | null };
  /** `items.feedback`. @defaultValue does nothing */
  addFeedback?(threadId: string, itemIds: readonly string[], kind: "positive" | "negative", ctx: HookContext<TContext>): Promise<void> | void;
  /** `input.transcribe`. @defaultValue throws, which the simulator answers with status 500 */
  transcribe?(audio: AudioInput, ctx: HookContext<TContext>): Promise<{ text: string }> | { text: string };
  /** The first event of every pipeline. @defaultValue `{ allow_cancel: true }` */
  streamOptions?(thread: ThreadMetadata, ctx: HookContext<TContext>): { allow_cancel: boolean };
  /**
   * Runs when a stream is cancelled mid-pipeline. @defaultValue upstream's `handle_stream_cancelled`: adds
   * every pending assistant message with non-blank text, then an `sdk_hidden_context` marker item
   */
  handleStreamCancelled?(thread: ThreadMetadata, pendingItems: ThreadItem[], ctx: RespondContext<TContext>): Promise<void>;
}

// ------------------------------------------------------------------ reply helpers

type Text = string | ((input: UserMessageItem | null, thread: ThreadMetadata) => string);

function textOf(text: Text, input: UserMessageItem | null, thread: ThreadMetadata): string {
  return typeof text === "function" ? text(input, thread) : text;
}

/** The text of a user message's `input_text` parts, joined. */
export function userText(input: UserMessageItem | null): string {
  if (!input) return "";
  return input.content.map((c) => (c.type === "input_text" ? c.text : "")).join("");
}

function assistantMessage(thread: ThreadMetadata, ctx: RespondContext<unknown>, text: string, id?: string): AssistantMessageItem {
  return {
    type: "assistant_message",
    id: id ?? ctx.itemId("message"),
    thread_id: thread.id,
    created_at: ctx.now(),
    content: [{ type: "output_text", text, annotations: [] }],
  };
}

/** Options of {@link reply.stream}. */
export interface StreamTextOptions {
  /** The assistant message's id. @defaultValue `ctx.itemId("message")` */
  id?: string;
  /**
   * Finish the message (`content_part.done` then `thread.item.done`). With `false` the message stays
   * pending, e.g. to test cancellation. @defaultValue `true`
   */
  finish?: boolean;
}

/**
 * Ready-made responders for the common replies. Each returns a {@link Responder}; pass one as
 * `respond`, or combine them with `reply.sequence`.
 *
 * @example
 * ```ts
 * const sim = new ChatKitSimulator({ store, assistant: { respond: reply.sequence(reply.stream(["Hel", "lo"]), reply.widget(card)) } });
 * ```
 */
export const reply = {
  /** Nothing: the stream carries only `stream_options` (and whatever the flow adds). */
  none<TContext = unknown>(): Responder<TContext> {
    return () => [];
  },

  /** Echoes the user's text as one finished assistant message; nothing when there is no user message. */
  echo<TContext = unknown>(): Responder<TContext> {
    return (thread, input, ctx) => (input ? [{ type: "thread.item.done", item: assistantMessage(thread, ctx as RespondContext<unknown>, userText(input)) }] : []);
  },

  /** One finished assistant message: a single `thread.item.done`. */
  text<TContext = unknown>(text: Text): Responder<TContext> {
    return (thread, input, ctx) => [{ type: "thread.item.done", item: assistantMessage(thread, ctx as RespondContext<unknown>, textOf(text, input, thread)) }];
  },

  /**
   * An assistant message streamed as text deltas, as the agents helper does: `thread.item.added` (empty),
   * `content_part.added`, one `text_delta` per chunk, `content_part.done`, `thread.item.done`.
   * @param chunks - the deltas (a string is one delta)
   */
  stream<TContext = unknown>(chunks: string | readonly string[], options: StreamTextOptions = {}): Responder<TContext> {
    const parts = typeof chunks === "string" ? [chunks] : [...chunks];
    return async function* (thread, _input, ctx) {
      const item = assistantMessage(thread, ctx as RespondContext<unknown>, "", options.id);
      item.content = [];
      yield { type: "thread.item.added", item: structuredClone(item) };
      yield {
        type: "thread.item.updated",
        item_id: item.id,
        update: { type: "assistant_message.content_part.added", content_index: 0, content: { type: "output_text", text: "", annotations: [] } },
      };
      for (const delta of parts) {
        yield { type: "thread.item.updated", item_id: item.id, update: { type: "assistant_message.content_part.text_delta", content_index: 0, delta } };
      }
      if (options.finish === false) return;
      const content = { type: "output_text" as const, text: parts.join(""), annotations: [] };
      yield { type: "thread.item.updated", item_id: item.id, update: { type: "assistant_message.content_part.done", content_index: 0, content } };
      yield { type: "thread.item.done", item: { ...item, content: [content] } };
    };
  },

  /** A widget item (`thread.item.done`), as upstream `stream_widget` does for a static widget. */
  widget<TContext = unknown>(widget: WidgetRoot, options: { copyText?: string } = {}): Responder<TContext> {
    return (thread, _input, ctx) => {
      const item: WidgetItem = { type: "widget", id: ctx.itemId("message"), thread_id: thread.id, created_at: ctx.now(), widget: structuredClone(widget) };
      if (options.copyText !== undefined) item.copy_text = options.copyText;
      return [{ type: "thread.item.done", item }];
    };
  },

  /**
   * A workflow: `thread.item.added` (no tasks), one `workflow.task.added` per task, then
   * `thread.item.done` with every task and the summary.
   */
  workflow<TContext = unknown>(tasks: readonly Task[], options: { type?: "custom" | "reasoning"; summary?: WorkflowSummary; expanded?: boolean } = {}): Responder<TContext> {
    return async function* (thread, _input, ctx) {
      const item: WorkflowItem = {
        type: "workflow",
        id: ctx.itemId("workflow"),
        thread_id: thread.id,
        created_at: ctx.now(),
        workflow: { type: options.type ?? "custom", tasks: [], ...(options.expanded !== undefined ? { expanded: options.expanded } : {}) },
      };
      yield { type: "thread.item.added", item: structuredClone(item) };
      for (const [i, task] of tasks.entries()) {
        yield { type: "thread.item.updated", item_id: item.id, update: { type: "workflow.task.added", task_index: i, task: structuredClone(task) } };
      }
      const done: WorkflowItem = { ...item, workflow: { ...item.workflow, tasks: structuredClone([...tasks]) } };
      if (options.summary) done.workflow.summary = structuredClone(options.summary);
      yield { type: "thread.item.done", item: done };
    };
  },

  /** A pending client tool call (`thread.item.done`); the client answers with `threads.add_client_tool_output`. */
  clientToolCall<TContext = unknown>(name: string, args: Record<string, unknown> = {}, options: { callId?: string } = {}): Responder<TContext> {
    return (thread, _input, ctx) => {
      const id = ctx.itemId("tool_call");
      const item: ClientToolCallItem = {
        type: "client_tool_call",
        id,
        thread_id: thread.id,
        created_at: ctx.now(),
        status: "pending",
        call_id: options.callId ?? id,
        name,
        arguments: structuredClone(args),
      };
      return [{ type: "thread.item.done", item }];
    };
  },

  /** A pending structured-input item (`thread.item.done`); the client answers with `threads.add_structured_input`. */
  structuredInput<TContext = unknown>(inputs: readonly StructuredInput[]): Responder<TContext> {
    return (thread, _input, ctx) => {
      const item: StructuredInputItem = {
        type: "structured_input",
        id: ctx.itemId("message"),
        thread_id: thread.id,
        created_at: ctx.now(),
        status: "pending",
        inputs: structuredClone([...inputs]),
      };
      return [{ type: "thread.item.done", item }];
    };
  },

  /** A `hidden_context_item`: stored, never sent to the client (its `thread.item.done` is swallowed). */
  hiddenContext<TContext = unknown>(content: unknown): Responder<TContext> {
    return (thread, _input, ctx) => {
      const item: HiddenContextItem = { type: "hidden_context_item", id: ctx.itemId("message"), thread_id: thread.id, created_at: ctx.now(), content: structuredClone(content) };
      return [{ type: "thread.item.done", item }];
    };
  },

  /** A `progress_update` event (never stored). */
  progress<TContext = unknown>(text: string, icon?: string): Responder<TContext> {
    return () => [{ type: "progress_update", text, ...(icon !== undefined ? { icon } : {}) }];
  },

  /**
   * Ends the stream with an error: {@link CustomStreamError} → `code: "custom"` with its message,
   * {@link StreamError} → its code, anything else → `stream.error` with `allow_retry: true`.
   */
  error<TContext = unknown>(error: unknown): Responder<TContext> {
    return () => {
      throw error;
    };
  },

  /** Changes the thread (`Object.assign(thread, changes)`): the simulator saves it and emits `thread.updated`. */
  updateThread<TContext = unknown>(changes: Partial<Omit<ThreadMetadata, "id">> | ((thread: ThreadMetadata) => void)): Responder<TContext> {
    return (thread) => {
      if (typeof changes === "function") changes(thread);
      else Object.assign(thread, structuredClone(changes));
      return [];
    };
  },

  /** These events, exactly as given. */
  events<TContext = unknown>(...events: ThreadStreamEvent[]): Responder<TContext> {
    return () => structuredClone(events);
  },

  /** Runs responders one after the other, in one turn. */
  sequence<TContext = unknown>(...responders: Responder<TContext>[]): Responder<TContext> {
    return async function* (thread, input, ctx) {
      for (const r of responders) yield* r(thread, input, ctx) as AsyncIterable<ThreadStreamEvent>;
    };
  },
};

// ------------------------------------------------------------------ StreamController

/** What {@link StreamController.started} resolves to: the arguments `respond` was called with. */
export interface StreamStart<TContext = unknown> {
  readonly thread: ThreadMetadata;
  readonly input: UserMessageItem | null;
  readonly ctx: RespondContext<TContext>;
}

/** Options of {@link StreamController}. */
export interface StreamControllerOptions<TContext = unknown> {
  /** A responder whose events are delivered first, through the same gate (so `hold` pauses it). */
  source?: Responder<TContext>;
  /** Start held: nothing is delivered until `release()`. @defaultValue `false` */
  held?: boolean;
}

type Entry<TContext> = ThreadStreamEvent | Responder<TContext>;

/**
 * Drives one stream from a test. Use its {@link StreamController.respond} as the assistant's `respond`
 * (or `action`), then push events, hold and release delivery, end, fail, or drop the connection while
 * the client is reading. Works with the bare simulator; msw is not needed.
 *
 * One controller serves one stream: a second call of `respond` fails that stream with a clear error.
 *
 * @example
 * ```ts
 * const stream = new StreamController();
 * sim.setAssistant({ respond: stream.respond });
 * const events = client.request("threads.create", { input });
 * const { thread } = await stream.started;
 * stream.push(...).end();
 * ```
 */
export class StreamController<TContext = unknown> {
  /** Events `respond` has yielded so far, in order. */
  readonly delivered: ThreadStreamEvent[] = [];
  /** Resolves when `respond` is first called. */
  readonly started: Promise<StreamStart<TContext>>;
  /** Resolves when `respond` has returned or thrown (or the stream was cancelled). */
  readonly finished: Promise<void>;

  private readonly queue: Entry<TContext>[] = [];
  private held: boolean;
  private ended = false;
  private failure: { error: unknown } | null = null;
  private waiters: (() => void)[] = [];
  /** Resolved when `respond` waits with nothing left to deliver (the pipeline has processed every event), or ends. */
  private idleWaiters: (() => void)[] = [];
  private done = false;
  private waiting = false;
  private start: StreamStart<TContext> | null = null;
  private resolveStarted!: (s: StreamStart<TContext>) => void;
  private resolveFinished!: () => void;

  constructor(options: StreamControllerOptions<TContext> = {}) {
    this.held = options.held ?? false;
    if (options.source) this.queue.push(options.source);
    this.started = new Promise((r) => (this.resolveStarted = r));
    this.finished = new Promise((r) => (this.resolveFinished = r));
  }

  /** The responder to install as `respond` (or `action`; its `sender` is ignored). Bound; pass it as it is. */
  readonly respond = (thread: ThreadMetadata, input: UserMessageItem | null, ctx: RespondContext<TContext>): ResponderOutput => {
    if (input !== null && typeof input === "object" && (input as { type?: unknown }).type !== "user_message") input = null; // called as an action
    return this.run(thread, input, ctx);
  };

  /** Whether delivery is held. */
  get isHeld(): boolean {
    return this.held;
  }

  /** Queues events (or responders, run with this turn's arguments) for delivery. */
  push(...entries: Entry<TContext>[]): this {
    this.assertOpen("push");
    this.queue.push(...entries);
    this.notify();
    return this;
  }

  /** Stops delivery after the current event; pushed events wait until {@link release}. */
  hold(): this {
    this.held = true;
    return this;
  }

  /** Resumes delivery. */
  release(): this {
    this.held = false;
    this.notify();
    return this;
  }

  /** Ends the turn once everything queued is delivered (`respond` returns). */
  end(): this {
    this.assertOpen("end");
    this.ended = true;
    this.notify();
    return this;
  }

  /**
   * Makes `respond` throw once everything queued is delivered: the stream ends with the matching error
   * event (docs/upstream.md §4.4 step 5).
   * @param error - @defaultValue an `Error`, reported as `stream.error` with `allow_retry: true`
   */
  fail(error: unknown = new Error(prefixed("StreamController: failed by the test"))): this {
    this.assertOpen("fail");
    this.failure = { error };
    this.notify();
    return this;
  }

  /**
   * Drops the connection as a network failure would (see {@link RespondContext.disconnect}) and waits
   * until the simulator has finished the request, cancellation handling included. Events pushed before
   * are delivered (and written) first, unless delivery is held: held events are lost with the connection.
   */
  async abort(reason?: unknown): Promise<void> {
    const { ctx } = await this.started;
    if (!this.held && !this.done && !this.waiting) await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
    ctx.disconnect(reason);
    await ctx.request.done;
  }

  private assertOpen(method: string): void {
    if (this.ended || this.failure) {
      throw new Error(prefixed(`StreamController.${method}: the stream was already ${this.ended ? "ended" : "failed"}`));
    }
  }

  private idle(): void {
    const w = this.idleWaiters;
    this.idleWaiters = [];
    for (const f of w) f();
  }

  private notify(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }

  private wait(signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        signal.removeEventListener("abort", done);
        resolve();
      };
      this.waiters.push(done);
      signal.addEventListener("abort", done, { once: true });
    });
  }

  private async *run(thread: ThreadMetadata, input: UserMessageItem | null, ctx: RespondContext<TContext>): AsyncGenerator<ThreadStreamEvent> {
    if (this.start) throw new Error(prefixed("StreamController: respond was called a second time; a controller drives one stream (create one per turn)"));
    this.start = { thread, input, ctx };
    this.resolveStarted(this.start);
    try {
      let current: Iterator<ThreadStreamEvent> | AsyncIterator<ThreadStreamEvent> | null = null;
      for (;;) {
        while (!ctx.signal.aborted && (this.held || (current === null && this.queue.length === 0 && !this.ended && !this.failure))) {
          this.waiting = true;
          this.idle();
          await this.wait(ctx.signal);
          this.waiting = false;
        }
        if (ctx.signal.aborted) return;
        if (current) {
          const step = await current.next();
          if (step.done) current = null;
          else {
            this.delivered.push(step.value);
            yield step.value;
          }
          continue;
        }
        const next = this.queue.shift();
        if (next !== undefined) {
          if (typeof next === "function") {
            const out = next(thread, input, ctx);
            current = Symbol.asyncIterator in out ? (out as AsyncIterable<ThreadStreamEvent>)[Symbol.asyncIterator]() : (out as Iterable<ThreadStreamEvent>)[Symbol.iterator]();
          } else {
            this.delivered.push(next);
            yield next;
          }
          continue;
        }
        if (this.failure) throw this.failure.error;
        return;
      }
    } finally {
      this.done = true;
      this.idle();
      this.resolveFinished();
    }
  }
}
