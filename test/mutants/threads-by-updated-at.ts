import type { CheckId } from "chatkit-testkit/harness";
import { SimpleStore } from "./SimpleStore.js";

export const bug =
  "threads are ordered by an updated_at that every save touches (`ON CONFLICT … updated_at = NOW()`), so a re-saved thread moves to the end of its tie group";
export const expectedChecks: readonly CheckId[] = ["thread-save.keeps-tie-position"];

export default class ThreadsByUpdatedAt extends SimpleStore {
  override async saveThread(thread: Parameters<SimpleStore["saveThread"]>[0], context: unknown): Promise<void> {
    await super.saveThread(thread, context);
    const scope = this.scopeOf(context);
    const row = this.threads.find((r) => r.scope === scope && r.id === thread.id);
    if (row) row.seq = this.nextSeq("thread", scope, null);
  }
}
