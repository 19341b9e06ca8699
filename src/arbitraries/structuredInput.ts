import * as fc from "fast-check";
import type { StructuredInput } from "../model/items.js";
import { subsetOf } from "./internal/check.js";
import { fields, list, readModelConstraints, type ModelConstraints, type ModelSettings } from "./internal/model.js";

/** The `type` of a {@link StructuredInput}. */
export type StructuredInputType = StructuredInput["type"];
const TYPES: readonly StructuredInputType[] = ["multiple_choice", "freeform"];

/** Constraints of {@link structuredInput}. */
export interface StructuredInputConstraints extends ModelConstraints {
  /**
   * Which inputs to generate.
   * @defaultValue `["multiple_choice", "freeform"]`
   */
  types?: readonly StructuredInputType[];
}

/** Structured inputs of the given types. @internal */
export function structuredInputOf(s: ModelSettings, types: readonly StructuredInputType[] = TYPES): fc.Arbitrary<StructuredInput> {
  const answer = fields({}, { values: list(s, s.text), skipped: fc.boolean() });
  const byType = {
    multiple_choice: fields<StructuredInput>(
      { type: fc.constant("multiple_choice"), id: s.text, question: s.text, options: list(s, fields({ value: s.text })) },
      { multiple: fc.boolean() },
      { answer },
    ),
    freeform: fields<StructuredInput>({ type: fc.constant("freeform"), id: s.text, question: s.text }, {}, { answer, description: s.text }),
  };
  return fc.oneof(...types.map((t) => byType[t]));
}

/**
 * A question of a structured-input item (docs/upstream.md §2.8): `multiple_choice` (options as
 * `{ value }` objects) or `freeform`, answered (`{ values?, skipped? }`), unanswered or `null`.
 *
 * @param constraints - see {@link StructuredInputConstraints}
 * @returns an arbitrary of structured inputs
 * @throws {InvalidArgumentError} at once, for a bad constraint (`arb.structuredInput: …`)
 */
export function structuredInput(constraints: StructuredInputConstraints = {}): fc.Arbitrary<StructuredInput> {
  const { c, s } = readModelConstraints("structuredInput", constraints, ["types"]);
  return structuredInputOf(s, subsetOf("structuredInput", c, "types", TYPES));
}
