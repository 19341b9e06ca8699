import type { CheckId } from "chatkit-testkit/harness";
import { type Order, type Page } from "chatkit-testkit";
import { SimpleStore, type Row, type Json } from "./SimpleStore.js";

export const bug =
  "has_more comes from a separate total count (`count > limit`), not from what remains after the page: the last page says has_more";
export const expectedChecks: readonly CheckId[] = ["paging.items-ties-every-limit"];

export default class HasMoreFromTotalCount extends SimpleStore {
  private lastTotal = 0;

  protected override sortRows(rows: readonly Row[], order: Order): Row[] {
    this.lastTotal = rows.length;
    return super.sortRows(rows, order);
  }

  protected override pageOf(rows: readonly Row[], limit: number): Page<Json> {
    const page = super.pageOf(rows, limit);
    const hasMore = this.lastTotal > limit;
    return { ...page, has_more: hasMore, after: hasMore ? ((page.data[page.data.length - 1]?.id as string | undefined) ?? null) : null };
  }
}
