import type { CheckId } from "chatkit-testkit/harness";
import { SimpleStore, type Row } from "./SimpleStore.js";

export const bug =
  "loadItem finds an item through an id → array index map filled on insert; a delete splices the array and drops the deleted id but does not shift the others, so items after it load their neighbour";
export const expectedChecks: readonly CheckId[] = ["delete.reread-survivors", "delete.item-only"];

/** Modelled on published in-memory ChatKit stores that keep `_item_indices[thread_id][item_id] = len(items)` beside the list. */
export default class PositionMapNotShifted extends SimpleStore {
  private readonly positions = new Map<string, number>();
  private keyOf(scope: string, threadId: string | null, id: string): string {
    return JSON.stringify([scope, threadId, id]);
  }

  protected override async updateItems(change: (rows: readonly Row[]) => readonly Row[]): Promise<void> {
    await super.updateItems(change);
    const present = new Set(this.items.map((r) => this.keyOf(r.scope, r.threadId, r.id)));
    for (const key of [...this.positions.keys()]) if (!present.has(key)) this.positions.delete(key); // the deleted id goes
    this.items.forEach((r, i) => {
      const key = this.keyOf(r.scope, r.threadId, r.id);
      if (!this.positions.has(key)) this.positions.set(key, i); // new rows only: the others keep their old index
    });
  }

  protected override findItem(scope: string, threadId: string, id: string): Row | undefined {
    const at = this.positions.get(this.keyOf(scope, threadId, id));
    return at === undefined ? undefined : this.items[at];
  }
}
