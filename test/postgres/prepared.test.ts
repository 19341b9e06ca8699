/**
 * PostgresStore runs its statements as named prepared statements on node-postgres clients (issue 11:
 * writes at the speed of the database), and as plain text on anything else or with `prepare: false`.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { PostgresStore, createPgMemStore } from "chatkit-testkit/postgres";
import { isNodePostgres, statementName } from "../../src/postgres/client.js";
import { postgresUrl } from "./backends.js";

const { url, note } = postgresUrl();
const ctx = { user_id: "u1" };
const thread = { id: "thr_1", created_at: "2026-01-01T00:00:00Z" };
const item = (id: string) => ({ type: "end_of_turn" as const, id, thread_id: "thr_1", created_at: "2026-01-01T00:00:01Z" });

describe("statement names", () => {
  it("one name per text, different texts different names", () => {
    expect(statementName("SELECT 1")).toBe(statementName("SELECT 1"));
    expect(statementName("SELECT 1")).not.toBe(statementName("SELECT 2"));
    expect(statementName("SELECT 1")).toMatch(/^ckt_[0-9a-f]{16}$/);
  });

  it("recognises node-postgres pools and clients, not pg-mem or a wrapper", async () => {
    const pool = new pg.Pool({ connectionString: "postgres://127.0.0.1:1/none" });
    expect(isNodePostgres(pool)).toBe(true);
    expect(isNodePostgres(new pg.Client({ connectionString: "postgres://127.0.0.1:1/none" }))).toBe(true);
    expect(isNodePostgres((await createPgMemStore()).client)).toBe(false);
    expect(isNodePostgres({ query: pool.query.bind(pool) })).toBe(false);
    await pool.end();
  });

  it("prepare must be a boolean", () => {
    expect(() => new PostgresStore({ client: { query: async () => ({ rows: [] }) }, prepare: "yes" as never })).toThrow(
      expect.objectContaining({ name: "InvalidArgumentError", argument: "options.prepare" }),
    );
  });
});

describe.skipIf(url === null)(`prepared statements on ${url === null ? `PostgreSQL (SKIPPED: ${note})` : "PostgreSQL"}`, () => {
  const schema = `prep_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  let client: pg.Client;
  beforeAll(async () => {
    client = new pg.Client({ connectionString: url! });
    client.on("error", () => undefined);
    await client.connect();
    await new PostgresStore({ client, schema }).migrate();
  });
  afterAll(async () => {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await client.end();
  });

  const prepared = async () => (await client.query("SELECT name FROM pg_prepared_statements WHERE name LIKE 'ckt_%'")).rows.map((r: { name: string }) => r.name);

  it("on a pg.Client the store's statements are prepared once, and every method still answers as before", async () => {
    await client.query("DEALLOCATE ALL");
    const store = new PostgresStore<{ user_id: string }>({ client, schema });
    await store.saveThread(thread, ctx);
    for (const id of ["a", "b", "c"]) await store.addThreadItem("thr_1", item(id), ctx);
    await store.saveItem("thr_1", item("b"), ctx);
    const page = await store.loadThreadItems("thr_1", null, 2, "asc", ctx);
    expect((await store.loadThreadItems("thr_1", page.after, 2, "asc", ctx)).data.map((i) => i.id)).toEqual(["c"]);
    expect((await new PostgresStore<{ user_id: string }>({ client, schema }).loadThreadItems("thr_1", "a", 5, "desc", ctx)).data).toEqual([]);
    await expect(store.addThreadItem("thr_missing", item("x"), ctx)).rejects.toMatchObject({ name: "NotFoundError", kind: "thread" });
    const names = await prepared();
    expect(names.length).toBeGreaterThanOrEqual(5); // save thread, add item, first page, page from position, cursor page
    expect(new Set(names).size).toBe(names.length);
  });

  it("prepare: false runs plain text", async () => {
    await client.query("DEALLOCATE ALL");
    const store = new PostgresStore<{ user_id: string }>({ client, schema, prepare: false });
    await store.saveThread({ ...thread, id: "thr_2" }, ctx);
    await store.loadThreads(10, null, "asc", ctx);
    expect(await prepared()).toEqual([]);
  });
});
