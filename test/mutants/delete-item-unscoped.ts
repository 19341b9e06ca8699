import type { CheckId } from "chatkit-testkit/harness";
import { SimpleStore } from "./SimpleStore.js";

export const bug = "deleteThreadItem is `DELETE FROM items WHERE thread_id = $1 AND id = $2` without the scope: another scope deletes the owner's item";
export const expectedChecks: readonly CheckId[] = ["scope.foreign-ids", "scope.writes"];

export default class DeleteItemUnscoped extends SimpleStore {
  override async deleteThreadItem(threadId: string, itemId: string, _context: unknown): Promise<void> {
    await this.updateItems((rows) => rows.filter((r) => !(r.threadId === threadId && r.id === itemId)));
  }
}
