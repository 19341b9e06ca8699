import * as fc from "fast-check";
import type { GeneratedImageItem } from "../model/items.js";
import { defineItem, readItem, type ItemConstraints } from "./internal/item.js";
import { absoluteUrl, fields } from "./internal/model.js";

/** `generated_image` items from shared parts: for {@link generatedImageItem}, and registered under it for `threadItem`. */
const generatedImageItemOf = defineItem(generatedImageItem, "generated_image", (s) =>
  fields({}, {}, { image: fields({ id: s.text, url: fc.oneof(absoluteUrl(), s.text) }) }),
);

/**
 * A `generated_image` item: `image` (`{ id, url }`) absent, `null` (still generating) or set.
 *
 * @param constraints - see {@link ItemConstraints}
 * @returns an arbitrary of `generated_image` items that pass `parseThreadItem`
 * @throws {InvalidArgumentError} at once, for a bad constraint (`arb.generatedImageItem: …`)
 */
export function generatedImageItem(constraints: ItemConstraints = {}): fc.Arbitrary<GeneratedImageItem> {
  return generatedImageItemOf(readItem("generatedImageItem", constraints));
}
