import type { CheckId } from "chatkit-testkit/harness";
import type { ModelTypes, Order, Page } from "chatkit-testkit";
import { SimpleStore } from "./SimpleStore.js";

export const bug = "loadThreadItems on a thread that does not exist raises NotFoundError instead of returning an empty page";
export const expectedChecks: readonly CheckId[] = ["missing-thread.empty-page", "delete.thread-cascades", "scope.reads"];

export default class MissingThreadThrows extends SimpleStore {
  override async loadThreadItems(threadId: string, after: string | null, limit: number, order: Order, context: unknown): Promise<Page<ModelTypes["item"]>> {
    if (!this.findThread(this.scopeOf(context), threadId)) throw this.notFound("thread", threadId);
    return super.loadThreadItems(threadId, after, limit, order, context);
  }
}
