import type { CheckId } from "chatkit-testkit/harness";
import type { Page } from "chatkit-testkit";
import { SimpleStore, type Json, type Row } from "./SimpleStore.js";

export const bug = "a page ends where the backend's query page ends, at 1 MB of data (DynamoDB Query): a page of large rows holds fewer than `limit` rows, with has_more true and after its last id";
export const expectedChecks: readonly CheckId[] = ["paging.megabyte-pages"];

const QUERY_PAGE_BYTES = 1024 * 1024;

/** The store returns Items and LastEvaluatedKey of one Query call instead of querying again until `limit` rows are read. */
export default class QueryPage1Mb extends SimpleStore {
  protected override pageOf(rows: readonly Row[], limit: number): Page<Json> {
    let bytes = 0;
    let read = 0;
    while (read < Math.min(limit, rows.length)) {
      bytes += Buffer.byteLength(JSON.stringify(rows[read]!.value));
      read++;
      if (bytes >= QUERY_PAGE_BYTES) break;
    }
    if (read === Math.min(limit, rows.length)) return super.pageOf(rows, limit);
    const data = rows.slice(0, read);
    return { data: data.map((r) => this.readCopy(r.value)), has_more: true, after: data[data.length - 1]!.id };
  }
}
