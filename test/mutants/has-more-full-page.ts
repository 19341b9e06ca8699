import type { CheckId } from "chatkit-testkit/harness";
import { SimpleStore, type Json, type Row } from "./SimpleStore.js";
import type { Page } from "chatkit-testkit";

export const bug = "has_more is `data.length === limit` (a full page), so a page that ends exactly at the last row says there is more";
export const expectedChecks: readonly CheckId[] = ["paging.limit-equals-count", "paging.items-ties-every-limit", "paging.threads-ties-every-limit"];

export default class HasMoreFullPage extends SimpleStore {
  protected override pageOf(rows: readonly Row[], limit: number): Page<Json> {
    const data = rows.slice(0, limit);
    const hasMore = data.length === limit;
    return { data: data.map((r) => this.readCopy(r.value)), has_more: hasMore, after: hasMore ? data[data.length - 1]!.id : null };
  }
}
