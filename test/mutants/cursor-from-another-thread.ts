import type { CheckId } from "chatkit-testkit/harness";
import { SimpleStore, type Row } from "./SimpleStore.js";

export const bug = "an item cursor is looked up among all of the scope's items, so an id from another thread is accepted";
export const expectedChecks: readonly CheckId[] = ["cursor.foreign-thread"];

export default class CursorFromAnotherThread extends SimpleStore {
  protected override findCursor(kind: "thread" | "item", scope: string, threadId: string | null, id: string): Row | undefined {
    // SELECT created_at, seq FROM items WHERE id = $1 AND scope = $2 (no thread_id)
    if (kind === "item") return this.items.find((r) => this.scopeMatches(r.scope, scope) && r.id === id);
    return super.findCursor(kind, scope, threadId, id);
  }
}
