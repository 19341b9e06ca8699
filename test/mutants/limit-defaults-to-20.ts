import type { CheckId } from "chatkit-testkit/harness";
import type { ModelTypes, Order, Page } from "chatkit-testkit";
import { SimpleStore } from "./SimpleStore.js";

export const bug =
  "a left-out limit defaults to 20 (`limit = 20` in the signature, the server's default copied into the store) instead of being rejected";
export const expectedChecks: readonly CheckId[] = ["arguments.limit"];

export default class LimitDefaultsTo20 extends SimpleStore {
  override async loadThreads(limit = 20, after: string | null, order: Order, context: unknown): Promise<Page<ModelTypes["thread"]>> {
    return super.loadThreads(limit, after, order, context);
  }

  override async loadThreadItems(threadId: string, after: string | null, limit = 20, order: Order, context: unknown): Promise<Page<ModelTypes["item"]>> {
    return super.loadThreadItems(threadId, after, limit, order, context);
  }
}
