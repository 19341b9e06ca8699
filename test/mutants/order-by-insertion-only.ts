import type { CheckId } from "chatkit-testkit/harness";
import { SimpleStore, type Row } from "./SimpleStore.js";

export const bug =
  "rows are listed in insertion order (a list position, Redis LRANGE): created_at is ignored";
export const expectedChecks: readonly CheckId[] = ["order.by-instant"];

export default class OrderByInsertionOnly extends SimpleStore {
  protected override compareRows(a: Row, b: Row): number {
    return a.seq - b.seq;
  }
}
