import type { CheckId } from "chatkit-testkit/harness";
import { SimpleStore, type Row } from "./SimpleStore.js";

export const bug = "deletes are soft (a deleted flag): listings and loads skip deleted rows, but the cursor lookup does not, so the id of a deleted row is accepted as `after` and paging resumes at its old place";
export const expectedChecks: readonly CheckId[] = ["cursor.deleted-row"];

/** The cursor sub-query omits a predicate the page query has (here `deleted = false`), as the cursor lookups of several published stores omit the user or the thread. */
export default class SoftDeleteCursor extends SimpleStore {
  /** the soft-deleted rows, still in the table */
  private readonly deleted = new Map<string, Row>();

  private key(kind: string, scope: string, threadId: string | null, id: string): string {
    return [kind, scope, threadId ?? "", id].join("\u0000");
  }

  override async deleteThread(threadId: string, context: unknown): Promise<void> {
    const scope = this.scopeOf(context);
    const row = this.findThread(scope, threadId);
    if (row) this.deleted.set(this.key("thread", scope, null, threadId), row);
    for (const item of this.rowsOf("item", scope, threadId)) this.deleted.set(this.key("item", scope, threadId, item.id), item);
    await super.deleteThread(threadId, context);
  }

  override async deleteThreadItem(threadId: string, itemId: string, context: unknown): Promise<void> {
    const scope = this.scopeOf(context);
    const row = this.findItem(scope, threadId, itemId);
    if (row) this.deleted.set(this.key("item", scope, threadId, itemId), row);
    await super.deleteThreadItem(threadId, itemId, context);
  }

  protected override findCursor(kind: "thread" | "item", scope: string, threadId: string | null, id: string): Row | undefined {
    return super.findCursor(kind, scope, threadId, id) ?? this.deleted.get(this.key(kind, scope, threadId, id));
  }
}
