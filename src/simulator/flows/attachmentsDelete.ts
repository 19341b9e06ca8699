/**
 * `attachments.delete` (docs/upstream.md §1.5, §4.2): the bytes (`AttachmentStore.deleteAttachment`), then the
 * record (`Store.deleteAttachment`); if the first fails the second does not happen. `{}`.
 * @internal
 */
import { flowError, type JsonFlow } from "../internal/env.js";

export const attachmentsDelete: JsonFlow<"attachments.delete"> = {
  streaming: false,
  async run(params, env) {
    if (!env.attachmentStore) throw flowError("attachments.delete", "the simulator has no attachmentStore (upstream raises RuntimeError)");
    await env.attachmentStore.deleteAttachment(params.attachment_id, env.context);
    await env.store.deleteAttachment(params.attachment_id, env.context);
    return {};
  },
};
