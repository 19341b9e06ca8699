import type { CheckId } from "chatkit-testkit/harness";
import { SimpleStore } from "./SimpleStore.js";

export const bug = "only null means \"no cursor\": `after` \"\" is looked up as an id and raises NotFoundError";
export const expectedChecks: readonly CheckId[] = ["cursor.empty-string"];

export default class EmptyCursorIsAnId extends SimpleStore {
  protected override cursorOf(method: string, after: unknown): string | null {
    return after === "" ? "" : super.cursorOf(method, after);
  }
}
