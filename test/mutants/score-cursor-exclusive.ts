import type { CheckId } from "chatkit-testkit/harness";
import type { ModelTypes, Order } from "chatkit-testkit";
import { SimpleStore, type Row } from "./SimpleStore.js";

export const bug = "a Redis-style sorted set: `after` is turned into its score (created_at) through an id → score hash that deletes never clean (HSET without HDEL), and the next page is ZRANGEBYSCORE from the exclusive `(score`: rows tied with the cursor are skipped, and a deleted cursor still pages";
export const expectedChecks: readonly CheckId[] = ["cursor.deleted-row", "paging.items-ties-every-limit", "paging.threads-ties-every-limit"];

/** Modelled on Upstash-Redis chat stores: ZADD by timestamp, HSET of the message, `zrange(key, "(" + lastTimestamp, …, { byScore: true })`. */
export default class ScoreCursorExclusive extends SimpleStore {
  /** id → score, written on every save and never deleted */
  private readonly scores = new Map<string, bigint>();

  private key(kind: string, scope: string, threadId: string | null, id: string): string {
    return [kind, scope, threadId ?? "", id].join("\u0000");
  }

  override async saveThread(thread: ModelTypes["thread"], context: unknown): Promise<void> {
    await super.saveThread(thread, context);
    const scope = this.scopeOf(context);
    const row = this.findThread(scope, thread.id)!;
    this.scores.set(this.key("thread", scope, null, row.id), row.micros);
  }

  protected override async upsertItem(method: string, threadId: string, item: unknown, context: unknown): Promise<void> {
    await super.upsertItem(method, threadId, item, context);
    const scope = this.scopeOf(context);
    const row = this.findItem(scope, threadId, (item as { id: string }).id)!;
    this.scores.set(this.key("item", scope, threadId, row.id), row.micros);
  }

  protected override findCursor(kind: "thread" | "item", scope: string, threadId: string | null, id: string): Row | undefined {
    const score = this.scores.get(this.key(kind, scope, threadId, id));
    return score === undefined ? undefined : { scope, threadId, id, micros: score, seq: 0, value: {} };
  }

  protected override rowsAfterCursor(ordered: readonly Row[], cursor: Row, order: Order): Row[] {
    return ordered.filter((r) => (order === "asc" ? r.micros > cursor.micros : r.micros < cursor.micros));
  }
}
