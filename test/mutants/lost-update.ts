import type { CheckId } from "chatkit-testkit/harness";
import { SimpleStore, type Row } from "./SimpleStore.js";

export const bug = "item writes read the table, await (a round trip), then write back what they read plus their change: concurrent writes are lost";
export const expectedChecks: readonly CheckId[] = ["concurrency.parallel-adds", "concurrency.parallel-mixed", "concurrency.interleavings"];

export default class LostUpdate extends SimpleStore {
  protected override async updateItems(change: (rows: readonly Row[]) => readonly Row[]): Promise<void> {
    const rows = this.items; // read
    await new Promise((resolve) => setTimeout(resolve, 0)); // e.g. a round trip to the database
    this.items = change(rows); // write back: whatever landed in between is gone
  }
}
