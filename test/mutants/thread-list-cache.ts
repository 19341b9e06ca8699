import type { CheckId } from "chatkit-testkit/harness";
import type { ModelTypes, Order, Page } from "chatkit-testkit";
import { SimpleStore } from "./SimpleStore.js";

export const bug =
  "loadThreads pages are cached per scope and cleared when a thread is created or deleted, not when an existing thread is saved again: the history list keeps old titles and old places";
export const expectedChecks: readonly CheckId[] = ["thread-save.reread-after-save", "thread-save.upsert"];

/** Modelled on stores that cache the thread-history sidebar and invalidate it on "the list changed" only. */
export default class ThreadListCache extends SimpleStore {
  private readonly pages = new Map<string, Page<ModelTypes["thread"]>>();

  override async loadThreads(limit: number, after: string | null, order: Order, context: unknown): Promise<Page<ModelTypes["thread"]>> {
    const key = JSON.stringify([this.scopeOf(context), limit, after, order]);
    const hit = this.pages.get(key);
    if (hit) return structuredClone(hit);
    const page = await super.loadThreads(limit, after, order, context);
    this.pages.set(key, structuredClone(page));
    return page;
  }

  override async saveThread(thread: ModelTypes["thread"], context: unknown): Promise<void> {
    const created = !this.findThread(this.scopeOf(context), this.checkRecord("saveThread", "thread", thread).id as string);
    await super.saveThread(thread, context);
    if (created) this.forget(context);
  }

  override async deleteThread(threadId: string, context: unknown): Promise<void> {
    await super.deleteThread(threadId, context);
    this.forget(context);
  }

  private forget(context: unknown): void {
    const prefix = JSON.stringify([this.scopeOf(context)]).slice(0, -1);
    for (const key of [...this.pages.keys()]) if (key.startsWith(`${prefix},`)) this.pages.delete(key);
  }
}
