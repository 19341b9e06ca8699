import type { CheckId } from "chatkit-testkit/harness";
import type { ModelTypes } from "chatkit-testkit";
import { SimpleStore } from "./SimpleStore.js";

export const bug =
  "loadItem goes through an LRU keyed by (scope, thread, item id) that deletes evict but saveItem and addThreadItem do not: an item read before it is saved again reads stale";
export const expectedChecks: readonly CheckId[] = ["item-save.reread-after-save", "item-add.duplicate-replaces"];

/** Modelled on stores that keep in-process caches beside the database with partial invalidation (research S9, S11, 7.2). */
export default class ItemCacheStaleOnSave extends SimpleStore {
  private readonly cache = new Map<string, ModelTypes["item"]>();

  override async loadItem(threadId: string, itemId: string, context: unknown): Promise<ModelTypes["item"]> {
    const key = JSON.stringify([this.scopeOf(context), threadId, itemId]);
    const hit = this.cache.get(key);
    if (hit) return structuredClone(hit);
    const item = await super.loadItem(threadId, itemId, context);
    this.cache.set(key, structuredClone(item));
    if (this.cache.size > 500) this.cache.delete(this.cache.keys().next().value!); // least recently inserted
    return item;
  }

  override async deleteThreadItem(threadId: string, itemId: string, context: unknown): Promise<void> {
    this.cache.delete(JSON.stringify([this.scopeOf(context), threadId, itemId]));
    await super.deleteThreadItem(threadId, itemId, context);
  }

  override async deleteThread(threadId: string, context: unknown): Promise<void> {
    const prefix = JSON.stringify([this.scopeOf(context), threadId]).slice(0, -1);
    for (const key of [...this.cache.keys()]) if (key.startsWith(`${prefix},`)) this.cache.delete(key);
    await super.deleteThread(threadId, context);
  }
}
