import type { CheckId } from "chatkit-testkit/harness";
import { SimpleStore } from "./SimpleStore.js";

export const bug =
  "loadItem returns undefined for a missing item instead of raising NotFoundError";
export const expectedChecks: readonly CheckId[] = ["arguments.not-found-name"];

export default class LoadReturnsUndefined extends SimpleStore {
  override async loadItem(threadId: string, itemId: string, context: unknown): ReturnType<SimpleStore["loadItem"]> {
    try {
      return await super.loadItem(threadId, itemId, context);
    } catch {
      return undefined as unknown as Awaited<ReturnType<SimpleStore["loadItem"]>>;
    }
  }
}
