import type { CheckId } from "chatkit-testkit/harness";
import type { Order } from "chatkit-testkit";
import { SimpleStore, type Row } from "./SimpleStore.js";

export const bug = "the cursor's tie branch compares created_at text (`created_at = $text AND seq > $seq`): a page ending inside a tie group spelled two ways (Z, +00:00, naive) skips rows";
export const expectedChecks: readonly CheckId[] = ["paging.items-ties-every-limit", "paging.threads-ties-every-limit", "thread-save.keeps-tie-position", "paging.walk-property", "model.sequences"];

/**
 * Orders correctly by (instant, sequence), but the keyset's tie branch tests the stored text instead of
 * the instant. Only a tie group whose rows spell the same instant differently, cut by a page boundary,
 * shows it: the example tie walks spell each tie group's instant several ways (and a re-saved thread
 * respells its own), the property's timestamp pool uses three.
 */
export default class TieBreakByText extends SimpleStore {
  protected override rowsAfterCursor(ordered: readonly Row[], cursor: Row, order: Order): Row[] {
    return ordered.filter((r) => {
      if (r.micros !== cursor.micros) return order === "asc" ? r.micros > cursor.micros : r.micros < cursor.micros;
      return r.value.created_at === cursor.value.created_at && (order === "asc" ? r.seq > cursor.seq : r.seq < cursor.seq);
    });
  }
}
