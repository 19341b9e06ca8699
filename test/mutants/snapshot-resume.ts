import type { CheckId } from "chatkit-testkit/harness";
import type { Page } from "chatkit-testkit";
import { SimpleStore, type Json, type Row } from "./SimpleStore.js";

export const bug = "a walk is served from the result set of its first page (a scroll context behind each `after`): rows added after the cursor since then are never listed, rows deleted since are, and a deleted cursor still pages";
export const expectedChecks: readonly CheckId[] = ["cursor.writes-between-pages", "cursor.deleted-row", "cursor.re-added-id"];

/** Modelled on scroll/continuation tokens (Elasticsearch scroll, a server-side cursor kept open) put behind an id cursor. */
export default class SnapshotResume extends SimpleStore {
  /** collection, order and `after` id → the rows that followed it when it was handed out */
  private readonly rest = new Map<string, readonly Row[]>();

  protected override async listPage(method: string, kind: "thread" | "item", scope: string, threadId: string | null, after: unknown, limit: unknown, order: unknown): Promise<Page<Json>> {
    const cursor = this.cursorOf(method, after);
    const size = this.checkLimit(method, limit);
    const direction = this.checkOrder(method, order);
    const key = (id: string) => [kind, scope, threadId ?? "", direction, id].join("\u0000");
    let rows = cursor === null ? undefined : this.rest.get(key(cursor));
    if (rows === undefined) {
      const ordered = this.sortRows(this.rowsOf(kind, scope, threadId), direction);
      if (cursor === null) rows = ordered;
      else {
        const at = ordered.findIndex((r) => r.id === cursor);
        rows = at < 0 ? this.onUnknownCursor(method, cursor, ordered) : ordered.slice(at + 1);
      }
    }
    const page = this.pageOf(rows, size);
    if (page.after !== null) this.rest.set(key(page.after), rows.slice(page.data.length));
    return page;
  }
}
