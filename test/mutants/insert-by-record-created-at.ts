import type { CheckId } from "chatkit-testkit/harness";
import { SimpleStore, type Row } from "./SimpleStore.js";

export const bug =
  "items live in one array in listing order (replaced in place, so replacements keep their places) and a new item is spliced in before the first stored record whose created_at is later: after a replacement changed a record's created_at, new items go to the wrong place";
export const expectedChecks: readonly CheckId[] = ["item-save.inserts-missing"];

/**
 * Modelled on a document store that embeds a thread's items as an array (`$set: { "items.$": item }` to
 * replace, a scan of the array's created_at values to find where a new one goes). The array is modelled
 * here by giving the new row the position of the record it lands before.
 */
export default class InsertByRecordCreatedAt extends SimpleStore {
  protected override async upsertItem(method: string, threadId: string, item: unknown, context: unknown): Promise<void> {
    const scope = this.scopeOf(context);
    const exists = this.findItem(scope, threadId, (item as { id?: unknown } | null)?.id as string) !== undefined;
    await super.upsertItem(method, threadId, item, context);
    if (exists) return;
    const row = this.findItem(scope, threadId, (item as { id: string }).id)!;
    const others = this.sortRows(this.rowsOf("item", scope, threadId), "asc").filter((r) => r !== row);
    const index = others.findIndex((r) => this.instantOf(r.value.created_at as string) > row.micros);
    if (index === -1) return;
    // the place of others[index], just before it: its instant, a sequence between its tie-mates
    const next = others[index]!;
    const previous = others[index - 1];
    const seq = previous && previous.micros === next.micros ? (previous.seq + next.seq) / 2 : next.seq - 1;
    await this.updateItems((rows) => rows.map((r): Row => (r === row ? { ...r, micros: next.micros, seq } : r)));
  }
}
