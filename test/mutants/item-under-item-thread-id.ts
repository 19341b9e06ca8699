import type { CheckId } from "chatkit-testkit/harness";
import type { ModelTypes } from "chatkit-testkit";
import { SimpleStore } from "./SimpleStore.js";

export const bug = "addThreadItem files the item under item.thread_id instead of the threadId argument";
export const expectedChecks: readonly CheckId[] = ["item-add.thread-argument"];

export default class ItemUnderItemThreadId extends SimpleStore {
  override async addThreadItem(threadId: string, item: ModelTypes["item"], context: unknown): Promise<void> {
    const own = (item as { thread_id?: unknown }).thread_id;
    await super.addThreadItem(typeof own === "string" ? own : threadId, item, context);
  }
}
