import * as fc from "fast-check";
import type { SDKHiddenContextItem } from "../model/items.js";
import { defineItem, readItem, type ItemConstraints } from "./internal/item.js";

/** `sdk_hidden_context` items from shared parts: for {@link sdkHiddenContextItem}, and registered under it for `threadItem`. */
const sdkHiddenContextItemOf = defineItem(sdkHiddenContextItem, "sdk_hidden_context", (s) => s.text.map((content) => ({ content })));

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
