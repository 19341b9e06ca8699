import * as fc from "fast-check";
import type { HiddenContextItem } from "../model/items.js";
import { defineItem, readItem, type ItemConstraints } from "./internal/item.js";

/** `hidden_context_item` items from shared parts: for {@link hiddenContextItem}, and registered under it for `threadItem`. */
const hiddenContextItemOf = defineItem(hiddenContextItem, "hidden_context_item", (s) => s.json.map((content) => ({ content })));

/**
 * A `hidden_context_item` (integration-defined, never sent to clients): `content` is any JSON, `null`
 * included, and is always present.
 *
 * @param constraints - see {@link ItemConstraints}
 * @returns an arbitrary of `hidden_context_item` items that pass `parseThreadItem`
 * @throws {InvalidArgumentError} at once, for a bad constraint (`arb.hiddenContextItem: …`)
 */
export function hiddenContextItem(constraints: ItemConstraints = {}): fc.Arbitrary<HiddenContextItem> {
  return hiddenContextItemOf(readItem("hiddenContextItem", constraints));
}
