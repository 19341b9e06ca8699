import type { CheckId } from "chatkit-testkit/harness";
import { SimpleStore } from "./SimpleStore.js";

export const bug =
  "an update copies title only when it is truthy (`if thread.title: existing.title = thread.title`), so a title cannot be cleared to null";
export const expectedChecks: readonly CheckId[] = ["thread-save.upsert"];

export default class ThreadSaveTruthyMerge extends SimpleStore {
  override async saveThread(thread: Parameters<SimpleStore["saveThread"]>[0], context: unknown): Promise<void> {
    const scope = this.scopeOf(context);
    const before = this.threads.find((r) => r.scope === scope && r.id === thread.id);
    const old = before ? before.value : null;
    await super.saveThread(thread, context);
    if (before && old && !before.value.title && old.title) before.value = { ...before.value, title: old.title };
  }
}
