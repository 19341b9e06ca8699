import type { CheckId } from "chatkit-testkit/harness";
import type { Page } from "chatkit-testkit";
import { SimpleStore, type Json, type Row } from "./SimpleStore.js";

export const bug = "the query for `limit + 1` rows is cut at 1,000 rows by the data layer (PostgREST's max-rows, a driver batch), so a page asked for more than 1,000 holds 1,000 rows with has_more false: the rest of the collection is never listed";
export const expectedChecks: readonly CheckId[] = ["paging.items-past-batch-sizes", "paging.threads-past-batch-sizes"];

export default class PageCappedAt1000Silently extends SimpleStore {
  protected override pageOf(rows: readonly Row[], limit: number): Page<Json> {
    // SELECT … LIMIT limit + 1, silently capped at 1,000 rows below the store
    return super.pageOf(rows.slice(0, Math.min(limit + 1, 1000)), limit);
  }
}
