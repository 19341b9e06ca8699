/**
 * `threads.get_by_id` (docs/upstream.md §4.2): the thread with its **oldest** 20 items, ascending, hidden ones
 * removed after paging; `metadata` sent as `{}`.
 * @internal
 */
import type { JsonFlow } from "../internal/env.js";
import { wireThread } from "../protocol/wire.js";
import { DEFAULT_PAGE_SIZE } from "../internal/paging.js";

/** Upstream `_load_full_thread`: a fixed first page of 20, ascending. */
export const GET_BY_ID_PAGE_SIZE = DEFAULT_PAGE_SIZE;

export const threadsGetById: JsonFlow<"threads.get_by_id"> = {
  streaming: false,
  async run(params, env) {
    const thread = await env.store.loadThread(params.thread_id, env.context);
    const items = await env.store.loadThreadItems(params.thread_id, null, GET_BY_ID_PAGE_SIZE, "asc", env.context);
    return wireThread({ ...thread, items });
  },
};
