import type { CheckId } from "chatkit-testkit/harness";
import type { ModelTypes } from "chatkit-testkit";
import { SimpleStore } from "./SimpleStore.js";

export const bug =
  "saveItem is an UPDATE and, when it matched no row, a later INSERT (no unique key): an addThreadItem of the same id in between makes two rows";
export const expectedChecks: readonly CheckId[] = ["concurrency.save-races-add"];

/** Modelled on published stores whose save_item looks the item up, awaits, and falls back to an insert (research S10, S11, 11.4). */
export default class SaveItemUpdateThenInsert extends SimpleStore {
  override async saveItem(threadId: string, item: ModelTypes["item"], context: unknown): Promise<void> {
    const scope = this.scopeOf(context);
    const value = this.writeCopy(this.checkRecord("saveItem", "item", item));
    if (this.findItem(scope, threadId, item.id)) return super.saveItem(threadId, item, context); // UPDATE matched a row
    await new Promise((resolve) => setImmediate(resolve)); // UPDATE matched 0 rows; the INSERT is another round trip
    if (!this.findThread(scope, threadId)) throw this.notFound("thread", threadId);
    const row = { scope, threadId, id: item.id, micros: this.instantOf(item.created_at), seq: this.nextSeq("item", scope, threadId), value };
    await this.updateItems((rows) => [...rows, row]); // INSERT INTO items …
  }
}
