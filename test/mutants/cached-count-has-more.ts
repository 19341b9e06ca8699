import type { CheckId } from "chatkit-testkit/harness";
import type { Order, Page } from "chatkit-testkit";
import { SimpleStore, type Json } from "./SimpleStore.js";

export const bug =
  "has_more is `offset + page size < count`, with the collection's COUNT(*) cached at its first listing and refreshed by deletes only: after an add, the last old row's page says nothing follows";
export const expectedChecks: readonly CheckId[] = ["item-add.reread-after-add", "thread-save.reread-after-save"];

/** Modelled on offset-paged stores that keep a total count next to the list (`total` for a pager) and use it for has_more. */
export default class CachedCountHasMore extends SimpleStore {
  private readonly counts = new Map<string, number>();

  protected override async listPage(method: string, kind: "thread" | "item", scope: string, threadId: string | null, after: unknown, limit: unknown, order: unknown): Promise<Page<Json>> {
    const page = await super.listPage(method, kind, scope, threadId, after, limit, order);
    const key = JSON.stringify([kind, scope, threadId]);
    if (!this.counts.has(key)) this.counts.set(key, this.rowsOf(kind, scope, threadId).length); // SELECT COUNT(*), kept
    const ordered = this.sortRows(this.rowsOf(kind, scope, threadId), order as Order);
    const offset = page.data.length === 0 ? ordered.length : ordered.findIndex((r) => r.id === page.data[0]!.id);
    const hasMore = offset + page.data.length < this.counts.get(key)!;
    return { data: page.data, has_more: hasMore, after: hasMore ? (page.data[page.data.length - 1]!.id as string) : null };
  }

  override async deleteThreadItem(threadId: string, itemId: string, context: unknown): Promise<void> {
    await super.deleteThreadItem(threadId, itemId, context);
    this.counts.delete(JSON.stringify(["item", this.scopeOf(context), threadId]));
  }

  override async deleteThread(threadId: string, context: unknown): Promise<void> {
    await super.deleteThread(threadId, context);
    this.counts.delete(JSON.stringify(["thread", this.scopeOf(context), null]));
    this.counts.delete(JSON.stringify(["item", this.scopeOf(context), threadId]));
  }
}
