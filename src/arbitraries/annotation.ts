import * as fc from "fast-check";
import type { Annotation } from "../model/items.js";
import { fields, readModelConstraints, type ModelConstraints, type ModelSettings } from "./internal/model.js";
import { sourceOf } from "./source.js";

/** An annotation. @internal */
export function annotationOf(s: ModelSettings): fc.Arbitrary<Annotation> {
  return fields({ type: fc.constant("annotation"), source: sourceOf(s) }, {}, { index: fc.integer({ min: -1, max: 10_000 }) });
}

/**
 * An annotation of assistant text: `{ type: "annotation", source, index? }` with any {@link source}.
 *
 * @param constraints - see {@link ModelConstraints}
 * @returns an arbitrary of annotations
 * @throws {InvalidArgumentError} at once, for a bad constraint (`arb.annotation: …`)
 */
export function annotation(constraints: ModelConstraints = {}): fc.Arbitrary<Annotation> {
  return annotationOf(readModelConstraints("annotation", constraints).s);
}
