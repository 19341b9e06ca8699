import * as fc from "fast-check";
import type { StructuredInputItem } from "../model/items.js";
import { assemble, readItem, type ItemConstraints, type ItemParts } from "./internal/item.js";
import { fields, list } from "./internal/model.js";
import { structuredInputOf } from "./structuredInput.js";

/** @internal */
export function structuredInputItemOf({ s, base }: ItemParts): fc.Arbitrary<StructuredInputItem> {
  return assemble("structured_input", base, fields({ inputs: list(s, structuredInputOf(s)) }, { status: fc.constantFrom("pending", "answered", "skipped") }));
}

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
