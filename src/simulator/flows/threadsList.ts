/**
 * `threads.list` (docs/upstream.md §4.2): `loadThreads(limit || 20, after, order ?? "desc")`; each thread is
 * sent with an empty items page. `has_more` and `after` come from the store.
 * @internal
 */
import type { JsonFlow } from "../internal/env.js";
import { DEFAULT_PAGE_SIZE } from "../internal/paging.js";
import { wirePage, wireThread } from "../protocol/wire.js";

export const threadsList: JsonFlow<"threads.list"> = {
  streaming: false,
  async run(params, env) {
    const page = await env.store.loadThreads(params.limit || DEFAULT_PAGE_SIZE, params.after ?? null, params.order ?? "desc", env.context);
    return wirePage(page, (t) => wireThread({ ...t, items: undefined }));
  },
};
