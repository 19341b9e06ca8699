import * as fc from "fast-check";
import type { InferenceOptions } from "../model/items.js";
import { fields, readModelConstraints, type ModelConstraints, type ModelSettings } from "./internal/model.js";

/** Inference options. @internal */
export function inferenceOptionsOf(s: ModelSettings): fc.Arbitrary<InferenceOptions> {
  return fields({}, {}, { tool_choice: fields({ id: s.text }), model: fc.oneof(fc.constantFrom("gpt-5", "gpt-4.1-mini"), s.text) });
}

/**
 * A user message's `inference_options`: `{ tool_choice?: { id } | null, model?: string | null }`,
 * often `{}`.
 *
 * @param constraints - see {@link ModelConstraints}
 * @returns an arbitrary of inference options
 * @throws {InvalidArgumentError} at once, for a bad constraint (`arb.inferenceOptions: …`)
 */
export function inferenceOptions(constraints: ModelConstraints = {}): fc.Arbitrary<InferenceOptions> {
  return inferenceOptionsOf(readModelConstraints("inferenceOptions", constraints).s);
}
