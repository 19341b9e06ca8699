import type { CheckId } from "chatkit-testkit/harness";
import type { Order } from "chatkit-testkit";
import { SimpleStore, type Row } from "./SimpleStore.js";

export const bug = "rows are ordered by created_at but the cursor predicate is `id > cursor.id`";
export const expectedChecks: readonly CheckId[] = ["paging.items-ties-every-limit", "paging.threads-ties-every-limit"];

export default class IdGreaterThanCursor extends SimpleStore {
  protected override rowsAfterCursor(ordered: readonly Row[], cursor: Row, order: Order): Row[] {
    // ORDER BY created_at … WHERE id > $1
    return ordered.filter((r) => (order === "asc" ? r.id > cursor.id : r.id < cursor.id));
  }
}
