import type { CheckId } from "chatkit-testkit/harness";
import { SimpleStore, type Row } from "./SimpleStore.js";

export const bug =
  "the cursor row is looked up case-insensitively (`findFirst({ where: { id: { equals: after, mode: \"insensitive\" } } })`) while every other lookup is exact: `MSG_1` as `after` continues after `msg_1`";
export const expectedChecks: readonly CheckId[] = ["cursor.unknown"];

/** Modelled on an ORM's case-insensitive mode (Prisma's `mode: "insensitive"`, ILIKE) on the cursor query only. */
export default class CursorLookupCaseInsensitive extends SimpleStore {
  protected override findCursor(kind: "thread" | "item", scope: string, threadId: string | null, id: string): Row | undefined {
    return this.rowsOf(kind, scope, threadId).find((r) => r.id.toLowerCase() === id.toLowerCase());
  }
}
