import type { CheckId } from "chatkit-testkit/harness";
import type { ModelTypes } from "chatkit-testkit";
import { SimpleStore } from "./SimpleStore.js";

export const bug =
  "loadItem caches misses too (a \"not found\" marker, against repeated lookups of missing ids) and only deletes clear them: an item added after a lookup that missed stays not found";
export const expectedChecks: readonly CheckId[] = ["item-add.reread-after-add", "item-load.wrong-thread", "item-save.inserts-missing"];

/** Modelled on caches that store a null sentinel for missing keys (cache penetration guards) and invalidate on delete only. */
export default class NegativeItemCache extends SimpleStore {
  private readonly misses = new Set<string>();
  private key(context: unknown, threadId: string, itemId: string): string {
    return JSON.stringify([this.scopeOf(context), threadId, itemId]);
  }

  override async loadItem(threadId: string, itemId: string, context: unknown): Promise<ModelTypes["item"]> {
    if (this.misses.has(this.key(context, threadId, itemId))) throw this.notFound("item", itemId);
    try {
      return await super.loadItem(threadId, itemId, context);
    } catch (error) {
      if (error instanceof Error && error.name === "NotFoundError") this.misses.add(this.key(context, threadId, itemId));
      throw error;
    }
  }

  override async deleteThreadItem(threadId: string, itemId: string, context: unknown): Promise<void> {
    this.misses.delete(this.key(context, threadId, itemId));
    await super.deleteThreadItem(threadId, itemId, context);
  }
}
