import type { CheckId } from "chatkit-testkit/harness";
import type { ModelTypes } from "chatkit-testkit";
import { SimpleStore } from "./SimpleStore.js";

export const bug = "addThreadItem and saveItem find the thread through a cache keyed by thread id alone (filled by saveThread, to skip a SELECT per item): when the caller has no such thread, the cached owner's thread takes the item";
export const expectedChecks: readonly CheckId[] = ["scope.foreign-ids"];

export default class ThreadCacheById extends SimpleStore {
  private readonly ownerById = new Map<string, string>();

  override async saveThread(thread: ModelTypes["thread"], context: unknown): Promise<void> {
    await super.saveThread(thread, context);
    this.ownerById.set(thread.id, this.scopeOf(context));
  }

  protected override async upsertItem(method: string, threadId: string, item: unknown, context: unknown): Promise<void> {
    const scope = this.findThread(this.scopeOf(context), threadId) ? this.scopeOf(context) : this.ownerById.get(threadId);
    await super.upsertItem(method, threadId, item, scope ?? context);
  }
}
