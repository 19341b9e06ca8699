import type { CheckId } from "chatkit-testkit/harness";
import { type Order } from "chatkit-testkit";
import { SimpleStore, type Row } from "./SimpleStore.js";

export const bug =
  "the listing is always ascending whatever `order` says (\"always chronological for chat\")";
export const expectedChecks: readonly CheckId[] = ["order.ties-insertion", "order.by-instant"];

export default class OrderIgnoredAlwaysAsc extends SimpleStore {
  protected override sortRows(rows: readonly Row[], _order: Order): Row[] {
    return super.sortRows(rows, "asc");
  }
}
