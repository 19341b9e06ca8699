import type * as fc from "fast-check";
import type { EndOfTurnItem } from "../model/items.js";
import { assemble, readItem, type ItemConstraints, type ItemParts } from "./internal/item.js";

/** @internal */
export function endOfTurnItemOf({ base }: ItemParts): fc.Arbitrary<EndOfTurnItem> {
  return assemble("end_of_turn", base);
}

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
