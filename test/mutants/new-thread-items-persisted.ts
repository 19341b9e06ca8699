import type { CheckId } from "chatkit-testkit/harness";
import type { ModelTypes } from "chatkit-testkit";
import { SimpleStore } from "./SimpleStore.js";

export const bug =
  "saveThread of a new thread also stores the items of the Thread's `items` page (\"create the thread with its first messages\"); re-saves ignore them";
export const expectedChecks: readonly CheckId[] = ["thread-save.ignores-items"];

/** Modelled on stores whose create path writes a whole `Thread` (metadata and its items page) in one go. */
export default class NewThreadItemsPersisted extends SimpleStore {
  override async saveThread(thread: ModelTypes["thread"], context: unknown): Promise<void> {
    const created = !this.findThread(this.scopeOf(context), this.checkRecord("saveThread", "thread", thread).id as string);
    await super.saveThread(thread, context);
    const items = (thread as { items?: { data?: ModelTypes["item"][] } }).items?.data;
    if (created && Array.isArray(items)) for (const item of items) await this.addThreadItem(thread.id, item, context);
  }
}
