import * as fc from "fast-check";
import { THREAD_ITEM_TYPES, type ThreadItem, type ThreadItemType } from "../model/items.js";
import type { Thread } from "../model/thread.js";
import { arbitraryOf, integerIn, subsetOf } from "./internal/check.js";
import { createdAt } from "./createdAt.js";
import { id } from "./id.js";
import { threadItemOf } from "./threadItem.js";
import { readThreadMetadata, type ThreadMetadataConstraints } from "./threadMetadata.js";

/** Constraints of {@link thread}. */
export interface ThreadConstraints extends ThreadMetadataConstraints {
  /**
   * Most items in the thread's `items` page.
   * @defaultValue 3
   */
  maxItems?: number;
  /**
   * Item types of the page (items use the same `idArbitrary` and `createdAtArbitrary` as the thread).
   * @defaultValue every item type: `THREAD_ITEM_TYPES`
   */
  itemTypes?: readonly ThreadItemType[];
}

/**
 * A thread with a page of its items (`threads.get_by_id`, `thread.created`): {@link threadMetadata}
 * plus `items: { data, has_more, after }`, where every item's `thread_id` is the thread's id, item ids
 * are unique, and `after` is the last item's id when `has_more` (otherwise `null` or absent, as server
 * output omits it). Passes `parseThread`. A store's `saveThread` persists only the metadata
 * (C-THREAD-SAVE).
 *
 * @param constraints - see {@link ThreadConstraints}
 * @returns an arbitrary of threads
 * @throws {InvalidArgumentError} at once, for a bad constraint (`arb.thread: …`)
 */
export function thread(constraints: ThreadConstraints = {}): fc.Arbitrary<Thread> {
  const { c, s, metadata } = readThreadMetadata("thread", constraints, ["maxItems", "itemTypes"]);
  const maxItems = integerIn("thread", c, "maxItems", 3, 0);
  const itemTypes = subsetOf("thread", c, "itemTypes", THREAD_ITEM_TYPES);
  const ids = arbitraryOf("thread", c, "idArbitrary", () => id());
  const createdAts = arbitraryOf("thread", c, "createdAtArbitrary", () => createdAt());
  const base = fc.record({ id: ids, thread_id: fc.constant(""), created_at: createdAts }, { noNullPrototype: true });
  const items = fc.uniqueArray(threadItemOf({ s, base }, itemTypes), { maxLength: maxItems, selector: (item) => item.id });
  return fc.tuple(metadata, items, fc.boolean(), fc.boolean()).map(([meta, data, more, omitAfter]) => {
    const owned = data.map((item) => ({ ...item, thread_id: meta.id }) as ThreadItem);
    const has_more = more && owned.length > 0;
    const page = has_more
      ? { data: owned, has_more, after: owned[owned.length - 1]!.id }
      : omitAfter
        ? { data: owned, has_more }
        : { data: owned, has_more, after: null };
    return { ...meta, items: page } as Thread;
  });
}
