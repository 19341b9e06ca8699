/**
 * `threads.sync_custom_action` (docs/upstream.md §4.2): load the thread and (when `item_id` is set) the sender,
 * which must be a widget; call `syncAction`; send `{updated_item?}`. The updated item is **not** persisted
 * (upstream leaves that to the integrator, §6.18).
 * @internal
 */
import type { ThreadItem, WidgetItem } from "../../model/items.js";
import { flowError, type JsonFlow } from "../internal/env.js";
import { wireItem } from "../protocol/wire.js";

export const threadsSyncCustomAction: JsonFlow<"threads.sync_custom_action"> = {
  streaming: false,
  async run(params, env) {
    const thread = await env.store.loadThread(params.thread_id, env.context);
    let item: ThreadItem | null = null;
    if (params.item_id) item = await env.store.loadItem(thread.id, params.item_id, env.context);
    if (item && item.type !== "widget") {
      throw flowError("threads.sync_custom_action", `item ${JSON.stringify(item.id)} must be a widget, got ${item.type}`);
    }
    const syncAction = env.assistant.syncAction;
    if (!syncAction) throw flowError("threads.sync_custom_action", "the assistant has no `syncAction` hook (upstream raises NotImplementedError)");
    const result = await syncAction(thread, structuredClone(params.action), item as WidgetItem | null, env.hookContext());
    const updated = result?.updated_item;
    return updated ? { updated_item: wireItem(updated) } : {};
  },
};
