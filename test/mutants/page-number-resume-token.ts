import type { CheckId } from "chatkit-testkit/harness";
import type { Page } from "chatkit-testkit";
import { SimpleStore, type Json } from "./SimpleStore.js";

export const bug = "the store pages by page number behind the id cursor: each `after` it hands out stands for \"page n\", and the next call reads OFFSET n × limit (its own limit), so a new limit, or rows added or deleted before the cursor, move the next page";
export const expectedChecks: readonly CheckId[] = ["cursor.writes-between-pages", "cursor.deleted-row", "cursor.re-added-id"];

/** Modelled on page-number paginators (`?page=n`, OFFSET (n - 1) × size) adapted to an `after` id by remembering which page each id ended. */
export default class PageNumberResumeToken extends SimpleStore {
  /** collection, order and `after` id → the number of the page it ended */
  private readonly pages = new Map<string, number>();

  protected override async listPage(method: string, kind: "thread" | "item", scope: string, threadId: string | null, after: unknown, limit: unknown, order: unknown): Promise<Page<Json>> {
    const cursor = this.cursorOf(method, after);
    const size = this.checkLimit(method, limit);
    const direction = this.checkOrder(method, order);
    const key = (id: string) => [kind, scope, threadId ?? "", direction, id].join("\u0000");
    const pageNo = cursor === null ? 0 : this.pages.get(key(cursor));
    if (pageNo === undefined) {
      // a cursor this store did not hand out: resolved by id, as a fallback
      const page = await super.listPage(method, kind, scope, threadId, cursor, size, direction);
      return page;
    }
    const ordered = this.sortRows(this.rowsOf(kind, scope, threadId), direction);
    const page = this.pageOf(ordered.slice(pageNo * size), size);
    if (page.after !== null) this.pages.set(key(page.after), pageNo + 1);
    return page;
  }
}
