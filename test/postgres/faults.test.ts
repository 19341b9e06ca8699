/**
 * Faults only a real server has: a connection killed in the middle of a multi-row write, and writers on
 * several pools at once. Skipped (loudly) without PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type pg from "pg";
import { isNotFoundError } from "chatkit-testkit";
import { PostgresStore } from "chatkit-testkit/postgres";
import { newPool, postgresUrl, realPgBackend, titleOf } from "./backends.js";
import { ORDERS, countRows, expectWalk, ids, item, itemsOf, loose, thread, uniqueScope } from "./support.js";

const { url } = postgresUrl();
const real = realPgBackend();

describe.skipIf(url === null)(`faults on ${titleOf(real)}`, () => {
  const schema = `faults_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  let admin: pg.Pool;
  let poolA: pg.Pool;
  let poolB: pg.Pool;
  let a: PostgresStore<unknown>;
  let b: PostgresStore<unknown>;

  beforeAll(async () => {
    admin = newPool(url!, 3);
    poolA = newPool(url!, 5);
    poolB = newPool(url!, 5);
    a = new PostgresStore({ client: poolA, schema });
    b = new PostgresStore({ client: poolB, schema });
    await a.migrate();
  });
  afterAll(async () => {
    await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await Promise.all([admin.end(), poolA.end(), poolB.end()]);
  });

  /** Waits until a backend runs a statement matching `pattern` while waiting for a lock; returns its pid. */
  async function blockedBackend(pattern: string): Promise<number> {
    for (let i = 0; i < 200; i++) {
      const r = await admin.query(
        "SELECT pid FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE $1 AND pid <> pg_backend_pid()",
        [pattern],
      );
      if (r.rows.length > 0) return Number(r.rows[0].pid);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error(`no backend blocked on ${pattern}`);
  }

  it("C-DELETE: a connection killed in the middle of deleteThread's cascade leaves the thread and every item in place", async () => {
    const u = uniqueScope();
    const store = loose(a);
    await store.saveThread(thread("thr_big"), u);
    const n = 400;
    // Bulk-load valid items (JSON text built in SQL), then one through the store.
    await admin.query(
      `INSERT INTO ${a.tableNames.items} (scope, thread_id, id, created_micros, data)
       SELECT $1, 'thr_big', 'm' || g, 1767225600000000 + g,
              '{"type":"end_of_turn","id":"m' || g || '","thread_id":"thr_big","created_at":"2026-01-01T00:00:00Z"}'
       FROM generate_series(1, $2::int - 1) g`,
      [u, n],
    );
    await store.addThreadItem("thr_big", item("zz_last", "thr_big", "2026-01-02T00:00:00Z"), u);
    expect(await countRows(a, "items", u)).toBe(n);

    // Another session locks the last item (last by id and by insertion), so the cascade stops half-way and waits for it.
    const locker = await admin.connect();
    await locker.query("BEGIN");
    await locker.query(`SELECT id FROM ${a.tableNames.items} WHERE scope = $1 AND thread_id = 'thr_big' AND id = 'zz_last' FOR UPDATE`, [u]);
    const deleting = store.deleteThread("thr_big", u);
    const settled = deleting.then(
      () => "resolved",
      (error: Error) => error.message,
    );
    try {
      const pid = await blockedBackend(`DELETE FROM ${a.tableNames.threads}%`);
      // It is mid-way: the other items already carry the deleting transaction's xmax (not yet committed).
      const marked = await admin.query(`SELECT count(*) AS n FROM ${a.tableNames.items} WHERE scope = $1 AND xmax::text <> '0'`, [u]);
      expect(Number(marked.rows[0].n)).toBe(n); // n - 1 deleted rows, plus the row locked FOR UPDATE
      const killed = await admin.query("SELECT pg_terminate_backend($1) AS ok", [pid]);
      expect(killed.rows[0].ok).toBe(true);
      expect(await settled).toMatch(/terminat/);
    } finally {
      await locker.query("ROLLBACK");
      locker.release();
    }
    // Nothing half-done: the thread and all its items are still there, and readable through the store.
    expect(await store.loadThread("thr_big", u)).toEqual(thread("thr_big"));
    expect(await countRows(a, "items", u)).toBe(n);
    expect((await ids(itemsOf(store, "thr_big", u))).length).toBe(n);
    // The pool recovered: the same delete now completes.
    await store.deleteThread("thr_big", u);
    expect(await countRows(a, "items", u)).toBe(0);
  });

  it("C-CONCURRENT: writers on two pools into one thread lose nothing; walks see each item once, in order", async () => {
    const u = uniqueScope();
    const sa = loose(a);
    const sb = loose(b);
    await sa.saveThread(thread("thr_c"), u);
    const n = 120;
    // Half of them share one created_at: the insertion sequence orders them.
    const at = (i: number) => (i % 2 === 0 ? "2026-01-01T00:00:00Z" : `2026-01-01T00:00:${String(1 + (i % 50)).padStart(2, "0")}.${String(i).padStart(6, "0")}Z`);
    await Promise.all(Array.from({ length: n }, (_, i) => (i % 2 === 0 ? sa : sb).addThreadItem("thr_c", item(`m${i}`, "thr_c", at(i)), u)));
    const all = await ids(itemsOf(sa, "thr_c", u));
    expect(all.length).toBe(n);
    expect(new Set(all)).toEqual(new Set(Array.from({ length: n }, (_, i) => `m${i}`)));
    expect(await ids(itemsOf(sb, "thr_c", u), "desc")).toEqual([...all].reverse());
    for (const order of ORDERS) for (const limit of [1, 7, 60]) await expectWalk(itemsOf(sb, "thr_c", u), limit, order, order === "asc" ? all : [...all].reverse());
  });

  it("items need a thread: addThreadItem racing deleteThread on another pool either lands or raises NotFoundError, and leaves no orphan", async () => {
    for (let round = 0; round < 5; round++) {
      const u = uniqueScope();
      const sa = loose(a);
      const sb = loose(b);
      await sa.saveThread(thread("thr_r"), u);
      const adds = Array.from({ length: 30 }, (_, i) =>
        sa.addThreadItem("thr_r", item(`m${i}`, "thr_r"), u).then(
          () => "ok",
          (error: unknown) => (isNotFoundError(error) ? "not-found" : `unexpected: ${(error as Error).message}`),
        ),
      );
      const [outcomes] = await Promise.all([Promise.all(adds), new Promise((r) => setTimeout(r, round)).then(() => sb.deleteThread("thr_r", u))]);
      expect(outcomes.filter((o) => o !== "ok" && o !== "not-found")).toEqual([]);
      const threads = await countRows(a, "threads", u);
      const items = await countRows(a, "items", u);
      if (threads === 0) expect(items).toBe(0);
      else expect(items).toBe(outcomes.filter((o) => o === "ok").length);
    }
  });
});
