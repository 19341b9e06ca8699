import type { CheckId } from "chatkit-testkit/harness";
import type { Page } from "chatkit-testkit";
import { SimpleStore, type Json, type Row } from "./SimpleStore.js";

export const bug = "every query reads at most one internal batch of 100 rows (`Math.min(limit, 100)`), so a page asked for more holds 100 rows, with has_more true and after its last id";
export const expectedChecks: readonly CheckId[] = ["paging.items-past-batch-sizes", "paging.threads-past-batch-sizes"];

/** Modelled on chat-history stores that read one fixed-size batch per query (a DynamoDB Query page, Redis FT.SEARCH's default LIMIT). */
export default class PageCappedAt100 extends SimpleStore {
  protected override pageOf(rows: readonly Row[], limit: number): Page<Json> {
    return super.pageOf(rows, Math.min(limit, 100));
  }
}
