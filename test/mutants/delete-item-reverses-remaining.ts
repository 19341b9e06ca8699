import type { CheckId } from "chatkit-testkit/harness";
import { SimpleStore } from "./SimpleStore.js";

export const bug =
  "deleting one item rewrites the rest with LPUSH, which reverses them: the remaining ties come back in reverse insertion order";
export const expectedChecks: readonly CheckId[] = ["order.ties-after-delete"];

export default class DeleteItemReversesRemaining extends SimpleStore {
  override async deleteThreadItem(threadId: string, itemId: string, context: unknown): Promise<void> {
    await super.deleteThreadItem(threadId, itemId, context);
    const scope = this.scopeOf(context);
    const rest = this.items.filter((r) => r.scope === scope && r.threadId === threadId);
    const seqs = rest.map((r) => r.seq).reverse();
    this.items = this.items.map((r) => (r.scope === scope && r.threadId === threadId ? { ...r, seq: seqs[rest.indexOf(r)]! } : r));
  }
}
