import type { CheckId } from "chatkit-testkit/harness";
import { SimpleStore } from "./SimpleStore.js";

export const bug =
  "deleteThread also deletes the attachment records that the thread's user messages list in `attachments` (a cleanup of \"the thread's files\"), though their lifecycle is the AttachmentStore's";
export const expectedChecks: readonly CheckId[] = ["delete.referenced-attachments-survive"];

/** Modelled on stores that walk a deleted thread's messages to delete their files as well. */
export default class DeleteThreadRemovesReferencedAttachments extends SimpleStore {
  override async deleteThread(threadId: string, context: unknown): Promise<void> {
    const scope = this.scopeOf(context);
    const referenced = new Set(
      this.rowsOf("item", scope, threadId).flatMap((r) =>
        r.value.type === "user_message" && Array.isArray(r.value.attachments) ? (r.value.attachments as { id: string }[]).map((a) => a.id) : [],
      ),
    );
    await super.deleteThread(threadId, context);
    this.attachments = this.attachments.filter((a) => !(this.scopeMatches(a.scope, scope) && referenced.has(a.id)));
  }
}
