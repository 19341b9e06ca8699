import type { CheckId } from "chatkit-testkit/harness";
import type { ModelTypes } from "chatkit-testkit";
import { SimpleStore } from "./SimpleStore.js";

export const bug =
  "saveThread looks the id up, awaits, then INSERTs a thread it did not find (no primary key on (scope, id)): two concurrent saves of one new thread create two threads";
export const expectedChecks: readonly CheckId[] = ["concurrency.same-id-thread-saves"];

/** Modelled on published ChatKit stores whose save_thread SELECTs the id, then INSERTs on a miss (research S8, S9, S11, 11.2). */
export default class SameIdThreadSaveCheckThenInsert extends SimpleStore {
  override async saveThread(thread: ModelTypes["thread"], context: unknown): Promise<void> {
    const scope = this.scopeOf(context);
    const value = this.writeCopy(this.threadRecord(this.checkRecord("saveThread", "thread", thread)));
    const exists = this.findThread(scope, thread.id) !== undefined; // findOne({ scope, id })
    await new Promise((resolve) => setImmediate(resolve)); // the write is a second round trip
    if (exists) return super.saveThread(thread, context); // update
    this.threads.push({ scope, threadId: null, id: thread.id, micros: this.instantOf(thread.created_at), seq: this.nextSeq("thread", scope, null), value }); // create
  }
}
