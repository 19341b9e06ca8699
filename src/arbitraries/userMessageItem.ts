import * as fc from "fast-check";
import type { UserMessageItem } from "../model/items.js";
import { assemble, readItem, type ItemConstraints, type ItemParts } from "./internal/item.js";
import { fields, list } from "./internal/model.js";
import { attachmentOf } from "./attachment.js";
import { id } from "./id.js";
import { inferenceOptionsOf } from "./inferenceOptions.js";
import { userMessageContentOf } from "./userMessageContent.js";

/** @internal */
export function userMessageItemOf({ s, base }: ItemParts): fc.Arbitrary<UserMessageItem> {
  return assemble(
    "user_message",
    base,
    fields(
      { content: list(s, userMessageContentOf(s), 1), inference_options: inferenceOptionsOf(s) },
      { attachments: list(s, attachmentOf(s, id())) },
      { quoted_text: s.text },
    ),
  );
}

/**
 * A `user_message` item: input text and tags, attachments (sometimes absent), `quoted_text` absent, `null`
 * or set, and the required `inference_options` (often `{}`).
 *
 * @param constraints - see {@link ItemConstraints}
 * @returns an arbitrary of `user_message` items that pass `parseThreadItem`
 * @throws {InvalidArgumentError} at once, for a bad constraint (`arb.userMessageItem: …`)
 */
export function userMessageItem(constraints: ItemConstraints = {}): fc.Arbitrary<UserMessageItem> {
  return userMessageItemOf(readItem("userMessageItem", constraints));
}
