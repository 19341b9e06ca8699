export * from "./attachment.js";
export * from "./items.js";
export * from "./thread.js";
export * from "./page.js";
export { defaultGenerateId, ID_PREFIXES, STORE_ITEM_TYPES, DEFAULT_ID_HEX_DIGITS, type StoreItemType } from "./ids.js";
export { parseTimestamp, timestampMicros, isTimestamp, formatTimestamp, type TimestampParse } from "./timestamp.js";
export type { JsonValue, JsonObject } from "./json.js";
export { MAX_JSON_DEPTH } from "./json.js";
export { IconNameSchema, type IconName } from "./common.js";
export {
  parseThreadMetadata,
  parseThread,
  parseThreadItem,
  parseAttachment,
  parseAttachmentCreateParams,
  type ValidationIssue,
} from "./validate.js";
