import type { CheckId } from "chatkit-testkit/harness";
import { SimpleStore } from "./SimpleStore.js";

export const bug =
  "instants are stored as whole seconds (`strftime('%s')`, unixepoch()): rows within one second tie and fall back to insertion order";
export const expectedChecks: readonly CheckId[] = ["order.by-instant"];

export default class SecondsPrecision extends SimpleStore {
  protected override instantOf(createdAt: string): bigint {
    return (super.instantOf(createdAt) / 1_000_000n) * 1_000_000n;
  }
}
