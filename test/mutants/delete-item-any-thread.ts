import type { CheckId } from "chatkit-testkit/harness";
import { SimpleStore } from "./SimpleStore.js";

export const bug = "deleteThreadItem deletes by item id alone: the same id in every thread of the scope goes";
export const expectedChecks: readonly CheckId[] = ["delete.item-only"];

export default class DeleteItemAnyThread extends SimpleStore {
  override async deleteThreadItem(_threadId: string, itemId: string, context: unknown): Promise<void> {
    const scope = this.scopeOf(context);
    await this.updateItems((rows) => rows.filter((r) => !(this.scopeMatches(r.scope, scope) && r.id === itemId)));
  }
}
