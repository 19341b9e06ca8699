import type { CheckId } from "chatkit-testkit/harness";
import { SimpleStore, type Row } from "./SimpleStore.js";

export const bug = "items.thread_id is compared case-insensitively while threads.id is exact (the two columns got different collations): the items of `thr_twins` and `THR_twins` are one list";
export const expectedChecks: readonly CheckId[] = ["ids.item-twins"];

const key = (id: string) => id.toLowerCase();

export default class ItemThreadIdCaseInsensitive extends SimpleStore {
  protected override inThread(row: Row, scope: string, threadId: string): boolean {
    return this.scopeMatches(row.scope, scope) && row.threadId !== null && key(row.threadId) === key(threadId);
  }
}
