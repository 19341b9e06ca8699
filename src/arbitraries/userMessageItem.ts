import * as fc from "fast-check";
import type { UserMessageItem } from "../model/items.js";
import { defineItem, readItem, type ItemConstraints } from "./internal/item.js";
import { fields, list } from "./internal/model.js";
import { attachmentOf } from "./attachment.js";
import { id } from "./id.js";
import { inferenceOptionsOf } from "./inferenceOptions.js";
import { userMessageContentOf } from "./userMessageContent.js";

/** `user_message` items from shared parts: for {@link userMessageItem}, and registered under it for `threadItem`. */
const userMessageItemOf = defineItem(userMessageItem, "user_message", (s) =>
  fields(
    { content: list(s, userMessageContentOf(s), 1), inference_options: inferenceOptionsOf(s) },
    { attachments: list(s, attachmentOf(s, id())) },
    { quoted_text: s.text },
  ),
);

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
