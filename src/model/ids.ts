/**
 * Id prefixes and the default id generators (C-ID).
 * @packageDocumentation
 */
import { InvalidArgumentError } from "../errors/errors.js";

/** What an id is generated for (upstream `StoreItemType`). */
export type StoreItemType = "thread" | "message" | "tool_call" | "task" | "workflow" | "attachment" | "sdk_hidden_context";

/** The upstream prefix of each {@link StoreItemType}. */
export const ID_PREFIXES: Readonly<Record<StoreItemType, string>> = Object.freeze({
  thread: "thr",
  message: "msg",
  tool_call: "tc",
  task: "tsk",
  workflow: "wf",
  attachment: "atc",
  sdk_hidden_context: "shcx",
});

/** Every {@link StoreItemType}. */
export const STORE_ITEM_TYPES = Object.keys(ID_PREFIXES) as StoreItemType[];

/** Hex digits after the prefix in a default id: 128 random bits (upstream uses 8 digits, 32 bits). */
export const DEFAULT_ID_HEX_DIGITS = 32;

/**
 * A new id `<prefix>_<32 hex digits>` from the platform's cryptographic random source.
 * Upstream ids carry 32 random bits and collide at about 77k ids; these carry 128 (C-ID).
 * @param itemType - what the id is for; picks the prefix
 * @throws {InvalidArgumentError} for an unknown item type
 */
export function defaultGenerateId(itemType: StoreItemType): string {
  const prefix = Object.hasOwn(ID_PREFIXES, itemType) ? ID_PREFIXES[itemType] : undefined;
  if (prefix === undefined) {
    throw new InvalidArgumentError("generateId", "itemType", `must be one of ${STORE_ITEM_TYPES.join(", ")}, got ${JSON.stringify(itemType)}`);
  }
  const bytes = new Uint8Array(DEFAULT_ID_HEX_DIGITS / 2);
  globalThis.crypto.getRandomValues(bytes);
  let hex = "";
  for (const b of bytes) hex += b.toString(16).padStart(2, "0");
  return `${prefix}_${hex}`;
}
