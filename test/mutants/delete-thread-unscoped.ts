import type { CheckId } from "chatkit-testkit/harness";
import { SimpleStore } from "./SimpleStore.js";

export const bug = "deleteThread removes the items with `DELETE FROM items WHERE thread_id = $1` (no scope) before the scoped delete of the thread row: another scope's deleteThread empties the owner's thread";
export const expectedChecks: readonly CheckId[] = ["scope.foreign-ids", "scope.writes"];

export default class DeleteThreadUnscoped extends SimpleStore {
  override async deleteThread(threadId: string, context: unknown): Promise<void> {
    await this.updateItems((rows) => rows.filter((r) => r.threadId !== threadId));
    await super.deleteThread(threadId, context);
  }
}
