import type { CheckId } from "chatkit-testkit/harness";
import type { ModelTypes } from "chatkit-testkit";
import { SimpleStore } from "./SimpleStore.js";

export const bug = "addThreadItem looks the thread up by id alone and files the item under the thread's owner (items carry no scope of their own; `SELECT user_id FROM threads WHERE id = $1`): another scope's add into that id lands in the owner's thread";
export const expectedChecks: readonly CheckId[] = ["scope.foreign-ids", "scope.writes"];

export default class AddItemIntoOwnerThread extends SimpleStore {
  override async addThreadItem(threadId: string, item: ModelTypes["item"], context: unknown): Promise<void> {
    const owner = this.threads.find((r) => r.id === threadId); // no scope in the WHERE
    await super.addThreadItem(threadId, item, owner ? owner.scope : context);
  }
}
