import type { CheckId } from "chatkit-testkit/harness";
import type { Order } from "chatkit-testkit";
import { SimpleStore, type Row } from "./SimpleStore.js";

export const bug =
  "order is never validated: it indexes a table of sorters, so a bad order throws the engine's `TypeError: this.sorters[order] is not a function` from deep inside (its message happens to contain \"order\")";
export const expectedChecks: readonly CheckId[] = ["arguments.order"];

export default class OrderLookupTypeError extends SimpleStore {
  private readonly sorters: Record<string, (rows: readonly Row[]) => Row[]> = {
    asc: (rows) => [...rows].sort((a, b) => this.compareRows(a, b)),
    desc: (rows) => [...rows].sort((a, b) => this.compareRows(b, a)),
  };

  protected override checkOrder(_method: string, order: unknown): Order {
    return order as Order;
  }

  protected override sortRows(rows: readonly Row[], order: Order): Row[] {
    return this.sorters[order]!(rows);
  }
}
