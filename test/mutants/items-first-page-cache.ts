import type { CheckId } from "chatkit-testkit/harness";
import type { ModelTypes, Order, Page } from "chatkit-testkit";
import { SimpleStore } from "./SimpleStore.js";

export const bug =
  "the first page of a thread's items (after null) is cached per (thread, limit, order) and cleared by addThreadItem only: after a saveItem, deleteThreadItem or deleteThread the first page is stale";
export const expectedChecks: readonly CheckId[] = ["item-save.reread-after-save", "delete.reread-survivors", "delete.item-only"];

/** Modelled on cached "latest messages" pages with a missing invalidation trigger (an Upstash message-thread cache, research 7.4). */
export default class ItemsFirstPageCache extends SimpleStore {
  private readonly pages = new Map<string, Page<ModelTypes["item"]>>();

  override async loadThreadItems(threadId: string, after: string | null, limit: number, order: Order, context: unknown): Promise<Page<ModelTypes["item"]>> {
    if (after !== null && after !== "") return super.loadThreadItems(threadId, after, limit, order, context);
    const key = JSON.stringify([this.scopeOf(context), threadId, limit, order]);
    const hit = this.pages.get(key);
    if (hit) return structuredClone(hit);
    const page = await super.loadThreadItems(threadId, after, limit, order, context);
    this.pages.set(key, structuredClone(page));
    return page;
  }

  override async addThreadItem(threadId: string, item: ModelTypes["item"], context: unknown): Promise<void> {
    await super.addThreadItem(threadId, item, context);
    const prefix = JSON.stringify([this.scopeOf(context), threadId]).slice(0, -1);
    for (const key of [...this.pages.keys()]) if (key.startsWith(`${prefix},`)) this.pages.delete(key);
  }
}
