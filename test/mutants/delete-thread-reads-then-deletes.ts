import type { CheckId } from "chatkit-testkit/harness";
import { SimpleStore } from "./SimpleStore.js";

export const bug =
  "deleteThread reads the thread's item ids, awaits, then deletes the thread and exactly those items: an item added meanwhile is orphaned and comes back when the thread id is re-created";
export const expectedChecks: readonly CheckId[] = ["concurrency.add-races-thread-delete"];

/** Modelled on Redis ChatKit stores (`thread:<id>:items` lists beside `thread:<id>:item:<id>` keys): LRANGE the item list, then DEL the keys it named, without MULTI/WATCH. */
export default class DeleteThreadReadsThenDeletes extends SimpleStore {
  override async deleteThread(threadId: string, context: unknown): Promise<void> {
    const scope = this.scopeOf(context);
    const ids = this.rowsOf("item", scope, threadId).map((r) => r.id); // LRANGE thread:<id>:items 0 -1
    await new Promise((resolve) => setImmediate(resolve)); // a round trip before the DEL
    this.threads = this.threads.filter((r) => !this.isThread(r, scope, threadId));
    await this.updateItems((rows) => rows.filter((r) => !(this.inThread(r, scope, threadId) && ids.includes(r.id)))); // DEL the keys read above
  }
}
