import type { CheckId } from "chatkit-testkit/harness";
import { SimpleStore } from "./SimpleStore.js";

export const bug = "deleteThread also deletes the attachment records whose thread_id is that thread (their lifecycle belongs to the AttachmentStore)";
export const expectedChecks: readonly CheckId[] = ["delete.attachments-survive-thread"];

export default class DeleteThreadRemovesAttachments extends SimpleStore {
  override async deleteThread(threadId: string, context: unknown): Promise<void> {
    await super.deleteThread(threadId, context);
    const scope = this.scopeOf(context);
    this.attachments = this.attachments.filter((a) => !(this.scopeMatches(a.scope, scope) && a.value.thread_id === threadId));
  }
}
