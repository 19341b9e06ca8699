import type { CheckId } from "chatkit-testkit/harness";
import { InvalidArgumentError } from "chatkit-testkit";
import { SimpleStore } from "./SimpleStore.js";

export const bug = "the store caps limit at 1,000 and rejects larger values (the contract has no upper bound)";
export const expectedChecks: readonly CheckId[] = ["arguments.no-upper-limit"];

export default class LimitUpperBound extends SimpleStore {
  protected override checkLimit(method: string, limit: unknown): number {
    const checked = super.checkLimit(method, limit);
    if (checked > 1000) throw new InvalidArgumentError(method, "limit", `must be at most 1000, got ${checked}`);
    return checked;
  }
}
