import type { CheckId } from "chatkit-testkit/harness";
import type { ModelTypes } from "chatkit-testkit";
import { SimpleStore } from "./SimpleStore.js";

export const bug =
  "addThreadItem looks the id up (SELECT), awaits, then INSERTs when it was not there (no unique key on (thread, id)): two concurrent adds of one id both insert, two rows";
export const expectedChecks: readonly CheckId[] = ["concurrency.same-id-adds", "concurrency.save-races-add"];

/** Modelled on published ChatKit stores whose add is a lookup, then an insert in another round trip: `session.get` then `session.add` (research S8, S11, 11.1). */
export default class SameIdAddCheckThenInsert extends SimpleStore {
  override async addThreadItem(threadId: string, item: ModelTypes["item"], context: unknown): Promise<void> {
    const scope = this.scopeOf(context);
    const value = this.writeCopy(this.checkRecord("addThreadItem", "item", item));
    const exists = this.findItem(scope, threadId, item.id) !== undefined; // SELECT 1 FROM items WHERE thread_id = $1 AND id = $2
    await new Promise((resolve) => setImmediate(resolve)); // the INSERT is a second round trip
    if (exists) return super.addThreadItem(threadId, item, context); // UPDATE … in place
    if (!this.findThread(scope, threadId)) throw this.notFound("thread", threadId); // the foreign key
    const row = { scope, threadId, id: item.id, micros: this.instantOf(item.created_at), seq: this.nextSeq("item", scope, threadId), value };
    await this.updateItems((rows) => [...rows, row]); // INSERT INTO items …
  }
}
