/**
 * `threads.custom_action` (docs/upstream.md §4.3.6): load the thread and (when `item_id` is set) the sender
 * item. A sender that is not a widget yields exactly one `error(stream.error, allow_retry: false)`;
 * otherwise `action(thread, action, sender)` runs through the pipeline.
 * @internal
 */
import type { ThreadItem, WidgetItem } from "../../model/items.js";
import { flowError, type StreamFlow } from "../internal/env.js";
import { processEvents } from "../internal/pipeline.js";

export const threadsCustomAction: StreamFlow<"threads.custom_action"> = {
  streaming: true,
  async *run(params, env) {
    const { store, context } = env;
    const thread = await store.loadThread(params.thread_id, context);
    let item: ThreadItem | null = null;
    if (params.item_id) item = await store.loadItem(thread.id, params.item_id, context);
    if (item && item.type !== "widget") {
      yield { type: "error", code: "stream.error", allow_retry: false };
      return;
    }
    const action = env.assistant.action;
    yield* processEvents(env, thread, (ctx) => {
      if (!action) throw flowError("threads.custom_action", "the assistant has no `action` hook (upstream raises NotImplementedError)");
      return action(thread, structuredClone(params.action), item as WidgetItem | null, ctx);
    });
  },
};
