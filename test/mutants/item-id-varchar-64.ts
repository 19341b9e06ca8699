import type { CheckId } from "chatkit-testkit/harness";
import { SimpleStore } from "./SimpleStore.js";

export const bug = "items.id is a VARCHAR(64) in strict SQL mode: an item id longer than 64 characters fails with the driver's `Data too long for column 'id'` (C-ID: every id up to 1,024 UTF-8 bytes is accepted)";
export const expectedChecks: readonly CheckId[] = ["ids.max-length", "ids.long-twins"];

export default class ItemIdVarchar64 extends SimpleStore {
  protected override async upsertItem(method: string, threadId: string, item: unknown, context: unknown): Promise<void> {
    const id = this.checkRecord(method, "item", item).id as string;
    if ([...id].length > 64) throw new Error("ER_DATA_TOO_LONG: Data too long for column 'id' at row 1");
    await super.upsertItem(method, threadId, item, context);
  }
}
