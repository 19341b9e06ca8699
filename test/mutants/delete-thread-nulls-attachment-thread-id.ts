import type { CheckId } from "chatkit-testkit/harness";
import { SimpleStore } from "./SimpleStore.js";

export const bug =
  "deleteThread sets the thread_id of its attachments to null (a foreign key with ON DELETE SET NULL)";
export const expectedChecks: readonly CheckId[] = ["delete.attachments-survive-thread"];

export default class DeleteThreadNullsAttachmentThreadId extends SimpleStore {
  override async deleteThread(threadId: string, context: unknown): Promise<void> {
    await super.deleteThread(threadId, context);
    const scope = this.scopeOf(context);
    for (const a of this.attachments) if (a.scope === scope && a.value.thread_id === threadId) a.value = { ...a.value, thread_id: null };
  }
}
