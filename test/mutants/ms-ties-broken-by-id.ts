import type { CheckId } from "chatkit-testkit/harness";
import { SimpleStore, type Row } from "./SimpleStore.js";

export const bug =
  "created_at kept at millisecond precision (a JS Date, MySQL DATETIME(3)) and ties broken by id (`ORDER BY created_at, id`): right whenever ids happen to sort in time order";
export const expectedChecks: readonly CheckId[] = ["order.microseconds"];

export default class MsTiesBrokenById extends SimpleStore {
  protected override instantOf(createdAt: string): bigint {
    return (super.instantOf(createdAt) / 1000n) * 1000n;
  }

  protected override compareRows(a: Row, b: Row): number {
    if (a.micros !== b.micros) return a.micros < b.micros ? -1 : 1;
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  }
}
