import type { CheckId } from "chatkit-testkit/harness";
import type { ModelTypes } from "chatkit-testkit";
import { SimpleStore } from "./SimpleStore.js";

export const bug =
  "loadThread goes through a read-through cache that deleteThread evicts but saveThread does not: a thread read before it is saved again keeps its old title and metadata";
export const expectedChecks: readonly CheckId[] = ["thread-save.reread-after-save", "thread-save.upsert"];

/** Modelled on stores that cache thread metadata beside the database and evict it on delete only (research S9, S11, 7.2). */
export default class ThreadCacheStaleOnSave extends SimpleStore {
  private readonly cache = new Map<string, ModelTypes["thread"]>();

  override async loadThread(threadId: string, context: unknown): Promise<ModelTypes["thread"]> {
    const key = JSON.stringify([this.scopeOf(context), threadId]);
    const hit = this.cache.get(key);
    if (hit) return structuredClone(hit);
    const loaded = await super.loadThread(threadId, context);
    this.cache.set(key, structuredClone(loaded));
    return loaded;
  }

  override async deleteThread(threadId: string, context: unknown): Promise<void> {
    this.cache.delete(JSON.stringify([this.scopeOf(context), threadId]));
    await super.deleteThread(threadId, context);
  }
}
