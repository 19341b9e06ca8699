import type { CheckId } from "chatkit-testkit/harness";
import { SimpleStore, type Row } from "./SimpleStore.js";

export const bug = "thread ids are cut to their first 255 bytes (a VARCHAR(255)/byte-limited key column, MySQL without strict mode truncating silently): ids that share their first 255 bytes are one thread";
export const expectedChecks: readonly CheckId[] = ["ids.long-twins"];

const bytes = new TextEncoder();
const text = new TextDecoder();
const cut = new Map<string, string>();
/** The first 255 bytes of the id's UTF-8 (a character split there decodes as U+FFFD, as a byte-cut column would store it). */
function key(id: string): string {
  if (id.length < 64) return id; // at most 3 bytes per UTF-16 unit: nothing to cut
  let k = cut.get(id);
  if (k === undefined) cut.set(id, (k = text.decode(bytes.encode(id).slice(0, 255))));
  return k;
}

export default class ThreadIdTruncated255Bytes extends SimpleStore {
  protected override isThread(row: Row, scope: string, id: string): boolean {
    return this.scopeMatches(row.scope, scope) && key(row.id) === key(id);
  }

  protected override inThread(row: Row, scope: string, threadId: string): boolean {
    return this.scopeMatches(row.scope, scope) && row.threadId !== null && key(row.threadId) === key(threadId);
  }

  protected override findCursor(kind: "thread" | "item", scope: string, threadId: string | null, id: string): Row | undefined {
    return kind === "thread" ? this.rowsOf(kind, scope, threadId).find((r) => key(r.id) === key(id)) : super.findCursor(kind, scope, threadId, id);
  }
}
