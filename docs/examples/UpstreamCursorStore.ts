/**
 * MapStore with the Python reference store's pagination bug (docs/upstream.md §3.2): the cursor is turned
 * into its created_at and rows are filtered with a strict `>` (or `<`), with no tie-break. Used by
 * docs/test-your-own-store.md to show a shrunk counterexample.
 */
import { timestampMicros, type Page, type ThreadItem } from "chatkit-testkit";
import { MapStore } from "./MapStore.js";

export class UpstreamCursorStore extends MapStore {
  override async loadThreadItems(threadId: string, after: string | null, limit: number, order: "asc" | "desc", ctx: { user_id: string }): Promise<Page<ThreadItem>> {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`limit must be an integer ≥ 1, got ${limit}`);
    const all = (await super.loadThreadItems(threadId, null, Number.MAX_SAFE_INTEGER, order, ctx)).data;
    let rows = all;
    if (after) {
      const cursor = await this.loadItem(threadId, after, ctx);
      const bound = timestampMicros(cursor.created_at);
      rows = all.filter((r) => (order === "asc" ? timestampMicros(r.created_at) > bound : timestampMicros(r.created_at) < bound));
    }
    const has_more = rows.length > limit;
    const data = rows.slice(0, limit);
    return { data, has_more, after: has_more ? data[data.length - 1]!.id : null };
  }
}
