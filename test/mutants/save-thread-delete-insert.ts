import type { CheckId } from "chatkit-testkit/harness";
import type { ModelTypes } from "chatkit-testkit";
import { SimpleStore } from "./SimpleStore.js";

export const bug = "saveThread deletes the thread row and inserts it again (items kept): the thread gets a new sequence and loses its place among ties";
export const expectedChecks: readonly CheckId[] = ["thread-save.keeps-tie-position"];

export default class SaveThreadDeleteInsert extends SimpleStore {
  override async saveThread(thread: ModelTypes["thread"], context: unknown): Promise<void> {
    const scope = this.scopeOf(context);
    this.threads = this.threads.filter((r) => !this.isThread(r, scope, thread.id)); // DELETE FROM threads WHERE id = $1
    await super.saveThread(thread, context); // INSERT INTO threads …
  }
}
