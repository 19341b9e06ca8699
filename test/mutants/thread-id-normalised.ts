import type { CheckId } from "chatkit-testkit/harness";
import { SimpleStore, type Row } from "./SimpleStore.js";

export const bug = "thread ids are compared after Unicode normalisation (a file per thread on a normalisation-insensitive file system such as APFS, or keys passed through normalize()): NFC `thr_é` and NFD `thr_e\\u0301` are one thread";
export const expectedChecks: readonly CheckId[] = ["ids.thread-twins"];

const key = (id: string) => id.normalize("NFD");

export default class ThreadIdNormalised extends SimpleStore {
  protected override isThread(row: Row, scope: string, id: string): boolean {
    return this.scopeMatches(row.scope, scope) && key(row.id) === key(id);
  }

  protected override inThread(row: Row, scope: string, threadId: string): boolean {
    return this.scopeMatches(row.scope, scope) && row.threadId !== null && key(row.threadId) === key(threadId);
  }
}
