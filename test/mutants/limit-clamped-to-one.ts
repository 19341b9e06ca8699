import type { CheckId } from "chatkit-testkit/harness";
import { SimpleStore } from "./SimpleStore.js";

export const bug =
  "`limit = max(limit, 1)`: 0, -5 and -Infinity silently mean one row (a Python ChatKit store)";
export const expectedChecks: readonly CheckId[] = ["arguments.limit"];

export default class LimitClampedToOne extends SimpleStore {
  protected override checkLimit(method: string, limit: unknown): number {
    if (typeof limit === "number" && !Number.isNaN(limit) && limit < 1) return 1;
    return super.checkLimit(method, limit);
  }
}
