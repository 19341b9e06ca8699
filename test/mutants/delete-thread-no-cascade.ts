import type { CheckId } from "chatkit-testkit/harness";
import { SimpleStore } from "./SimpleStore.js";

export const bug = "deleteThread removes the thread row only: its items stay, and come back when the id is reused";
export const expectedChecks: readonly CheckId[] = ["delete.thread-cascades"];

export default class DeleteThreadNoCascade extends SimpleStore {
  override async deleteThread(threadId: string, context: unknown): Promise<void> {
    const scope = this.scopeOf(context);
    this.threads = this.threads.filter((r) => !this.isThread(r, scope, threadId));
  }
}
