import * as fc from "fast-check";
import type { AssistantMessageItem } from "../model/items.js";
import { assemble, readItem, type ItemConstraints, type ItemParts } from "./internal/item.js";
import { fields, list } from "./internal/model.js";
import { assistantMessageContentOf } from "./assistantMessageContent.js";

/** @internal */
export function assistantMessageItemOf({ s, base }: ItemParts): fc.Arbitrary<AssistantMessageItem> {
  return assemble("assistant_message", base, fields({ content: list(s, assistantMessageContentOf(s)) }));
}

/**
 * An `assistant_message` item: output text parts with annotations (the list may be empty, as for a message
 * still streaming).
 *
 * @param constraints - see {@link ItemConstraints}
 * @returns an arbitrary of `assistant_message` items that pass `parseThreadItem`
 * @throws {InvalidArgumentError} at once, for a bad constraint (`arb.assistantMessageItem: …`)
 */
export function assistantMessageItem(constraints: ItemConstraints = {}): fc.Arbitrary<AssistantMessageItem> {
  return assistantMessageItemOf(readItem("assistantMessageItem", constraints));
}
