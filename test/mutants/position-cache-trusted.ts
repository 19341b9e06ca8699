import type { CheckId } from "chatkit-testkit/harness";
import type { Page } from "chatkit-testkit";
import { SimpleStore, type Json, type Row } from "./SimpleStore.js";

export const bug = "the position (created_at, sequence) of every `after` the store hands out is cached and trusted: a cursor deleted since still pages from its old place, and a deleted-and-re-added cursor resumes at its old place";
export const expectedChecks: readonly CheckId[] = ["cursor.deleted-row", "cursor.re-added-id"];

/** PostgresStore's position cache without the check that the first row of the page is the cursor row (docs/decisions/postgres-cursor-positions.md). */
export default class PositionCacheTrusted extends SimpleStore {
  private readonly positions = new Map<string, { micros: bigint; seq: number }>();

  private key(kind: string, scope: string, threadId: string | null, id: string): string {
    return [kind, scope, threadId ?? "", id].join("\u0000");
  }

  protected override findCursor(kind: "thread" | "item", scope: string, threadId: string | null, id: string): Row | undefined {
    const cached = this.positions.get(this.key(kind, scope, threadId, id));
    if (cached) return { scope, threadId, id, micros: cached.micros, seq: cached.seq, value: {} };
    return super.findCursor(kind, scope, threadId, id);
  }

  protected override async listPage(method: string, kind: "thread" | "item", scope: string, threadId: string | null, after: unknown, limit: unknown, order: unknown): Promise<Page<Json>> {
    const page = await super.listPage(method, kind, scope, threadId, after, limit, order);
    if (page.after !== null) {
      const row = super.findCursor(kind, scope, threadId, page.after)!;
      this.positions.set(this.key(kind, scope, threadId, page.after), { micros: row.micros, seq: row.seq });
    }
    return page;
  }
}
