import type { CheckId } from "chatkit-testkit/harness";
import { SimpleStore, type Row } from "./SimpleStore.js";

export const bug = "thread ids ignore trailing spaces (a PAD SPACE collation, MariaDB utf8mb4_bin or SQL Server's ANSI padding, or a CHAR column): `thr_x` and `thr_x ` are one thread";
export const expectedChecks: readonly CheckId[] = ["ids.thread-twins"];

const key = (id: string) => id.replace(/ +$/, "");

export default class ThreadIdPadSpace extends SimpleStore {
  protected override isThread(row: Row, scope: string, id: string): boolean {
    return this.scopeMatches(row.scope, scope) && key(row.id) === key(id);
  }

  protected override findCursor(kind: "thread" | "item", scope: string, threadId: string | null, id: string): Row | undefined {
    return kind === "thread" ? this.rowsOf(kind, scope, threadId).find((r) => key(r.id) === key(id)) : super.findCursor(kind, scope, threadId, id);
  }
}
