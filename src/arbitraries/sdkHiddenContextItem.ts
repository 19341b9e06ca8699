import * as fc from "fast-check";
import type { SDKHiddenContextItem } from "../model/items.js";
import { assemble, readItem, type ItemConstraints, type ItemParts } from "./internal/item.js";

/** @internal */
export function sdkHiddenContextItemOf({ s, base }: ItemParts): fc.Arbitrary<SDKHiddenContextItem> {
  return assemble("sdk_hidden_context", base, s.text.map((content) => ({ content })));
}

/**
 * An `sdk_hidden_context` item (written by the SDK, e.g. the cancellation marker; never sent to clients):
 * string `content`.
 *
 * @param constraints - see {@link ItemConstraints}
 * @returns an arbitrary of `sdk_hidden_context` items that pass `parseThreadItem`
 * @throws {InvalidArgumentError} at once, for a bad constraint (`arb.sdkHiddenContextItem: …`)
 */
export function sdkHiddenContextItem(constraints: ItemConstraints = {}): fc.Arbitrary<SDKHiddenContextItem> {
  return sdkHiddenContextItemOf(readItem("sdkHiddenContextItem", constraints));
}
