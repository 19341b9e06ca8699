/**
 * queryWithRetry: under REPEATABLE READ or SERIALIZABLE sessions, concurrent single-statement writes fail
 * with 40001 (serialization_failure) or 40P01 (deadlock_detected); running the statement again is safe
 * because it was its own transaction. Not inside the caller's open transaction: that one is aborted.
 * The real-PostgreSQL cases are skipped (loudly) without a server; the rest uses fake clients.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { PostgresStore, type PostgresClient } from "chatkit-testkit/postgres";
import { DEFAULT_ATTEMPTS, queryWithRetry } from "../../src/postgres/client.js";
import { newPool, postgresUrl, realPgBackend, titleOf } from "./backends.js";
import { loose, rejection, thread, uniqueScope } from "./support.js";

const failure = (code: string) => Object.assign(new Error(code === "40001" ? "could not serialize access due to concurrent update" : "deadlock detected"), { code });

describe("queryWithRetry (fake clients)", () => {
  it("retries 40001 and 40P01 with a short backoff and returns the first success", async () => {
    let calls = 0;
    const client = { query: async () => (++calls < 3 ? Promise.reject(failure(calls === 1 ? "40001" : "40P01")) : { rows: [{ ok: 1 }] }) };
    expect(await queryWithRetry(client, "SELECT 1", [], { method: "saveThread" })).toEqual({ rows: [{ ok: 1 }] });
    expect(calls).toBe(3);
  });

  it("after the last attempt: a [chatkit-testkit] error naming the method, with the driver's error as cause and its code", async () => {
    let calls = 0;
    const client = { query: async () => Promise.reject(failure("40001")) };
    const counted = { query: (t: string, v?: unknown[]) => (calls++, client.query()) } as PostgresClient;
    const error = await rejection(queryWithRetry(counted, "UPDATE t SET x = 1", [], { method: "saveItem", attempts: 4, baseDelayMs: 1 }));
    expect(calls).toBe(4);
    expect(error.message).toBe(
      "[chatkit-testkit] saveItem: serialization failure (40001) on each of 4 attempts; the session runs at REPEATABLE READ or SERIALIZABLE and concurrent writes kept conflicting: retry the call later",
    );
    expect(error.code).toBe("40001");
    expect((error.cause as { code?: string }).code).toBe("40001");
    expect(DEFAULT_ATTEMPTS).toBeGreaterThanOrEqual(5);
  });

  it("passes any other error through unchanged, without retrying", async () => {
    let calls = 0;
    const other = Object.assign(new Error("duplicate key"), { code: "23505" });
    const client = { query: async () => (calls++, Promise.reject(other)) };
    expect(await rejection(queryWithRetry(client, "INSERT", [], { method: "saveThread" }))).toBe(other);
    expect(calls).toBe(1);
  });

  it("inside the client's open transaction (getTransactionStatus() 'E'): no retry, an error that says so", async () => {
    let calls = 0;
    const client = { query: async () => (calls++, Promise.reject(failure("40001"))), getTransactionStatus: () => "E" };
    const error = await rejection(queryWithRetry(client, "UPDATE", [], { method: "saveThread" }));
    expect(calls).toBe(1);
    expect(error.message).toMatch(/^\[chatkit-testkit\] saveThread: serialization failure \(40001\) inside the client's open transaction, which it aborted; not retried: ROLLBACK and retry the whole transaction$/);
    expect(error.code).toBe("40001");
  });

  it("a client that cannot tell its transaction state: a retry that meets 25P02 stops and reports the first failure", async () => {
    let calls = 0;
    const first = failure("40001");
    const client = { query: async () => (++calls === 1 ? Promise.reject(first) : Promise.reject(Object.assign(new Error("current transaction is aborted"), { code: "25P02" }))) };
    const error = await rejection(queryWithRetry(client, "UPDATE", [], { method: "addThreadItem", baseDelayMs: 1 }));
    expect(calls).toBe(2);
    expect(error.message).toMatch(/^\[chatkit-testkit\] addThreadItem: serialization failure \(40001\) inside the client's open transaction/);
    expect(error.cause).toBe(first);
  });
});

const { url } = postgresUrl();
const real = realPgBackend();

describe.skipIf(url === null)(`queryWithRetry under REPEATABLE READ and SERIALIZABLE on ${titleOf(real)}`, () => {
  const schema = `iso_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  let admin: pg.Pool;
  const pools: pg.Pool[] = [];
  beforeAll(async () => {
    admin = newPool(url!, 2);
    await new PostgresStore({ client: admin, schema }).migrate();
  });
  afterAll(async () => {
    for (const p of pools) await p.end();
    await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await admin.end();
  });

  const isolated = (level: string) => {
    const pool = new pg.Pool({ connectionString: url!, max: 12, options: `-c default_transaction_isolation=${level.replace(" ", "\\ ")}` });
    pool.on("error", () => undefined);
    pools.push(pool);
    return pool;
  };

  /**
   * 48 concurrent upserts of one thread row, each its own statement (saveThread's shape), through `run`:
   * at REPEATABLE READ and SERIALIZABLE, the ones that find the row changed since their snapshot fail with 40001.
   */
  async function contend(run: (text: string, values: unknown[]) => Promise<unknown>): Promise<unknown[]> {
    const u = uniqueScope();
    const table = `"${schema}"."chatkit_threads"`;
    const upsert =
      `INSERT INTO ${table} (scope, id, created_micros, data) VALUES ($1, $2, $3::bigint, $4) ` +
      "ON CONFLICT (scope, id) DO UPDATE SET created_micros = EXCLUDED.created_micros, data = EXCLUDED.data";
    const json = (i: number) => JSON.stringify({ id: "thr_hot", created_at: "2026-01-01T00:00:00Z", title: `t${i}` });
    await run(upsert, [u, "thr_hot", "1767225600000000", json(0)]);
    const errors: unknown[] = [];
    await Promise.all(Array.from({ length: 48 }, (_, i) => run(upsert, [u, "thr_hot", String(1767225600000000 + i), json(i)]).catch((e: unknown) => void errors.push(e))));
    return errors;
  }

  const codeOf = (e: unknown) => (e as { code?: string }).code;

  for (const level of ["repeatable read", "serializable"]) {
    it(`${level}: concurrent single-statement upserts fail with 40001; through queryWithRetry none do`, async () => {
      const pool = isolated(level);
      expect((await pool.query("SHOW transaction_isolation")).rows).toEqual([{ transaction_isolation: level }]);
      let failures = 0;
      for (let round = 0; round < 5 && failures === 0; round++) failures += (await contend((t, v) => pool.query(t, v))).filter((e) => codeOf(e) === "40001").length;
      expect(failures).toBeGreaterThan(0);
      for (let round = 0; round < 3; round++) {
        const errors = await contend((t, v) => queryWithRetry(pool, t, v, { method: "saveThread" }));
        expect(errors.map((e) => `${codeOf(e)} ${(e as Error).message}`)).toEqual([]);
      }
    });
  }

  it("a pg.Client inside its own REPEATABLE READ transaction: a 40001 is not retried, and the error says to retry the transaction", async () => {
    const store = loose(new PostgresStore({ client: admin, schema }));
    const u = uniqueScope();
    await store.saveThread(thread("thr_tx"), u);
    const client = new pg.Client({ connectionString: url! });
    client.on("error", () => undefined);
    await client.connect();
    try {
      let calls = 0;
      const counted = Object.assign(Object.create(client) as pg.Client, {
        query: (text: string, values?: unknown[]) => (calls++, client.query(text, values)),
        getTransactionStatus: () => client.getTransactionStatus(),
      });
      await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ");
      await client.query(`SELECT 1 FROM "${schema}"."chatkit_threads" WHERE scope = $1`, [u]); // takes the snapshot
      await store.saveThread(thread("thr_tx", "2026-01-02T00:00:00Z"), u); // another session changes the row and commits
      const error = await rejection(
        queryWithRetry(counted, `UPDATE "${schema}"."chatkit_threads" SET data = data WHERE scope = $1 AND id = $2`, [u, "thr_tx"], { method: "saveThread" }),
      );
      expect(calls).toBe(1);
      expect(error.code).toBe("40001");
      expect(error.message).toMatch(/^\[chatkit-testkit\] saveThread: serialization failure \(40001\) inside the client's open transaction, which it aborted; not retried/);
      await client.query("ROLLBACK");
    } finally {
      await client.end();
    }
  });
});
