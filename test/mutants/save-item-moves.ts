import type { CheckId } from "chatkit-testkit/harness";
import { SimpleStore, type Json, type Row } from "./SimpleStore.js";

export const bug = "replacing an item re-keys it by its new created_at, so it moves instead of keeping its position";
export const expectedChecks: readonly CheckId[] = ["item-save.replace-in-place"];

export default class SaveItemMoves extends SimpleStore {
  protected override replaceItem(row: Row, value: Json): Row {
    return { ...row, value, micros: this.instantOf(value.created_at as string) };
  }
}
