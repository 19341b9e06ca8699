import type { CheckId } from "chatkit-testkit/harness";
import { SimpleStore } from "./SimpleStore.js";

export const bug =
  "loadThread of a missing id creates and returns a new empty thread (\"create new thread if not exists\")";
export const expectedChecks: readonly CheckId[] = ["arguments.not-found-name"];

export default class LoadThreadCreatesMissing extends SimpleStore {
  override async loadThread(threadId: string, context: unknown) {
    const scope = this.scopeOf(context);
    if (!this.findThread(scope, threadId)) await this.saveThread({ id: threadId, created_at: "2026-01-01T00:00:00Z" }, context);
    return super.loadThread(threadId, context);
  }
}
