/**
 * Helpers shared by the InMemoryStore tests: page walks that check every page against C-PAGE, and
 * assertions for the typed errors of C-ERR.
 */
import { expect } from "vitest";
import type { InMemoryStore, Order, Page, ThreadMetadata } from "chatkit-testkit";

/** Two users (the default scope reads `user_id`). */
export const alice = { user_id: "alice" };
export const bob = { user_id: "bob" };

export const ORDERS = ["asc", "desc"] as const satisfies readonly Order[];

/** A minimal valid thread. */
export const thread = (id: string, created_at = "2026-01-01T00:00:00Z", extra: Record<string, unknown> = {}) => ({ id, created_at, ...extra }) as ThreadMetadata;

/** A minimal valid item (an `end_of_turn` unless `extra` says otherwise). */
export const item = (id: string, threadId: string, created_at = "2026-01-01T00:00:00Z", extra: Record<string, unknown> = {}) =>
  ({ type: "end_of_turn", id, thread_id: threadId, created_at, ...extra }) as { type: "end_of_turn"; id: string; thread_id: string; created_at: string };

type Loader<T> = (after: string | null, limit: number, order: Order) => Promise<Page<T>>;

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

/** Every row id of a listing, walked with a large limit. */
export async function allIds(load: Loader<{ id: string }>, order: Order = "asc"): Promise<string[]> {
  const page = await load(null, 1_000_000, order);
  expect(page.has_more).toBe(false);
  return page.data.map((r) => r.id);
}

export const threadsOf = <C>(store: InMemoryStore<C>, ctx: C): Loader<{ id: string; created_at: string }> =>
  (after, limit, order) => store.loadThreads(limit, after, order, ctx);
export const itemsOf = <C>(store: InMemoryStore<C>, threadId: string, ctx: C): Loader<{ id: string; created_at: string; type: string }> =>
  (after, limit, order) => store.loadThreadItems(threadId, after, limit, order, ctx);

/** The rejection of `promise`, failing the test if it resolves. */
export async function rejectionOf(promise: Promise<unknown>): Promise<Error & Record<string, unknown>> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(Error);
    return error as Error & Record<string, unknown>;
  }
  throw new Error("expected the call to reject, but it resolved");
}

/** Expects a NotFoundError (by name and code, as C-ERR asks) of the given kind. */
export async function expectNotFound(promise: Promise<unknown>, kind: "thread" | "item" | "attachment" | "cursor", id?: string): Promise<Error> {
  const error = await rejectionOf(promise);
  expect(error.name).toBe("NotFoundError");
  expect(error.code).toBe("CHATKIT_NOT_FOUND");
  expect(error.kind).toBe(kind);
  if (id !== undefined) expect(error.id).toBe(id);
  expect(error.message).toMatch(/^\[chatkit-testkit\] /);
  return error;
}

/**
 * Expects an InvalidArgumentError naming `method` and `argument` (a path) whose message contains `shown`
 * (how the bad value is printed), and checks that the store did not change.
 */
export async function expectInvalid(
  store: Pick<InMemoryStore, "snapshot">,
  call: () => Promise<unknown>,
  method: string,
  argument: string,
  shown?: string | RegExp,
): Promise<Error> {
  const before = store.snapshot();
  const error = await rejectionOf(call());
  expect(error.name).toBe("InvalidArgumentError");
  expect(error.code).toBe("CHATKIT_INVALID_ARGUMENT");
  expect(error).toBeInstanceOf(TypeError);
  expect(error.method).toBe(method);
  expect(error.argument).toBe(argument);
  expect(error.message.startsWith(`[chatkit-testkit] ${method}: ${argument} `), error.message).toBe(true);
  if (typeof shown === "string") expect(error.message).toContain(shown);
  else if (shown) expect(error.message).toMatch(shown);
  expect(store.snapshot(), "a rejected call leaves the store unchanged").toEqual(before);
  return error;
}
