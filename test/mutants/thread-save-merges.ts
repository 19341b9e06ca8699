import type { CheckId } from "chatkit-testkit/harness";
import { SimpleStore } from "./SimpleStore.js";

export const bug =
  "saving a thread again merges the new fields into the stored record (`{ ...stored, ...thread }`, or `metadata = metadata || excluded.metadata`): a field the new save leaves out (title, status, metadata) keeps its old value";
export const expectedChecks: readonly CheckId[] = ["thread-save.upsert"];

export default class ThreadSaveMerges extends SimpleStore {
  override async saveThread(thread: Parameters<SimpleStore["saveThread"]>[0], context: unknown): Promise<void> {
    const stored = this.findThread(this.scopeOf(context), thread.id);
    const before = stored?.value;
    await super.saveThread(thread, context);
    if (stored && before) stored.value = { ...before, ...stored.value };
  }
}
