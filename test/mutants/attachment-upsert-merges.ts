import type { CheckId } from "chatkit-testkit/harness";
import type { ModelTypes } from "chatkit-testkit";
import { SimpleStore } from "./SimpleStore.js";

export const bug =
  "saveAttachment of an existing id merges the new record into the stored one (`{ ...stored, ...attachment }`, or `data = data || excluded.data` in SQL): a key the new save leaves out (thread_id, upload_descriptor, metadata) keeps its old value";
export const expectedChecks: readonly CheckId[] = ["attachments.upsert"];

export default class AttachmentUpsertMerges extends SimpleStore {
  override async saveAttachment(attachment: ModelTypes["attachment"], context: unknown): Promise<void> {
    const stored = this.findAttachment(this.scopeOf(context), attachment.id);
    const before = stored?.value;
    await super.saveAttachment(attachment, context);
    if (stored && before) stored.value = { ...before, ...stored.value };
  }
}
