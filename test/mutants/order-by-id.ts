import type { CheckId } from "chatkit-testkit/harness";
import { SimpleStore, type Row } from "./SimpleStore.js";

export const bug = "rows are ordered by id (ORDER BY id), as if ids were time-ordered";
export const expectedChecks: readonly CheckId[] = ["order.not-by-id", "order.ties-insertion"];

export default class OrderById extends SimpleStore {
  protected override compareRows(a: Row, b: Row): number {
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  }
}
