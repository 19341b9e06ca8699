import type { CheckId } from "chatkit-testkit/harness";
import type { Page } from "chatkit-testkit";
import { SimpleStore, type Json } from "./SimpleStore.js";

export const bug = "each `after` the store hands out is remembered as the offset of the next row (skip/take paging behind an id cursor): rows added or deleted before the cursor between two calls shift the next page, and a deleted cursor still pages";
export const expectedChecks: readonly CheckId[] = ["cursor.writes-between-pages", "cursor.deleted-row", "cursor.re-added-id"];

/** Modelled on skip/take paging (Mongo `skip((page-1)*limit)`, Prisma `findMany({ skip, take })`) put behind an id cursor. */
export default class OffsetCursor extends SimpleStore {
  /** collection, order and `after` id → the offset where the next page starts */
  private readonly offsets = new Map<string, number>();

  protected override async listPage(method: string, kind: "thread" | "item", scope: string, threadId: string | null, after: unknown, limit: unknown, order: unknown): Promise<Page<Json>> {
    const cursor = this.cursorOf(method, after);
    const size = this.checkLimit(method, limit);
    const direction = this.checkOrder(method, order);
    const ordered = this.sortRows(this.rowsOf(kind, scope, threadId), direction);
    const key = (id: string) => [kind, scope, threadId ?? "", direction, id].join("\u0000");
    let start = 0;
    if (cursor !== null) {
      const remembered = this.offsets.get(key(cursor));
      if (remembered !== undefined) start = remembered;
      else {
        start = ordered.findIndex((r) => r.id === cursor) + 1;
        if (start === 0) this.onUnknownCursor(method, cursor, ordered);
      }
    }
    const page = this.pageOf(ordered.slice(start), size);
    if (page.after !== null) this.offsets.set(key(page.after), start + page.data.length);
    return page;
  }
}
