/**
 * Helpers of the PostgresStore tests: records, page walks checked against C-PAGE, raw SQL on a store's
 * tables, and a unique scope per test (stores of the "shared" isolation share tables).
 */
import { expect } from "vitest";
import type { Order, Page, Store } from "chatkit-testkit";
import type { PostgresStore } from "chatkit-testkit/postgres";

export const ORDERS = ["asc", "desc"] as const satisfies readonly Order[];

export interface TestThread {
  id: string;
  created_at: string;
  [key: string]: unknown;
}
export interface TestItem {
  type: string;
  id: string;
  thread_id: string;
  created_at: string;
  [key: string]: unknown;
}

/** A minimal valid thread. */
export const thread = (id: string, created_at = "2026-01-01T00:00:00Z", extra: Record<string, unknown> = {}): TestThread => ({ id, created_at, ...extra });

/** A minimal valid item (an `end_of_turn` unless `extra` says otherwise). */
export const item = (id: string, threadId: string, created_at = "2026-01-01T00:00:00Z", extra: Record<string, unknown> = {}): TestItem => ({
  type: "end_of_turn",
  id,
  thread_id: threadId,
  created_at,
  ...extra,
});

let counter = 0;
/** A scope key no other test uses (several stores may share one set of tables). */
export const uniqueScope = (label = "u") => `${label}-${process.pid}-${++counter}-${Math.random().toString(36).slice(2, 8)}`;

/** A store typed loosely enough for test records. */
export type AnyStore = Store<unknown, { thread: TestThread; item: TestItem; attachment: { id: string; [key: string]: unknown } }>;

export const loose = (store: PostgresStore<any>) => store as unknown as AnyStore;

type Loader<T> = (after: string | null, limit: number, order: Order) => Promise<Page<T>>;

/**
 * Follows `after` from the first page to the last and checks C-PAGE on every page against `expected` (the
 * whole listing in `order`): each page holds the next `min(limit, remaining)` rows, `has_more` is true iff
 * rows remain, and `after` is the last row's id exactly when `has_more`.
 */
export async function expectWalk<T extends { id: string }>(load: Loader<T>, limit: number, order: Order, expected: readonly string[]): Promise<void> {
  let after: string | null = null;
  let seen = 0;
  for (let pages = 1; ; pages++) {
    const page: Page<T> = await load(after, limit, order);
    const want = expected.slice(seen, seen + limit);
    const where = `limit ${limit}, ${order}, page ${pages}`;
    expect(page.data.map((r) => r.id), where).toEqual(want);
    seen += page.data.length;
    const more = seen < expected.length;
    expect(page.has_more, `${where}: has_more`).toBe(more);
    expect(page.after, `${where}: after`).toBe(more ? want[want.length - 1] : null);
    if (!page.has_more) break;
    if (pages > expected.length + 1) throw new Error(`${where}: the walk does not end`);
    after = page.after;
  }
  expect(seen).toBe(expected.length);
}

export const threadsOf = (store: AnyStore, ctx: unknown): Loader<TestThread> => (after, limit, order) => store.loadThreads(limit, after, order, ctx);
export const itemsOf = (store: AnyStore, threadId: string, ctx: unknown): Loader<TestItem> => (after, limit, order) =>
  store.loadThreadItems(threadId, after, limit, order, ctx);

/** Every id of a listing, in one page. */
export async function ids(load: Loader<{ id: string }>, order: Order = "asc"): Promise<string[]> {
  const page = await load(null, 1_000_000, order);
  expect(page.has_more).toBe(false);
  return page.data.map((r) => r.id);
}

/** Raw SQL on the store's own client (pg-mem or the pool), for setting up corrupt rows and checking tables. */
export async function sql<R = Record<string, unknown>>(store: PostgresStore<any>, text: string, values: unknown[] = []): Promise<R[]> {
  const result = await store.client.query(text, values);
  return result.rows as R[];
}

/** Number of rows of a table in a scope (counts come back as strings from node-postgres). */
export async function countRows(store: PostgresStore<any>, table: "threads" | "items" | "attachments", scope: string): Promise<number> {
  const rows = await sql<{ n: unknown }>(store, `SELECT count(*) AS n FROM ${store.tableNames[table]} WHERE scope = $1`, [scope]);
  return Number(rows[0]!.n);
}

/** The error a promise rejects with (fails the test when it resolves). */
export async function rejection(promise: Promise<unknown>): Promise<Error & { code?: string; kind?: string; table?: string; id?: string; argument?: string }> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected the call to reject, it resolved");
}
