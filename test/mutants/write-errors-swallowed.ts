import type { CheckId } from "chatkit-testkit/harness";
import { SimpleStore } from "./SimpleStore.js";

export const bug =
  "every item write is wrapped in a try/catch that logs and returns: malformed records and missing threads \"succeed\" without writing";
export const expectedChecks: readonly CheckId[] = ["arguments.malformed-records"];

export default class WriteErrorsSwallowed extends SimpleStore {
  protected override async upsertItem(method: string, threadId: string, item: unknown, context: unknown): Promise<void> {
    try {
      await super.upsertItem(method, threadId, item, context);
    } catch {
      // logger.error(...) and carry on
    }
  }
}
