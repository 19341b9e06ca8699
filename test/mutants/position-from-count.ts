import type { CheckId } from "chatkit-testkit/harness";
import { SimpleStore } from "./SimpleStore.js";

export const bug = "an item's tie-break position is the thread's row count at insert (`SELECT count(*)`): after a delete, a new item can reuse a live position";
export const expectedChecks: readonly CheckId[] = ["order.ties-after-delete"];

export default class PositionFromCount extends SimpleStore {
  protected override nextSeq(kind: "thread" | "item", scope: string, threadId: string | null): number {
    if (kind === "thread") return super.nextSeq(kind, scope, threadId);
    return this.rowsOf("item", scope, threadId).length;
  }
}
