/**
 * `threads.retry_after_item` (docs/upstream.md §4.3.5): walk the items newest first (pages of 20) until the
 * user message, delete every newer item (hidden ones included, no events), then respond to it again.
 * An unknown `item_id` gives an empty stream, as upstream.
 *
 * With the contract's total order (C-ORDER) a reply with the same `created_at` as the user message sorts
 * after it, so it is deleted too (upstream keeps it, §3.2).
 * @internal
 */
import type { ThreadItem } from "../../model/items.js";
import { flowError, type StreamFlow } from "../internal/env.js";
import { DEFAULT_PAGE_SIZE } from "../internal/paging.js";
import { processEvents } from "../internal/pipeline.js";

/** Page size of the reverse walk (upstream `_paginate_thread_items_reverse`). */
const PAGE = DEFAULT_PAGE_SIZE;

export const threadsRetryAfterItem: StreamFlow<"threads.retry_after_item"> = {
  streaming: true,
  async *run(params, env) {
    const { store, context } = env;
    const thread = await store.loadThread(params.thread_id, context);
    const newer: ThreadItem[] = [];
    let after: string | null = null;
    for (;;) {
      const page = await store.loadThreadItems(thread.id, after, PAGE, "desc", context);
      for (const item of page.data) {
        if (item.id !== params.item_id) {
          newer.push(item);
          continue;
        }
        if (item.type !== "user_message") {
          throw flowError("threads.retry_after_item", `item ${JSON.stringify(item.id)} must be a user_message, got ${item.type}`);
        }
        for (const n of newer) await store.deleteThreadItem(thread.id, n.id, context);
        yield* processEvents(env, thread, (ctx) => env.assistant.respond(thread, item, ctx));
        return;
      }
      if (!page.has_more || page.after === null) return; // not found: an empty stream
      after = page.after;
    }
  },
};
