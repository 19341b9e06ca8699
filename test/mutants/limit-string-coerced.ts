import type { CheckId } from "chatkit-testkit/harness";
import { SimpleStore } from "./SimpleStore.js";

export const bug =
  "limit is never type-checked: `Number(limit)` makes \"5\" a valid limit (JavaScript coercion in slice and comparisons)";
export const expectedChecks: readonly CheckId[] = ["arguments.limit"];

export default class LimitStringCoerced extends SimpleStore {
  protected override checkLimit(method: string, limit: unknown): number {
    return super.checkLimit(method, typeof limit === "string" ? Number(limit) : limit);
  }
}
