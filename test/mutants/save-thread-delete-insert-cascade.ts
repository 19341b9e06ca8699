import type { CheckId } from "chatkit-testkit/harness";
import type { ModelTypes } from "chatkit-testkit";
import { SimpleStore } from "./SimpleStore.js";

export const bug = "saveThread is deleteThread + insert: the cascade erases the thread's items, and the thread loses its place among ties";
export const expectedChecks: readonly CheckId[] = ["thread-save.ignores-items", "thread-save.keeps-tie-position"];

export default class SaveThreadDeleteInsertCascade extends SimpleStore {
  override async saveThread(thread: ModelTypes["thread"], context: unknown): Promise<void> {
    await this.deleteThread(thread.id, context);
    await super.saveThread(thread, context);
  }
}
