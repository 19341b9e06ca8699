import type { CheckId } from "chatkit-testkit/harness";
import { SimpleStore, type Row } from "./SimpleStore.js";

export const bug =
  "the cursor row is looked up with an unanchored regular expression (`{ id: { $regex: after } }`): a prefix or any substring of a row's id names that row, so a cursor that names no row returns the page after another one";
export const expectedChecks: readonly CheckId[] = ["cursor.unknown"];

/** Modelled on a MongoDB query where `$regex` was used to match the cursor id and `^…$` and escaping were left out. */
export default class CursorLookupRegex extends SimpleStore {
  protected override findCursor(kind: "thread" | "item", scope: string, threadId: string | null, id: string): Row | undefined {
    let pattern: RegExp;
    try {
      pattern = new RegExp(id, "u");
    } catch {
      return undefined; // MongoDB rejects the pattern; the store reports the cursor as not found
    }
    return this.rowsOf(kind, scope, threadId).find((r) => pattern.test(r.id));
  }
}
