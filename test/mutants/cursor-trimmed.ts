import type { CheckId } from "chatkit-testkit/harness";
import { SimpleStore } from "./SimpleStore.js";

export const bug =
  "`after` is trimmed before the lookup (`after?.trim() || null`, as a query-string parser would): `msg_1 ` continues after `msg_1` instead of raising NotFoundError";
export const expectedChecks: readonly CheckId[] = ["cursor.unknown"];

export default class CursorTrimmed extends SimpleStore {
  protected override cursorOf(method: string, after: unknown): string | null {
    const cursor = super.cursorOf(method, after);
    return cursor === null ? null : cursor.trim() || null;
  }
}
