import type { CheckId } from "chatkit-testkit/harness";
import { SimpleStore } from "./SimpleStore.js";

export const bug = "missing rows raise a plain Error(\"… not found\"), so callers cannot tell NotFoundError from a crash";
export const expectedChecks: readonly CheckId[] = ["arguments.not-found-name", "attachments.not-found", "cursor.unknown", "scope.reads"];

export default class NotFoundPlainError extends SimpleStore {
  protected override notFound(kind: string, id: string): Error {
    return new Error(`${kind} ${id} not found`);
  }
}
