import type { CheckId } from "chatkit-testkit/harness";
import type { Order } from "chatkit-testkit";
import { SimpleStore, type Row } from "./SimpleStore.js";

export const bug = "the cursor predicate is `created_at > cursor.created_at` with no tie-break: rows tied with the cursor row are skipped";
export const expectedChecks: readonly CheckId[] = ["paging.items-ties-every-limit", "paging.threads-ties-every-limit", "paging.walk-property"];

export default class StrictCreatedAtCursor extends SimpleStore {
  protected override rowsAfterCursor(ordered: readonly Row[], cursor: Row, order: Order): Row[] {
    // WHERE created_at > $1 (asc) / created_at < $1 (desc)
    return ordered.filter((r) => (order === "asc" ? r.micros > cursor.micros : r.micros < cursor.micros));
  }
}
