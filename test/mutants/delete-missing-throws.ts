import type { CheckId } from "chatkit-testkit/harness";
import { SimpleStore } from "./SimpleStore.js";

export const bug = "deleteThread, deleteThreadItem and deleteAttachment look the row up first and raise NotFoundError when it is missing, so deleting twice fails";
export const expectedChecks: readonly CheckId[] = ["delete.idempotent"];

/** Modelled on published ChatKit stores whose deletes call a `threadRow` / `_require_thread_record` helper that throws (research S3, S8, 9.2). */
export default class DeleteMissingThrows extends SimpleStore {
  override async deleteThread(threadId: string, context: unknown): Promise<void> {
    if (!this.findThread(this.scopeOf(context), threadId)) throw this.notFound("thread", threadId);
    await super.deleteThread(threadId, context);
  }

  override async deleteThreadItem(threadId: string, itemId: string, context: unknown): Promise<void> {
    if (!this.findItem(this.scopeOf(context), threadId, itemId)) throw this.notFound("item", itemId);
    await super.deleteThreadItem(threadId, itemId, context);
  }

  override async deleteAttachment(attachmentId: string, context: unknown): Promise<void> {
    if (!this.findAttachment(this.scopeOf(context), attachmentId)) throw this.notFound("attachment", attachmentId);
    await super.deleteAttachment(attachmentId, context);
  }
}
