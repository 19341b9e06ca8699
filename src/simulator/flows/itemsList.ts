/**
 * `items.list` (docs/upstream.md §4.2): `loadThreadItems(thread_id, after, limit || 20, order ?? "desc")`
 * without loading the thread (an unknown thread is an empty page, C-MISSING-THREAD); hidden items are
 * removed after paging, so a page may be empty with `has_more: true` and an `after` the client never saw.
 * @internal
 */
import type { JsonFlow } from "../internal/env.js";
import { wireVisibleItems } from "../protocol/wire.js";
import { DEFAULT_PAGE_SIZE } from "../internal/paging.js";

export const itemsList: JsonFlow<"items.list"> = {
  streaming: false,
  async run(params, env) {
    const page = await env.store.loadThreadItems(params.thread_id, params.after ?? null, params.limit || DEFAULT_PAGE_SIZE, params.order ?? "desc", env.context);
    return wireVisibleItems(page);
  },
};
