/**
 * fast-check arbitraries for every ChatKit data type, for property tests of stores and servers.
 * Exported from `chatkit-testkit/harness` as the namespace `arb` (peer: fast-check ^3.23 or ^4).
 *
 * Conventions (fast-check's): one arbitrary per file, named after it with a noun; each takes a
 * constraints object whose fields are documented with their default, and validates it when it is
 * called, throwing `[chatkit-testkit] arb.<name>: <constraint> must be …, got …`. Biases live here,
 * so every user gets them: ids and scope keys that are prefixes of each other or carry `% _ * :`,
 * quotes and unicode; `created_at` in every form with frequent ties; optional fields absent, `null`
 * or set. Every generated model value passes the strict validators (`parseThreadItem`, …).
 *
 * @example
 * ```ts
 * import * as fc from "fast-check";
 * import { arb } from "chatkit-testkit/harness";
 *
 * fc.assert(fc.property(arb.threadItem({ types: ["user_message"] }), (item) => item.type === "user_message"), { seed: 42 });
 * ```
 * @packageDocumentation
 */
export { text, type TextConstraints } from "./text.js";
export { id, type IdConstraints } from "./id.js";
export { scopeKey, type ScopeKeyConstraints } from "./scopeKey.js";
export { createdAt, type CreatedAtConstraints, type CreatedAtFormConstraints, type CreatedAtForm } from "./createdAt.js";
export { createdAtKeyed, type KeyedCreatedAt } from "./createdAtKeyed.js";
export { createdAtOf } from "./createdAtOf.js";
export { jsonValue, type JsonValueConstraints } from "./jsonValue.js";
export { freeObject } from "./freeObject.js";
export type { ModelConstraints, ItemConstraints } from "./constraints.js";
export { widgetRoot } from "./widgetRoot.js";
export { threadStatus } from "./threadStatus.js";
export { threadMetadata, type ThreadMetadataConstraints } from "./threadMetadata.js";
export { thread, type ThreadConstraints } from "./thread.js";
export { source, type SourceConstraints, type SourceType } from "./source.js";
export { annotation } from "./annotation.js";
export { assistantMessageContent } from "./assistantMessageContent.js";
export { userMessageContent, type UserMessageContentConstraints, type UserMessageContentType } from "./userMessageContent.js";
export { inferenceOptions } from "./inferenceOptions.js";
export { task, type TaskConstraints, type TaskType } from "./task.js";
export { workflow } from "./workflow.js";
export { structuredInput, type StructuredInputConstraints, type StructuredInputType } from "./structuredInput.js";
export { attachment, type AttachmentConstraints, type AttachmentType } from "./attachment.js";
export { attachmentCreateParams } from "./attachmentCreateParams.js";
// userMessageItem … endOfTurnItem: one arbitrary per item type, listed once in items.ts
export * from "./items.js";
export { threadItem, type ThreadItemConstraints } from "./threadItem.js";
export { dataset, type DatasetConstraints, type Dataset, type DatasetThread, type DatasetItem } from "./dataset.js";
