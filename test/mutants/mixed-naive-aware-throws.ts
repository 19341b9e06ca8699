import type { CheckId } from "chatkit-testkit/harness";
import { SimpleStore, type Row } from "./SimpleStore.js";

export const bug =
  "comparing a naive and an aware created_at throws from inside the sort (Python: can't compare offset-naive and offset-aware datetimes)";
export const expectedChecks: readonly CheckId[] = ["order.by-instant"];

export default class MixedNaiveAwareThrows extends SimpleStore {
  private readonly naive = new Map<bigint, boolean>();

  protected override instantOf(createdAt: string): bigint {
    const micros = super.instantOf(createdAt);
    this.naive.set(micros, !/(Z|[+-]\d{2}:\d{2})$/.test(createdAt));
    return micros;
  }

  protected override compareRows(a: Row, b: Row): number {
    if (this.naive.get(a.micros) !== this.naive.get(b.micros)) throw new TypeError("can't compare offset-naive and offset-aware datetimes");
    return super.compareRows(a, b);
  }
}
