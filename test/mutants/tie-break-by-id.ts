import type { CheckId } from "chatkit-testkit/harness";
import { SimpleStore, type Row } from "./SimpleStore.js";

export const bug =
  "ties are broken by id (`ORDER BY created_at, id` with a keyset on (created_at, id)), not by insertion";
export const expectedChecks: readonly CheckId[] = ["order.ties-insertion"];

export default class TieBreakById extends SimpleStore {
  protected override compareRows(a: Row, b: Row): number {
    if (a.micros !== b.micros) return a.micros < b.micros ? -1 : 1;
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  }
}
