import type { CheckId } from "chatkit-testkit/harness";
import { SimpleStore } from "./SimpleStore.js";

export const bug =
  "re-saving a thread updates every column but created_at (the upsert's SET list leaves it out)";
export const expectedChecks: readonly CheckId[] = ["thread-save.upsert"];

export default class ThreadUpsertKeepsFirstCreatedAt extends SimpleStore {
  override async saveThread(thread: Parameters<SimpleStore["saveThread"]>[0], context: unknown): Promise<void> {
    const scope = this.scopeOf(context);
    const before = this.threads.find((r) => r.scope === scope && r.id === thread.id);
    const kept = before ? { micros: before.micros, created_at: before.value.created_at } : null;
    await super.saveThread(thread, context);
    if (before && kept) {
      before.micros = kept.micros;
      before.value = { ...before.value, created_at: kept.created_at };
    }
  }
}
