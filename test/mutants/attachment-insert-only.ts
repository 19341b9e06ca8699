import type { CheckId } from "chatkit-testkit/harness";
import type { ModelTypes } from "chatkit-testkit";
import { SimpleStore } from "./SimpleStore.js";

export const bug = "saveAttachment is INSERT … ON CONFLICT DO NOTHING: re-saving with thread_id set keeps the first record";
export const expectedChecks: readonly CheckId[] = ["attachments.upsert"];

export default class AttachmentInsertOnly extends SimpleStore {
  override async saveAttachment(attachment: ModelTypes["attachment"], context: unknown): Promise<void> {
    if (this.findAttachment(this.scopeOf(context), attachment.id)) return;
    await super.saveAttachment(attachment, context);
  }
}
