import type { CheckId } from "chatkit-testkit/harness";
import type { Page } from "chatkit-testkit";
import { SimpleStore, type Json, type Row } from "./SimpleStore.js";

export const bug = "limit 0 is accepted and returns an empty page (SQL LIMIT 0) instead of an argument error";
export const expectedChecks: readonly CheckId[] = ["arguments.limit"];

export default class LimitZeroAccepted extends SimpleStore {
  protected override checkLimit(method: string, limit: unknown): number {
    return limit === 0 ? 0 : super.checkLimit(method, limit);
  }

  protected override pageOf(rows: readonly Row[], limit: number): Page<Json> {
    return limit === 0 ? { data: [], has_more: false, after: null } : super.pageOf(rows, limit);
  }
}
