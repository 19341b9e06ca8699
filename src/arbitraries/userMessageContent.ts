import * as fc from "fast-check";
import type { UserMessageContent } from "../model/items.js";
import { subsetOf } from "./internal/check.js";
import { fields, readModelConstraints, type ModelConstraints, type ModelSettings } from "./internal/model.js";

/** The `type` of a {@link UserMessageContent}. */
export type UserMessageContentType = UserMessageContent["type"];
const TYPES: readonly UserMessageContentType[] = ["input_text", "input_tag"];

/** Constraints of {@link userMessageContent}. */
export interface UserMessageContentConstraints extends ModelConstraints {
  /**
   * Which parts to generate.
   * @defaultValue `["input_text", "input_tag"]`
   */
  types?: readonly UserMessageContentType[];
}

/** User content of the given types. @internal */
export function userMessageContentOf(s: ModelSettings, types: readonly UserMessageContentType[] = TYPES): fc.Arbitrary<UserMessageContent> {
  const byType = {
    input_text: fields<UserMessageContent>({ type: fc.constant("input_text"), text: s.text }),
    input_tag: fields<UserMessageContent>(
      { type: fc.constant("input_tag"), id: s.text, text: s.text, data: s.object },
      { interactive: fc.boolean() },
      { group: s.text },
    ),
  };
  return fc.oneof(...types.map((t) => byType[t]));
}

/**
 * One part of a user message: `input_text`, or an `input_tag` with free-form `data`.
 *
 * @param constraints - see {@link UserMessageContentConstraints}
 * @returns an arbitrary of user message content
 * @throws {InvalidArgumentError} at once, for a bad constraint (`arb.userMessageContent: …`)
 */
export function userMessageContent(constraints: UserMessageContentConstraints = {}): fc.Arbitrary<UserMessageContent> {
  const { c, s } = readModelConstraints("userMessageContent", constraints, ["types"]);
  return userMessageContentOf(s, subsetOf("userMessageContent", c, "types", TYPES));
}
