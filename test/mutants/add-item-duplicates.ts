import type { CheckId } from "chatkit-testkit/harness";
import type { ModelTypes } from "chatkit-testkit";
import { SimpleStore } from "./SimpleStore.js";

export const bug = "addThreadItem always appends (a plain INSERT without a unique key): re-adding an id creates a duplicate row";
export const expectedChecks: readonly CheckId[] = ["item-add.duplicate-replaces"];

export default class AddItemDuplicates extends SimpleStore {
  override async addThreadItem(threadId: string, item: ModelTypes["item"], context: unknown): Promise<void> {
    const scope = this.scopeOf(context);
    const value = this.writeCopy(this.checkRecord("addThreadItem", "item", item));
    const row = { scope, threadId, id: item.id, micros: this.instantOf(item.created_at), seq: this.nextSeq("item", scope, threadId), value };
    await this.updateItems((rows) => [...rows, row]);
  }
}
