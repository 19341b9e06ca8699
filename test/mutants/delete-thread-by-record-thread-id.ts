import type { CheckId } from "chatkit-testkit/harness";
import { SimpleStore } from "./SimpleStore.js";

export const bug =
  "deleteThread removes the items whose record says `thread_id` is that thread (`DELETE FROM items WHERE data->>'thread_id' = $1`), not the items stored under it: an item added under another threadId outlives its thread, and goes when the thread its thread_id names is deleted";
export const expectedChecks: readonly CheckId[] = ["item-add.thread-argument"];

export default class DeleteThreadByRecordThreadId extends SimpleStore {
  override async deleteThread(threadId: string, context: unknown): Promise<void> {
    const scope = this.scopeOf(context);
    this.threads = this.threads.filter((r) => !this.isThread(r, scope, threadId));
    await this.updateItems((rows) => rows.filter((r) => !(this.scopeMatches(r.scope, scope) && r.value.thread_id === threadId)));
  }
}
