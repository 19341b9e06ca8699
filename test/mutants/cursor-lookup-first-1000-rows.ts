import type { CheckId } from "chatkit-testkit/harness";
import { SimpleStore, type Row } from "./SimpleStore.js";

export const bug = "the cursor row is searched for in the first 1,000 rows of the collection (one query page, oldest first), so a live cursor deeper than that raises NotFoundError";
export const expectedChecks: readonly CheckId[] = ["paging.items-past-batch-sizes", "paging.threads-past-batch-sizes"];

/** Modelled on stores that fetch one capped batch and then `findIndex` the cursor in it (a single DynamoDB/Firestore query, an index map over a fetched list). */
export default class CursorLookupFirst1000Rows extends SimpleStore {
  protected override findCursor(kind: "thread" | "item", scope: string, threadId: string | null, id: string): Row | undefined {
    return this.sortRows(this.rowsOf(kind, scope, threadId), "asc")
      .slice(0, 1000)
      .find((r) => r.id === id);
  }
}
