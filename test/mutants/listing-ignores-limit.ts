import type { CheckId } from "chatkit-testkit/harness";
import { type Page } from "chatkit-testkit";
import { SimpleStore, type Row, type Json } from "./SimpleStore.js";

export const bug =
  "a listing returns every remaining row with has_more false, ignoring `limit` (rows rebuilt from a session's events)";
export const expectedChecks: readonly CheckId[] = ["paging.items-ties-every-limit"];

export default class ListingIgnoresLimit extends SimpleStore {
  protected override pageOf(rows: readonly Row[], _limit: number): Page<Json> {
    return super.pageOf(rows, Math.max(rows.length, 1));
  }
}
