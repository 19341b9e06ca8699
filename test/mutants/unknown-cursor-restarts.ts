import type { CheckId } from "chatkit-testkit/harness";
import { SimpleStore, type Row } from "./SimpleStore.js";

export const bug = "an `after` id that names no row is ignored: the listing silently restarts from the first row";
export const expectedChecks: readonly CheckId[] = ["cursor.unknown", "cursor.foreign-thread", "cursor.foreign-scope"];

export default class UnknownCursorRestarts extends SimpleStore {
  protected override onUnknownCursor(_method: string, _after: string, ordered: readonly Row[]): Row[] {
    return [...ordered];
  }
}
