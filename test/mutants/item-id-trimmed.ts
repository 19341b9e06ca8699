import type { CheckId } from "chatkit-testkit/harness";
import { SimpleStore, type Row } from "./SimpleStore.js";

export const bug = "item ids are trimmed before they are used as keys (an input schema with `.trim()` on every id, or an HTTP layer that strips whitespace): `msg_x`, ` msg_x`, `msg_x\\t` and `msg_x\\u00a0` are one item";
export const expectedChecks: readonly CheckId[] = ["ids.item-twins"];

const key = (id: string) => id.trim();

export default class ItemIdTrimmed extends SimpleStore {
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
    const existing = this.findThread(scope, threadId) ? this.findItem(scope, threadId, value.id as string) : undefined;
    if (!existing) return super.upsertItem(method, threadId, item, context);
    await this.updateItems((rows) => rows.map((r) => (r === existing ? this.replaceItem(r, value) : r)));
  }
}
