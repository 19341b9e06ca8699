import type { CheckId } from "chatkit-testkit/harness";
import { SimpleStore } from "./SimpleStore.js";

export const bug =
  "addThreadItem and saveItem check that the thread exists, await, then write the item (no foreign key): an add racing deleteThread lands after the cascade and leaves an orphan that a re-created thread shows";
export const expectedChecks: readonly CheckId[] = ["concurrency.add-races-thread-delete"];

/** Modelled on a published PostgreSQL ChatKit store whose add_thread_item awaits load_thread as the existence check, then inserts (research S11, 11.3). */
export default class AddChecksThreadThenAwaits extends SimpleStore {
  protected override async upsertItem(method: string, threadId: string, item: unknown, context: unknown): Promise<void> {
    const scope = this.scopeOf(context);
    const value = this.writeCopy(this.checkRecord(method, "item", item));
    const id = value.id as string;
    if (!this.findThread(scope, threadId)) throw this.notFound("thread", threadId); // SELECT 1 FROM threads WHERE id = $1
    await new Promise((resolve) => setImmediate(resolve)); // the INSERT is a second round trip
    await this.updateItems((rows) => {
      const existing = rows.find((r) => this.inThread(r, scope, threadId) && r.id === id);
      if (existing) return rows.map((r) => (r === existing ? this.replaceItem(existing, value) : r));
      return [...rows, { scope, threadId, id, micros: this.instantOf(value.created_at as string), seq: this.nextSeq("item", scope, threadId), value }];
    });
  }
}
