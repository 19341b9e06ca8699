import type { CheckId } from "chatkit-testkit/harness";
import { SimpleStore } from "./SimpleStore.js";

export const bug =
  "a fractional limit is truncated (`Math.trunc(limit)`), so 1.5 reads one row instead of being rejected";
export const expectedChecks: readonly CheckId[] = ["arguments.limit"];

export default class LimitFractionTruncated extends SimpleStore {
  protected override checkLimit(method: string, limit: unknown): number {
    if (typeof limit === "number" && Number.isFinite(limit) && limit >= 1) return Math.trunc(limit);
    return super.checkLimit(method, limit);
  }
}
