import type { CheckId } from "chatkit-testkit/harness";
import { SimpleStore } from "./SimpleStore.js";

export const bug = "deleteThread first reads the thread's items and returns early when there are none, so a thread without items is never deleted";
export const expectedChecks: readonly CheckId[] = ["delete.thread-cascades"];

/** Modelled on a published chat-session store whose delete loads the history and returns `deleted: False` when it is empty (research S13, 9.1). */
export default class DeleteEmptyThreadNoop extends SimpleStore {
  override async deleteThread(threadId: string, context: unknown): Promise<void> {
    if (this.rowsOf("item", this.scopeOf(context), threadId).length === 0) return;
    await super.deleteThread(threadId, context);
  }
}
