/**
 * `attachments.create` (docs/upstream.md §1.5, §4.2): `AttachmentStore.createAttachment`, then
 * `Store.saveAttachment`; the attachment is sent without `metadata`. Without an attachment store the
 * request fails before touching either store (upstream `RuntimeError`).
 * @internal
 */
import { flowError, type JsonFlow } from "../internal/env.js";
import { wireAttachment } from "../protocol/wire.js";

export const attachmentsCreate: JsonFlow<"attachments.create"> = {
  streaming: false,
  async run(params, env) {
    if (!env.attachmentStore) throw flowError("attachments.create", "the simulator has no attachmentStore (upstream raises RuntimeError)");
    const attachment = await env.attachmentStore.createAttachment(structuredClone(params), env.context);
    await env.store.saveAttachment(attachment, env.context);
    return wireAttachment(attachment);
  },
};
