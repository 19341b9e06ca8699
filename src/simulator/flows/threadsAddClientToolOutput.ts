/**
 * `threads.add_client_tool_output` (docs/upstream.md §4.3.3), with this package's fix for §6.16.
 *
 * Upstream looks only at the single newest item, so a hidden item (or a timestamp tie) written after the
 * call makes it fail. Here the newest **20** items are searched (desc) for the newest pending
 * `client_tool_call`, the look-back of the unmerged upstream fix (PR #123) and of upstream's own cleanup
 * step. When none is found the stream is aborted, as upstream does today (the PR would resume anyway).
 * Then: `output` = result, `status` = `"completed"`, `saveItem`; every other pending call among the
 * newest 20 is deleted; `respond(thread, null)` runs through the pipeline.
 * @internal
 */
import type { ClientToolCallItem } from "../../model/items.js";
import { flowError, type StreamFlow } from "../internal/env.js";
import { processEvents } from "../internal/pipeline.js";
import { DEFAULT_PAGE_SIZE } from "../internal/paging.js";

/** How many of the newest items are searched for the pending call (and cleaned up). */
export const CLIENT_TOOL_CALL_LOOKBACK = DEFAULT_PAGE_SIZE;

export const threadsAddClientToolOutput: StreamFlow<"threads.add_client_tool_output"> = {
  streaming: true,
  async *run(params, env) {
    const { store, context } = env;
    const thread = await store.loadThread(params.thread_id, context);
    const newest = await store.loadThreadItems(thread.id, null, CLIENT_TOOL_CALL_LOOKBACK, "desc", context);
    const call = newest.data.find((i): i is ClientToolCallItem => i.type === "client_tool_call" && (i.status ?? "pending") === "pending");
    if (!call) {
      throw flowError(
        "threads.add_client_tool_output",
        `no pending client_tool_call among the newest ${CLIENT_TOOL_CALL_LOOKBACK} items of thread ${JSON.stringify(thread.id)}`,
      );
    }
    call.output = params.result === undefined ? null : params.result;
    call.status = "completed";
    await store.saveItem(thread.id, call, context);
    // Upstream `_cleanup_pending_client_tool_call`.
    const again = await store.loadThreadItems(thread.id, null, CLIENT_TOOL_CALL_LOOKBACK, "desc", context);
    for (const item of again.data) {
      if (item.type === "client_tool_call" && (item.status ?? "pending") === "pending" && item.id !== call.id) {
        await store.deleteThreadItem(thread.id, item.id, context);
      }
    }
    yield* processEvents(env, thread, (ctx) => env.assistant.respond(thread, null, ctx));
  },
};
