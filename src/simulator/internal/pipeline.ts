/**
 * Upstream `_process_events` (docs/upstream.md §4.4): every streamed event's store write, the hidden-item
 * filter, thread-change detection, error events and cancellation handling. @internal
 */
import { isHiddenItem, type AssistantMessageItem, type ThreadItem, type WorkflowItem } from "../../model/items.js";
import { copyJson, jsonEqual, renderPath } from "../../model/json.js";
import type { ThreadMetadata } from "../../model/thread.js";
import { ValidationError } from "../../errors/errors.js";
import type { RespondContext, ResponderOutput } from "../assistant.js";
import { errorEventFor } from "../errors.js";
import { ThreadStreamEventSchema, type ThreadItemUpdatedEvent, type ThreadStreamEvent } from "../protocol/events.js";
import { CANCELLED, type FlowEnv } from "./env.js";
import { prefixed, showKey } from "../../errors/render.js";

/** Content of the marker item written when a stream is cancelled (upstream, verbatim). */
export const CANCELLED_MARKER = "The user cancelled the stream. Stop responding to the prior request.";

/** The thread without its `items` (a `Thread` is compared by its metadata). */
function metadataOf(thread: ThreadMetadata): unknown {
  const { items: _items, ...rest } = thread as ThreadMetadata & { items?: unknown };
  try {
    return structuredClone(rest);
  } catch {
    return { ...rest };
  }
}

function toIterator(out: ResponderOutput): Iterator<ThreadStreamEvent> | AsyncIterator<ThreadStreamEvent> {
  if (out && typeof (out as AsyncIterable<ThreadStreamEvent>)[Symbol.asyncIterator] === "function") {
    return (out as AsyncIterable<ThreadStreamEvent>)[Symbol.asyncIterator]();
  }
  if (out && typeof (out as Iterable<ThreadStreamEvent>)[Symbol.iterator] === "function") return (out as Iterable<ThreadStreamEvent>)[Symbol.iterator]();
  throw new TypeError(prefixed(`respond: must return an iterable or async iterable of events, got ${out === null ? "null" : typeof out}`));
}

/** Checks one event a responder yielded and returns a private deep copy. @throws {ValidationError} */
function checkEvent(event: unknown): ThreadStreamEvent {
  const copy = copyJson(event, "event");
  if (!copy.ok) throw new ValidationError("ThreadStreamEvent", [{ path: copy.problem.path, message: copy.problem.problem }]);
  const result = ThreadStreamEventSchema.safeParse(copy.value);
  if (!result.success) {
    throw new ValidationError(
      "ThreadStreamEvent",
      result.error.issues.map((i) => ({ path: renderPath("event", i.path), message: i.message })),
    );
  }
  return copy.value as ThreadStreamEvent;
}

function closeQuietly(iterator: Iterator<unknown> | AsyncIterator<unknown> | null): void {
  if (!iterator?.return) return;
  try {
    const r = iterator.return() as unknown;
    if (r && typeof (r as Promise<unknown>).then === "function") (r as Promise<unknown>).then(undefined, () => {});
  } catch {
    // a generator that is running cannot be closed; it ends on its own
  }
}

/** Upstream `_update_pending_items`: content-part updates of assistant messages, task updates of workflows. */
function updatePending(pending: Map<string, ThreadItem>, event: ThreadItemUpdatedEvent): void {
  const item = pending.get(event.item_id);
  if (!item) return;
  const u = event.update;
  if (item.type === "assistant_message") {
    const msg = item as AssistantMessageItem;
    if (!("content_index" in u)) return;
    while (msg.content.length <= u.content_index) msg.content.push({ type: "output_text", text: "", annotations: [] });
    const part = msg.content[u.content_index]!;
    switch (u.type) {
      case "assistant_message.content_part.added":
      case "assistant_message.content_part.done":
        msg.content[u.content_index] = structuredClone(u.content);
        break;
      case "assistant_message.content_part.text_delta":
        part.text += u.delta;
        break;
      case "assistant_message.content_part.annotation_added": {
        const annotations = (part.annotations ??= []);
        if (u.annotation_index <= annotations.length) annotations.splice(u.annotation_index, 0, structuredClone(u.annotation));
        else annotations.push(structuredClone(u.annotation));
        break;
      }
    }
  } else if (item.type === "workflow") {
    const tasks = (item as WorkflowItem).workflow.tasks;
    if (u.type === "workflow.task.added") {
      // Appended whatever `task_index` says, as upstream does (docs/server-flows.md, "Matching upstream's pipeline").
      tasks.push(structuredClone(u.task));
    } else if (u.type === "workflow.task.updated") {
      // Upstream indexes the task list directly, so an index past its end fails the stream (stream.error)
      // before the event is sent (docs/server-flows.md, "Matching upstream's pipeline").
      if (u.task_index >= tasks.length) {
        throw new RangeError(
          prefixed(`workflow.task.updated: task_index ${u.task_index} is out of range for pending workflow ${showKey(event.item_id)} with ${tasks.length} task(s)`),
        );
      }
      tasks[u.task_index] = structuredClone(u.task);
    }
  }
}

/** Upstream `handle_stream_cancelled`: keep pending assistant text, then leave a marker for the next turn. */
export async function defaultHandleStreamCancelled<C>(thread: ThreadMetadata, pendingItems: ThreadItem[], ctx: RespondContext<C>): Promise<void> {
  for (const item of pendingItems) {
    if (item.type !== "assistant_message") continue;
    if (item.content.some((c) => typeof c.text === "string" && c.text.trim() !== "")) await ctx.store.addThreadItem(thread.id, item, ctx.context);
  }
  await ctx.store.addThreadItem(
    thread.id,
    { type: "sdk_hidden_context", id: ctx.itemId("sdk_hidden_context"), thread_id: thread.id, created_at: ctx.now(), content: CANCELLED_MARKER },
    ctx.context,
  );
}

/**
 * The event pipeline: `stream_options`, then each handler event after its store write, `thread.updated`
 * after any event that changed the thread and at the end, one error event on a failure, and
 * cancellation handling when the stream is cancelled.
 * @param thread - the live thread object the handler may mutate
 * @param stream - starts the handler (`respond`, `action`, …)
 */
export async function* processEvents<C>(env: FlowEnv<C>, thread: ThreadMetadata, stream: (ctx: RespondContext<C>) => ResponderOutput): AsyncGenerator<ThreadStreamEvent> {
  env.pipelineStarted = true;
  if (env.signal.aborted) return; // cancelled before the pipeline began: nothing to hand over (upstream raises before its try)
  const ctx = env.respondContext(thread);
  const { store, context } = env;
  yield { type: "stream_options", stream_options: env.assistant.streamOptions?.(thread, ctx) ?? { allow_cancel: true } };

  let last = metadataOf(thread);
  const pending = new Map<string, ThreadItem>();
  let iterator: Iterator<ThreadStreamEvent> | AsyncIterator<ThreadStreamEvent> | null = null;
  const threadChanged = () => !jsonEqual(metadataOf(thread), last, { nullish: true });
  const threadUpdated = async (): Promise<ThreadStreamEvent> => {
    last = metadataOf(thread);
    await store.saveThread(thread, context);
    return { type: "thread.updated", thread: structuredClone(thread) as never };
  };

  try {
    iterator = toIterator(stream(ctx));
    for (;;) {
      const next = Promise.resolve(iterator.next());
      next.catch(() => {});
      const step = await Promise.race([env.cancelled, next]);
      // A handler that stops because the signal aborted must not look like a normal end.
      if (step === CANCELLED || env.signal.aborted) throw CANCELLED;
      if (step.done) break;
      const event = checkEvent(step.value);
      switch (event.type) {
        case "thread.item.added":
          pending.set(event.item.id, structuredClone(event.item));
          break;
        case "thread.item.done":
          await store.addThreadItem(thread.id, event.item, context);
          pending.delete(event.item.id);
          break;
        case "thread.item.removed":
          await store.deleteThreadItem(thread.id, event.item_id, context);
          pending.delete(event.item_id);
          break;
        case "thread.item.replaced":
          await store.saveItem(thread.id, event.item, context);
          pending.delete(event.item.id);
          break;
        case "thread.item.updated":
          updatePending(pending, event);
          break;
      }
      if (env.signal.aborted) throw CANCELLED;
      // Hidden items are stored but never sent (docs/upstream.md §4.4).
      if (!(event.type === "thread.item.done" && isHiddenItem(event.item))) yield event;
      if (threadChanged()) {
        const updated = await threadUpdated();
        if (env.signal.aborted) throw CANCELLED;
        yield updated;
      }
    }
    if (threadChanged()) yield await threadUpdated();
  } catch (error) {
    closeQuietly(iterator);
    if (error === CANCELLED) {
      try {
        await (env.assistant.handleStreamCancelled ?? defaultHandleStreamCancelled)(thread, [...pending.values()], ctx);
      } catch (e) {
        env.record.errors.push(e);
      }
      return;
    }
    env.record.errors.push(error);
    yield errorEventFor(error);
  }
  // One more check after an error (upstream); a no-op after a normal end, which already checked.
  if (threadChanged()) yield await threadUpdated();
}
