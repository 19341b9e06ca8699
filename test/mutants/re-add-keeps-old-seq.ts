import type { CheckId } from "chatkit-testkit/harness";
import type { ModelTypes } from "chatkit-testkit";
import { SimpleStore } from "./SimpleStore.js";

export const bug = "a deleted id added again revives its old row (an undelete upsert that leaves the ordinal column alone): it comes back with its old insertion sequence, at its old place among ties";
export const expectedChecks: readonly CheckId[] = ["cursor.re-added-id"];

/** Modelled on `INSERT … ON CONFLICT(id) DO UPDATE SET thread_id, item_json, created_at …` that never touches `ordinal` (research S5). */
export default class ReAddKeepsOldSeq extends SimpleStore {
  /** the sequence each deleted row had */
  private readonly tombstones = new Map<string, number>();

  private key(kind: string, scope: string, threadId: string | null, id: string): string {
    return [kind, scope, threadId ?? "", id].join("\u0000");
  }

  override async deleteThread(threadId: string, context: unknown): Promise<void> {
    const scope = this.scopeOf(context);
    const row = this.findThread(scope, threadId);
    if (row) this.tombstones.set(this.key("thread", scope, null, threadId), row.seq);
    for (const item of this.rowsOf("item", scope, threadId)) this.tombstones.set(this.key("item", scope, threadId, item.id), item.seq);
    await super.deleteThread(threadId, context);
  }

  override async deleteThreadItem(threadId: string, itemId: string, context: unknown): Promise<void> {
    const scope = this.scopeOf(context);
    const row = this.findItem(scope, threadId, itemId);
    if (row) this.tombstones.set(this.key("item", scope, threadId, itemId), row.seq);
    await super.deleteThreadItem(threadId, itemId, context);
  }

  override async saveThread(thread: ModelTypes["thread"], context: unknown): Promise<void> {
    await super.saveThread(thread, context);
    const scope = this.scopeOf(context);
    const key = this.key("thread", scope, null, thread.id);
    const old = this.tombstones.get(key);
    if (old !== undefined) {
      this.findThread(scope, thread.id)!.seq = old;
      this.tombstones.delete(key);
    }
  }

  protected override async upsertItem(method: string, threadId: string, item: unknown, context: unknown): Promise<void> {
    await super.upsertItem(method, threadId, item, context);
    const scope = this.scopeOf(context);
    const id = (item as { id: string }).id;
    const key = this.key("item", scope, threadId, id);
    const old = this.tombstones.get(key);
    if (old !== undefined) {
      this.findItem(scope, threadId, id)!.seq = old;
      this.tombstones.delete(key);
    }
  }
}
