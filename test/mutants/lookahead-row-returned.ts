import type { CheckId } from "chatkit-testkit/harness";
import { SimpleStore, type Json, type Row } from "./SimpleStore.js";
import type { Page } from "chatkit-testkit";

export const bug = "the store fetches limit + 1 rows to compute has_more and returns them all: pages hold one row too many";
export const expectedChecks: readonly CheckId[] = ["paging.limit-equals-count", "paging.exclusive-cursor", "paging.items-ties-every-limit"];

export default class LookaheadRowReturned extends SimpleStore {
  protected override pageOf(rows: readonly Row[], limit: number): Page<Json> {
    const fetched = rows.slice(0, limit + 1); // LIMIT $limit + 1
    const hasMore = fetched.length > limit;
    return { data: fetched.map((r) => this.readCopy(r.value)), has_more: hasMore, after: hasMore ? fetched[limit - 1]!.id : null };
  }
}
