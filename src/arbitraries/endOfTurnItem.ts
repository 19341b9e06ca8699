import type * as fc from "fast-check";
import type { EndOfTurnItem } from "../model/items.js";
import { defineItem, readItem, type ItemConstraints } from "./internal/item.js";

/** `end_of_turn` items from shared parts: for {@link endOfTurnItem}, and registered under it for `threadItem`. */
const endOfTurnItemOf = defineItem(endOfTurnItem, "end_of_turn");

/**
 * An `end_of_turn` item: nothing but `type`, `id`, `thread_id` and `created_at`.
 *
 * @param constraints - see {@link ItemConstraints}
 * @returns an arbitrary of `end_of_turn` items that pass `parseThreadItem`
 * @throws {InvalidArgumentError} at once, for a bad constraint (`arb.endOfTurnItem: …`)
 */
export function endOfTurnItem(constraints: ItemConstraints = {}): fc.Arbitrary<EndOfTurnItem> {
  return endOfTurnItemOf(readItem("endOfTurnItem", constraints));
}
