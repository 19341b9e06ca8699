import * as fc from "fast-check";
import type { AssistantMessageContent } from "../model/items.js";
import { annotationOf } from "./annotation.js";
import { fields, list, readModelConstraints, type ModelConstraints, type ModelSettings } from "./internal/model.js";

/** Assistant content. @internal */
export function assistantMessageContentOf(s: ModelSettings): fc.Arbitrary<AssistantMessageContent> {
  return fields({ text: s.text }, { type: fc.constant("output_text"), annotations: list(s, annotationOf(s)) });
}

/**
 * One part of an assistant message: `{ type?: "output_text", text, annotations? }` (`type` and
 * `annotations` have defaults upstream, so they are sometimes absent).
 *
 * @param constraints - see {@link ModelConstraints}
 * @returns an arbitrary of assistant message content
 * @throws {InvalidArgumentError} at once, for a bad constraint (`arb.assistantMessageContent: …`)
 */
export function assistantMessageContent(constraints: ModelConstraints = {}): fc.Arbitrary<AssistantMessageContent> {
  return assistantMessageContentOf(readModelConstraints("assistantMessageContent", constraints).s);
}
