import * as fc from "fast-check";
import type { AssistantMessageItem } from "../model/items.js";
import { defineItem, readItem, type ItemConstraints } from "./internal/item.js";
import { fields, list } from "./internal/model.js";
import { assistantMessageContentOf } from "./assistantMessageContent.js";

/** `assistant_message` items from shared parts: for {@link assistantMessageItem}, and registered under it for `threadItem`. */
const assistantMessageItemOf = defineItem(assistantMessageItem, "assistant_message", (s) => fields({ content: list(s, assistantMessageContentOf(s)) }));

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
