import type { CheckId } from "chatkit-testkit/harness";
import { SimpleStore } from "./SimpleStore.js";

export const bug = "rows are partitioned by an 8-bit bucket of the scope key (an additive checksum mod 256 used as the partition key) and matched by that bucket alone: users whose keys land in one bucket share their data";
export const expectedChecks: readonly CheckId[] = ["scope.many-keys"];

export default class ScopeHashBucket extends SimpleStore {
  protected override scopeOf(context: unknown): string {
    let sum = 0;
    for (const c of super.scopeOf(context)) sum += c.codePointAt(0)!;
    return `bucket-${sum % 256}`;
  }
}
