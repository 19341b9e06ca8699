import type { CheckId } from "chatkit-testkit/harness";
import type { Order } from "chatkit-testkit";
import { SimpleStore, type Row } from "./SimpleStore.js";

export const bug = "desc sorts by created_at DESC but keeps ties in insertion order (ORDER BY created_at DESC, seq ASC): desc is not the reverse of asc";
export const expectedChecks: readonly CheckId[] = ["order.ties-insertion", "flows.retry-after-item-ties", "paging.items-ties-every-limit", "paging.threads-ties-every-limit"];

export default class DescTiesInsertionOrder extends SimpleStore {
  protected override sortRows(rows: readonly Row[], order: Order): Row[] {
    if (order === "asc") return super.sortRows(rows, order);
    return [...rows].sort((a, b) => (a.micros !== b.micros ? (a.micros > b.micros ? -1 : 1) : a.seq - b.seq));
  }
}
