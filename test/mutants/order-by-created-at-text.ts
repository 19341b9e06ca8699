import type { CheckId } from "chatkit-testkit/harness";
import { SimpleStore, type Row } from "./SimpleStore.js";

export const bug = "rows are ordered by the text of created_at (upstream SQLite's ORDER BY created_at on a TEXT column), not its instant";
export const expectedChecks: readonly CheckId[] = ["order.by-instant"];

export default class OrderByCreatedAtText extends SimpleStore {
  protected override compareRows(a: Row, b: Row): number {
    const x = a.value.created_at as string;
    const y = b.value.created_at as string;
    return x < y ? -1 : x > y ? 1 : a.seq - b.seq;
  }
}
