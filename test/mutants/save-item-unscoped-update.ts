import type { CheckId } from "chatkit-testkit/harness";
import type { ModelTypes } from "chatkit-testkit";
import { SimpleStore } from "./SimpleStore.js";

export const bug = "saveItem is `UPDATE items SET data = $3 WHERE thread_id = $1 AND id = $2` without the scope, and inserts (scoped) only when no row matched: another scope's save overwrites the owner's item";
export const expectedChecks: readonly CheckId[] = ["scope.foreign-ids", "scope.writes"];

export default class SaveItemUnscopedUpdate extends SimpleStore {
  override async saveItem(threadId: string, item: ModelTypes["item"], context: unknown): Promise<void> {
    const value = this.writeCopy(this.checkRecord("saveItem", "item", item));
    const row = this.items.find((r) => r.threadId === threadId && r.id === value.id);
    if (!row) return super.saveItem(threadId, item, context);
    await this.updateItems((rows) => rows.map((r) => (r === row ? this.replaceItem(r, value) : r)));
  }
}
