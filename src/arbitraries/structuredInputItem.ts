import * as fc from "fast-check";
import type { StructuredInputItem } from "../model/items.js";
import { defineItem, readItem, type ItemConstraints } from "./internal/item.js";
import { fields, list } from "./internal/model.js";
import { structuredInputOf } from "./structuredInput.js";

/** `structured_input` items from shared parts: for {@link structuredInputItem}, and registered under it for `threadItem`. */
const structuredInputItemOf = defineItem(structuredInputItem, "structured_input", (s) =>
  fields({ inputs: list(s, structuredInputOf(s)) }, { status: fc.constantFrom("pending", "answered", "skipped") }),
);

/**
 * A `structured_input` item: `status` pending, answered or skipped (or absent) and a list of {@link
 * structuredInput} questions.
 *
 * @param constraints - see {@link ItemConstraints}
 * @returns an arbitrary of `structured_input` items that pass `parseThreadItem`
 * @throws {InvalidArgumentError} at once, for a bad constraint (`arb.structuredInputItem: …`)
 */
export function structuredInputItem(constraints: ItemConstraints = {}): fc.Arbitrary<StructuredInputItem> {
  return structuredInputItemOf(readItem("structuredInputItem", constraints));
}
