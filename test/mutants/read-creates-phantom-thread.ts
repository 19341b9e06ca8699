import type { CheckId } from "chatkit-testkit/harness";
import type { ModelTypes, Order, Page } from "chatkit-testkit";
import { SimpleStore } from "./SimpleStore.js";

export const bug =
  "reading the items of a missing thread (loadThreadItems, loadItem, deleteThreadItem) creates that thread on the fly, with created_at now: it then loads and is listed";
export const expectedChecks: readonly CheckId[] = ["missing-thread.creates-nothing"];

/** Modelled on the in-memory store of the ChatKit samples before their simplification, whose `_items(thread_id)` made a thread state for an unknown id (research S2, 10.1). */
export default class ReadCreatesPhantomThread extends SimpleStore {
  private async ensureThread(threadId: string, context: unknown): Promise<void> {
    if (!this.findThread(this.scopeOf(context), threadId)) await this.saveThread({ id: threadId, created_at: new Date().toISOString() }, context);
  }

  override async loadThreadItems(threadId: string, after: string | null, limit: number, order: Order, context: unknown): Promise<Page<ModelTypes["item"]>> {
    await this.ensureThread(threadId, context);
    return super.loadThreadItems(threadId, after, limit, order, context);
  }

  override async loadItem(threadId: string, itemId: string, context: unknown): Promise<ModelTypes["item"]> {
    await this.ensureThread(threadId, context);
    return super.loadItem(threadId, itemId, context);
  }

  override async deleteThreadItem(threadId: string, itemId: string, context: unknown): Promise<void> {
    await this.ensureThread(threadId, context);
    await super.deleteThreadItem(threadId, itemId, context);
  }
}
