import type { CheckId } from "chatkit-testkit/harness";
import { SimpleStore, type Row } from "./SimpleStore.js";

export const bug = "a cursor is looked up by id alone, so another scope's thread or item id is accepted as a cursor";
export const expectedChecks: readonly CheckId[] = ["cursor.foreign-scope"];

export default class CursorFromAnotherScope extends SimpleStore {
  protected override findCursor(kind: "thread" | "item", _scope: string, threadId: string | null, id: string): Row | undefined {
    // SELECT created_at, seq FROM <table> WHERE id = $1 (no scope)
    return kind === "thread" ? this.threads.find((r) => r.id === id) : this.items.find((r) => r.threadId === threadId && r.id === id);
  }
}
