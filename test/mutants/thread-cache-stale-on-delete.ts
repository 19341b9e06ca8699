import type { CheckId } from "chatkit-testkit/harness";
import type { ModelTypes } from "chatkit-testkit";
import { SimpleStore } from "./SimpleStore.js";

export const bug = "loadThread goes through a write-through cache that saveThread updates and deleteThread never evicts: a deleted thread still loads";
export const expectedChecks: readonly CheckId[] = ["delete.thread-cascades", "delete.reread-survivors"];

/** Modelled on stores that mirror thread metadata into a cache on save and forget it on delete. */
export default class ThreadCacheStaleOnDelete extends SimpleStore {
  private readonly cache = new Map<string, ModelTypes["thread"]>();

  override async loadThread(threadId: string, context: unknown): Promise<ModelTypes["thread"]> {
    const key = JSON.stringify([this.scopeOf(context), threadId]);
    const hit = this.cache.get(key);
    if (hit) return structuredClone(hit);
    const loaded = await super.loadThread(threadId, context);
    this.cache.set(key, structuredClone(loaded));
    return loaded;
  }

  override async saveThread(thread: ModelTypes["thread"], context: unknown): Promise<void> {
    await super.saveThread(thread, context);
    this.cache.set(JSON.stringify([this.scopeOf(context), thread.id]), this.threadRecord(structuredClone(thread)) as ModelTypes["thread"]);
  }
}
