import type { CheckId } from "chatkit-testkit/harness";
import { SimpleStore, type Row } from "./SimpleStore.js";

export const bug = "thread ids are compared case-insensitively (a `_ci` collation such as MySQL's utf8mb4_0900_as_ci on threads.id and items.thread_id): `thr_a` and `thr_A` are one thread";
export const expectedChecks: readonly CheckId[] = ["ids.thread-twins", "ids.item-twins"];

const key = (id: string) => id.toLowerCase();

export default class ThreadIdCaseInsensitive extends SimpleStore {
  protected override isThread(row: Row, scope: string, id: string): boolean {
    return this.scopeMatches(row.scope, scope) && key(row.id) === key(id);
  }

  protected override inThread(row: Row, scope: string, threadId: string): boolean {
    return this.scopeMatches(row.scope, scope) && row.threadId !== null && key(row.threadId) === key(threadId);
  }
}
