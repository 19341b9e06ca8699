import type { CheckId } from "chatkit-testkit/harness";
import type { ModelTypes } from "chatkit-testkit";
import { SimpleStore } from "./SimpleStore.js";

export const bug =
  "loadItem goes through a write-through cache that addThreadItem and saveItem update but deleteThreadItem and deleteThread never evict: a deleted item still loads";
export const expectedChecks: readonly CheckId[] = ["delete.reread-survivors", "delete.thread-cascades", "delete.idempotent"];

/** Modelled on stores that keep in-process caches beside the database and evict them in one place only (research S2, S9, S11, 7.3). */
export default class ItemCacheStaleOnDelete extends SimpleStore {
  private readonly cache = new Map<string, ModelTypes["item"]>();
  private key(context: unknown, threadId: string, itemId: string): string {
    return JSON.stringify([this.scopeOf(context), threadId, itemId]);
  }

  override async loadItem(threadId: string, itemId: string, context: unknown): Promise<ModelTypes["item"]> {
    const hit = this.cache.get(this.key(context, threadId, itemId));
    if (hit) return structuredClone(hit);
    const item = await super.loadItem(threadId, itemId, context);
    this.cache.set(this.key(context, threadId, itemId), structuredClone(item));
    return item;
  }

  override async addThreadItem(threadId: string, item: ModelTypes["item"], context: unknown): Promise<void> {
    await super.addThreadItem(threadId, item, context);
    this.cache.set(this.key(context, threadId, item.id), structuredClone(item));
  }

  override async saveItem(threadId: string, item: ModelTypes["item"], context: unknown): Promise<void> {
    await super.saveItem(threadId, item, context);
    this.cache.set(this.key(context, threadId, item.id), structuredClone(item));
  }
}
