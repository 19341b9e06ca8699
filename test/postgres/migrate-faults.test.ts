/**
 * migrate() when its connection dies: node-postgres emits 'error' on a client whose backend is gone, and an
 * 'error' event without a listener ends the process. migrate() listens on the connection it checks out,
 * rejects with a [chatkit-testkit] error whose cause is the driver's, and discards the connection. On real
 * PostgreSQL the backend is killed with pg_terminate_backend while migrate() waits for the advisory lock,
 * while it waits for a table lock in the middle of its transaction, and while it is idle between two
 * statements. A fake pool covers the same path without a server.
 */
import { EventEmitter } from "node:events";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import pg from "pg";
import { migrate, SCHEMA_VERSION } from "chatkit-testkit/postgres";
import { LOCK_KEY } from "../../src/postgres/migrations.js";
import { newPool, postgresUrl, realPgBackend, titleOf } from "./backends.js";
import { rejection } from "./support.js";

const random = (prefix: string) => `${prefix}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;

/** Errors that reached the process instead of a listener, while a test runs. */
let uncaught: unknown[] = [];
const onUncaught = (error: unknown) => uncaught.push(error);
beforeEach(() => {
  uncaught = [];
  process.on("uncaughtException", onUncaught);
});
afterEach(() => {
  process.removeListener("uncaughtException", onUncaught);
});

describe("migrate on a pool whose connection emits 'error' (no server)", () => {
  it("rejects with a [chatkit-testkit] error caused by the driver's, releases the connection as broken, and nothing reaches the process", async () => {
    class Connection extends EventEmitter {
      released: unknown[] = [];
      async query(text: string): Promise<{ rows: unknown[] }> {
        if (!/pg_advisory_xact_lock/.test(text)) return { rows: [] };
        // What node-postgres does when the backend is terminated during a statement: the statement fails with
        // 57P01, then the socket closes and the client emits 'error'.
        const driver = Object.assign(new Error("terminating connection due to administrator command"), { code: "57P01" });
        await new Promise((resolve) => setTimeout(resolve, 5));
        this.emit("error", new Error("Connection terminated unexpectedly"));
        throw driver;
      }
      release(error?: unknown) {
        this.released.push(error);
      }
    }
    const connection = new Connection();
    const pool = { query: async () => ({ rows: [] }), connect: async () => connection };
    const error = await rejection(migrate(pool, { schema: "s" }));
    expect(error.message).toMatch(/^\[chatkit-testkit\] migrate: lost the database connection \(terminating connection due to administrator command\)/);
    expect((error as Error & { cause?: { code?: string } }).cause?.code).toBe("57P01");
    expect(connection.released).toHaveLength(1);
    expect(connection.released[0]).toBeInstanceOf(Error); // pg-pool destroys a client released with an error
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(uncaught).toEqual([]);
  });
});

const { url } = postgresUrl();
const real = realPgBackend();

describe.skipIf(url === null)(`migrate when its backend is killed, on ${titleOf(real)}`, () => {
  let admin: pg.Pool;
  const schemas: string[] = [];
  const pools: pg.Pool[] = [];

  beforeAll(() => {
    admin = newPool(url!, 3);
  });
  afterAll(async () => {
    for (const schema of schemas) await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    for (const pool of pools) await pool.end();
    await admin.end();
  });

  /** A pool whose sessions are easy to find in pg_stat_activity; its idle clients' errors are ignored. */
  function taggedPool(): { pool: pg.Pool; tag: string } {
    const tag = random("ck_mf");
    const pool = new pg.Pool({ connectionString: url!, max: 2, application_name: tag });
    pool.on("error", () => undefined);
    pools.push(pool);
    return { pool, tag };
  }

  const freshSchema = () => {
    const schema = random("mf");
    schemas.push(schema);
    return schema;
  };

  /** The pid of the session tagged `tag` once `condition` holds for it (SQL on pg_stat_activity). */
  async function backendOf(tag: string, condition: string): Promise<number> {
    for (let i = 0; i < 400; i++) {
      const r = await admin.query(`SELECT pid FROM pg_stat_activity WHERE application_name = $1 AND ${condition}`, [tag]);
      if (r.rows.length > 0) return Number(r.rows[0].pid);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error(`no session ${tag} with ${condition}`);
  }

  async function terminate(pid: number): Promise<void> {
    const killed = await admin.query("SELECT pg_terminate_backend($1) AS ok", [pid]);
    expect(killed.rows[0].ok).toBe(true);
  }

  const expectLost = (error: Error) => {
    expect(error.message).toMatch(/^\[chatkit-testkit\] migrate: lost the database connection \(.+\); its transaction was rolled back/);
    expect((error as Error & { cause?: unknown }).cause).toBeInstanceOf(Error);
  };

  it("killed while waiting for the advisory lock: rejects with a [chatkit-testkit] error (cause 57P01); the process and the pool survive", async () => {
    const { pool, tag } = taggedPool();
    const schema = freshSchema();
    const locker = await admin.connect();
    let error: Error;
    try {
      await locker.query("BEGIN");
      await locker.query("SELECT pg_advisory_xact_lock($1::bigint)", [LOCK_KEY]);
      const settled = rejection(migrate(pool, { schema }));
      await terminate(await backendOf(tag, "wait_event_type = 'Lock' AND query LIKE '%pg_advisory_xact_lock%'"));
      error = await settled;
    } finally {
      await locker.query("ROLLBACK");
      locker.release();
    }
    expectLost(error);
    expect((error as Error & { cause?: { code?: string } }).cause?.code).toBe("57P01");
    expect(uncaught).toEqual([]);
    expect(await migrate(pool, { schema })).toEqual({ from: 0, to: SCHEMA_VERSION, applied: [1] });
  });

  it("killed while blocked on a table lock in the middle of its transaction: rejects, nothing is left half-created", async () => {
    const { pool, tag } = taggedPool();
    const schema = freshSchema();
    // A migrations table that another session writes to (ROW EXCLUSIVE): migrate() gets past BEGIN and the
    // advisory lock, and then waits on the first statement that needs a stronger lock on it.
    await admin.query(`CREATE SCHEMA "${schema}"`);
    await admin.query(`CREATE TABLE "${schema}"."chatkit_migrations" (version integer, description text, applied_at timestamptz)`);
    const locker = await admin.connect();
    let error: Error;
    try {
      await locker.query("BEGIN");
      await locker.query(`LOCK TABLE "${schema}"."chatkit_migrations" IN ROW EXCLUSIVE MODE`);
      const settled = rejection(migrate(pool, { schema }));
      const pid = await backendOf(tag, "wait_event_type = 'Lock' AND query NOT LIKE '%pg_advisory_xact_lock%'");
      const holds = await admin.query("SELECT count(*) AS n FROM pg_locks WHERE pid = $1 AND locktype = 'advisory' AND granted", [pid]);
      expect(Number(holds.rows[0].n)).toBe(1); // past the advisory lock: mid-transaction
      await terminate(pid);
      error = await settled;
    } finally {
      await locker.query("ROLLBACK");
      locker.release();
    }
    expectLost(error);
    expect(uncaught).toEqual([]);
    const tables = await admin.query("SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name", [schema]);
    expect(tables.rows).toEqual([{ table_name: "chatkit_migrations" }]);
    expect((await migrate(pool, { schema })).applied).toEqual([1]);
  });

  it("killed while idle between two statements of its transaction: the client's 'error' event is handled, migrate rejects", async () => {
    const { pool, tag } = taggedPool();
    const schema = freshSchema();
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    let held = false;
    // The pool's clients pause before the first CREATE TABLE IF NOT EXISTS (after BEGIN and the lock).
    const gated = {
      query: (text: string, values?: unknown[]) => pool.query(text, values),
      connect: async () => {
        const client = await pool.connect();
        const query = client.query.bind(client) as (text: string, values?: unknown[]) => Promise<pg.QueryResult>;
        (client as unknown as { query: typeof query }).query = (text: string, values?: unknown[]) => {
          if (!held && /^CREATE TABLE IF NOT EXISTS/.test(text)) {
            held = true;
            return gate.then(() => query(text, values));
          }
          return query(text, values);
        };
        return client;
      },
    };
    const settled = rejection(migrate(gated, { schema }));
    const pid = await backendOf(tag, "state = 'idle in transaction'");
    await terminate(pid);
    // Let the client see its socket close (it emits 'error' now, with no statement running).
    for (let i = 0; i < 200; i++) {
      const r = await admin.query("SELECT 1 FROM pg_stat_activity WHERE pid = $1", [pid]);
      if (r.rows.length === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
    open();
    const error = await settled;
    expectLost(error);
    expect(uncaught).toEqual([]);
    expect((await migrate(pool, { schema })).applied).toEqual([1]);
  });
});
