import type { CheckId } from "chatkit-testkit/harness";
import { SimpleStore } from "./SimpleStore.js";

export const bug =
  "limit goes straight to the ORM, whose error names its own parameter (`Invalid value for argument take`), not `limit`";
export const expectedChecks: readonly CheckId[] = ["arguments.limit"];

export default class LimitErrorBlamesTake extends SimpleStore {
  protected override checkLimit(_method: string, limit: unknown): number {
    if (typeof limit !== "number" || !Number.isInteger(limit) || limit < 1) throw new Error(`Invalid value for argument \`take\`: expected a positive Int, got ${String(limit)}`);
    return limit;
  }
}
