/**
 * Helpers of the PostgresStore tests: raw SQL on a store's tables, and a unique scope per test (stores of
 * the "shared" isolation share tables). Records, loaders and the page walk are every store test's:
 * test/support/stores.ts (re-exported here).
 */
import type { Store } from "chatkit-testkit";
import type { PostgresStore } from "chatkit-testkit/postgres";

import type { TestItem, TestThread } from "../support/stores.js";

export { ORDERS, allIds as ids, expectWalk, item, itemsOf, thread, threadsOf, type TestItem, type TestThread } from "../support/stores.js";

let counter = 0;
/** A scope key no other test uses (several stores may share one set of tables). */
export const uniqueScope = (label = "u") => `${label}-${process.pid}-${++counter}-${Math.random().toString(36).slice(2, 8)}`;

/** A store typed loosely enough for test records. */
export type AnyStore = Store<unknown, { thread: TestThread; item: TestItem; attachment: { id: string; [key: string]: unknown } }>;

export const loose = (store: PostgresStore<any>) => store as unknown as AnyStore;

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
