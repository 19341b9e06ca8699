import type { CheckId } from "chatkit-testkit/harness";
import type { ModelTypes } from "chatkit-testkit";
import { SimpleStore } from "./SimpleStore.js";

export const bug = "saveAttachment is `INSERT … ON CONFLICT (id) DO UPDATE SET data = excluded.data` on a table keyed by id alone: another scope's save of the same id overwrites the owner's record (which keeps its owner)";
export const expectedChecks: readonly CheckId[] = ["scope.foreign-ids", "scope.attachments"];

export default class AttachmentUpsertById extends SimpleStore {
  override async saveAttachment(attachment: ModelTypes["attachment"], context: unknown): Promise<void> {
    const value = this.writeCopy(this.checkRecord("saveAttachment", "attachment", attachment));
    const existing = this.attachments.find((a) => a.id === value.id); // the conflict target has no scope
    if (existing) existing.value = value;
    else await super.saveAttachment(attachment, context);
  }
}
