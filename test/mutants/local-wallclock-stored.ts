import type { CheckId } from "chatkit-testkit/harness";
import { SimpleStore } from "./SimpleStore.js";

export const bug =
  "aware instants are stored as the server's local wall-clock text (simulated +02:00) and read back as UTC, while naive ones are kept as given: the two interleave wrongly";
export const expectedChecks: readonly CheckId[] = ["order.by-instant"];

export default class LocalWallclockStored extends SimpleStore {
  protected override instantOf(createdAt: string): bigint {
    const naive = !/(Z|[+-]\d{2}:\d{2})$/.test(createdAt);
    return naive ? super.instantOf(createdAt) : super.instantOf(createdAt) + 2n * 3_600_000_000n;
  }
}
