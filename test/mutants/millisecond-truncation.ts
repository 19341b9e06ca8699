import type { CheckId } from "chatkit-testkit/harness";
import { SimpleStore } from "./SimpleStore.js";

export const bug = "created_at is kept as a JS Date (milliseconds), so instants a microsecond apart tie";
export const expectedChecks: readonly CheckId[] = ["order.microseconds"];

export default class MillisecondTruncation extends SimpleStore {
  protected override instantOf(createdAt: string): bigint {
    const millis = super.instantOf(createdAt) / 1000n; // new Date(created_at).getTime()
    return millis * 1000n;
  }
}
