/**
 * The one set of helpers every store test shares (InMemoryStore's, PostgresStore's, the kernel's):
 * minimal records, listings as loaders, and the page walk that checks C-PAGE on every page.
 */
import { expect } from "vitest";
import type { Order, Page } from "chatkit-testkit";

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
export const item = (id: string, threadId: string, created_at = "2026-01-01T00:00:00Z", extra: Record<string, unknown> = {}) =>
  ({ type: "end_of_turn", id, thread_id: threadId, created_at, ...extra }) as TestItem & { type: "end_of_turn" };

/** One listing, page by page: `(after, limit, order) => page`. */
export type Loader<T> = (after: string | null, limit: number, order: Order) => Promise<Page<T>>;

/** What the loaders need of a store (any store's `loadThreads` and `loadThreadItems`). */
interface Listings<C, T, I> {
  loadThreads(limit: number, after: string | null, order: Order, context: C): Promise<Page<T>>;
  loadThreadItems(threadId: string, after: string | null, limit: number, order: Order, context: C): Promise<Page<I>>;
}

export const threadsOf = <C, T>(store: Listings<C, T, unknown>, ctx: C): Loader<T> => (after, limit, order) => store.loadThreads(limit, after, order, ctx);
export const itemsOf = <C, I>(store: Listings<C, unknown, I>, threadId: string, ctx: C): Loader<I> => (after, limit, order) =>
  store.loadThreadItems(threadId, after, limit, order, ctx);

/**
 * Follows `after` from the first page to the last and checks C-PAGE on every page against `expected`
 * (the full listing in `order`): each page holds the next `min(limit, remaining)` rows, `has_more` is true
 * iff rows remain, and `after` is the last row's id exactly when `has_more`.
 * @returns the pages, for further assertions
 */
export async function expectWalk<T extends { id: string }>(load: Loader<T>, limit: number, order: Order, expected: readonly string[]): Promise<Page<T>[]> {
  const pages: Page<T>[] = [];
  let after: string | null = null;
  let seen = 0;
  for (;;) {
    const page: Page<T> = await load(after, limit, order);
    pages.push(page);
    const want = expected.slice(seen, seen + limit);
    const where = `limit ${limit}, ${order}, page ${pages.length}`;
    expect(page.data.map((r) => r.id), where).toEqual(want);
    seen += page.data.length;
    const more = seen < expected.length;
    expect(page.has_more, `${where}: has_more`).toBe(more);
    expect(page.after, `${where}: after`).toBe(more ? want[want.length - 1] : null);
    if (!page.has_more) break;
    if (pages.length > expected.length + 1) throw new Error(`${where}: the walk does not end`);
    after = page.after;
  }
  expect(seen).toBe(expected.length);
  return pages;
}

/** Every row id of a listing, read in one page. */
export async function allIds(load: Loader<{ id: string }>, order: Order = "asc"): Promise<string[]> {
  const page = await load(null, 1_000_000, order);
  expect(page.has_more).toBe(false);
  return page.data.map((r) => r.id);
}

/** Every id of a listing, following `after` page by page with `limit` (no checks: for tests that compare whole walks). */
export async function walkIds(load: Loader<{ id: string }>, limit: number, order: Order): Promise<string[]> {
  const ids: string[] = [];
  let after: string | null = null;
  for (let pages = 0; ; pages++) {
    const page: Page<{ id: string }> = await load(after, limit, order);
    ids.push(...page.data.map((r) => r.id));
    if (!page.has_more) return ids;
    if (pages > 1_000_000) throw new Error("the walk does not end");
    after = page.after;
  }
}
