import type { CheckId } from "chatkit-testkit/harness";
import { SimpleStore, type Row } from "./SimpleStore.js";

export const bug = "item ids are compared case-insensitively (the database's default `_ci` collation on items.id): adding `msg_A` to a thread that has `msg_a` overwrites it, and loads, cursors and deletes of one spelling hit the other";
export const expectedChecks: readonly CheckId[] = ["ids.item-twins"];

const key = (id: string) => id.toLowerCase();

export default class ItemIdCaseInsensitive extends SimpleStore {
  protected override findItem(scope: string, threadId: string, id: string): Row | undefined {
    return this.items.find((r) => this.inThread(r, scope, threadId) && key(r.id) === key(id));
  }

  protected override findCursor(kind: "thread" | "item", scope: string, threadId: string | null, id: string): Row | undefined {
    return kind === "item" ? this.rowsOf(kind, scope, threadId).find((r) => key(r.id) === key(id)) : super.findCursor(kind, scope, threadId, id);
  }

  override async deleteThreadItem(threadId: string, itemId: string, context: unknown): Promise<void> {
    const scope = this.scopeOf(context);
    await this.updateItems((rows) => rows.filter((r) => !(this.inThread(r, scope, threadId) && key(r.id) === key(itemId))));
  }

  protected override async upsertItem(method: string, threadId: string, item: unknown, context: unknown): Promise<void> {
    const scope = this.scopeOf(context);
    const value = this.writeCopy(this.checkRecord(method, "item", item));
    // INSERT … ON DUPLICATE KEY UPDATE: a row equal under the collation counts as the duplicate.
    const existing = this.findThread(scope, threadId) ? this.findItem(scope, threadId, value.id as string) : undefined;
    if (!existing) return super.upsertItem(method, threadId, item, context);
    await this.updateItems((rows) => rows.map((r) => (r === existing ? this.replaceItem(r, value) : r)));
  }
}
