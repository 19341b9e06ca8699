import type { CheckId } from "chatkit-testkit/harness";
import type { ModelTypes } from "chatkit-testkit";
import { SimpleStore } from "./SimpleStore.js";

export const bug = "saveItem is an UPDATE only: saving an item that is not stored yet is a silent no-op";
export const expectedChecks: readonly CheckId[] = ["item-save.inserts-missing"];

export default class SaveItemUpdateOnly extends SimpleStore {
  override async saveItem(threadId: string, item: ModelTypes["item"], context: unknown): Promise<void> {
    if (!this.findItem(this.scopeOf(context), threadId, item.id)) return; // UPDATE items … WHERE id = $1: 0 rows
    await super.saveItem(threadId, item, context);
  }
}
