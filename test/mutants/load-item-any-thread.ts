import type { CheckId } from "chatkit-testkit/harness";
import type { ModelTypes } from "chatkit-testkit";
import { SimpleStore } from "./SimpleStore.js";

export const bug = "loadItem looks the item up by id and scope only (`WHERE id = $1 AND scope = $2`): another thread's item is returned";
export const expectedChecks: readonly CheckId[] = ["item-load.wrong-thread", "model.sequences"];

export default class LoadItemAnyThread extends SimpleStore {
  override async loadItem(_threadId: string, itemId: string, context: unknown): Promise<ModelTypes["item"]> {
    const scope = this.scopeOf(context);
    const row = this.items.find((r) => this.scopeMatches(r.scope, scope) && r.id === itemId);
    if (!row) throw this.notFound("item", itemId);
    return this.readCopy(row.value) as ModelTypes["item"];
  }
}
