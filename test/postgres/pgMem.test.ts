/**
 * createPgMemStore and pgMemClient: one-line setup, fast reset, checkpoints, and the pg-mem gaps the client
 * avoids. Also: the `./postgres` entry loads without pg-mem and without pg.
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { newDb } from "pg-mem";
import { isNotFoundError } from "chatkit-testkit";
import { createPgMemStore, migrate, pgMemClient, PgMemStore, PostgresStore } from "chatkit-testkit/postgres";
import { ids, item, itemsOf, loose, rejection, thread, threadsOf } from "./support.js";

describe("createPgMemStore", () => {
  it("gives a migrated store in one line; reset() empties it and restarts the sequences", async () => {
    const pgStore = await createPgMemStore<string>();
    const store = loose(pgStore);
    await store.saveThread(thread("thr_1"), "u1");
    await store.addThreadItem("thr_1", item("m1", "thr_1"), "u1");
    const seqBefore = pgStore.db.public.query(`SELECT seq FROM chatkit_items`).rows;
    pgStore.reset();
    expect((await store.loadThreads(10, null, "asc", "u1")).data).toEqual([]);
    expect(isNotFoundError(await rejection(store.loadItem("thr_1", "m1", "u1")))).toBe(true);
    await store.saveThread(thread("thr_1"), "u1");
    await store.addThreadItem("thr_1", item("m1", "thr_1"), "u1");
    expect(pgStore.db.public.query(`SELECT seq FROM chatkit_items`).rows).toEqual(seqBefore);
  });

  it("checkpoint() after seeding: reset() returns to the seeded state, not to empty", async () => {
    const pgStore = await createPgMemStore();
    const store = loose(pgStore);
    await store.saveThread(thread("thr_seed"), "u1");
    pgStore.checkpoint();
    await store.saveThread(thread("thr_test"), "u1");
    await store.deleteThread("thr_seed", "u1");
    pgStore.reset();
    expect(await ids(threadsOf(store, "u1"))).toEqual(["thr_seed"]);
  });

  it("reset() before any checkpoint says what to do", async () => {
    const bare = new PgMemStore({ db: newDb() as never });
    expect(() => bare.reset()).toThrow("[chatkit-testkit] PgMemStore.reset: no checkpoint yet");
  });

  it("passes the store options through (scope, tablePrefix, strict) and can share a database", async () => {
    const db = newDb();
    db.public.none("CREATE TABLE app_users (id text PRIMARY KEY)");
    const pgStore = await createPgMemStore<{ tenant: string }>({ db: db as never, scope: (c) => c.tenant, tablePrefix: "ck_", strict: true });
    const store = loose(pgStore);
    await store.saveThread(thread("thr_1"), { tenant: "t1" });
    expect(db.public.many("SELECT id FROM ck_threads")).toEqual([{ id: "thr_1" }]);
    expect(db.public.many("SELECT id FROM app_users")).toEqual([]);
    expect(isNotFoundError(await rejection(store.loadThread("thr_1", { tenant: "t2" })))).toBe(true);
    await expect(store.addThreadItem("thr_1", item("m", "thr_1", undefined, { type: "not_a_type" }), { tenant: "t1" })).rejects.toThrow("strict mode");
  });
});

describe("pgMemClient", () => {
  const tricky = ["C:\\ dir", "\\\t", "\\ ", "a\\\u00a0b", "'\\ '", "$1", "E'x'"];

  it("pg-mem's own adapter fails on a backslash before whitespace (its E'…' literals); pgMemClient round-trips it", async () => {
    const db = newDb();
    const { Pool } = db.adapters.createPg();
    db.public.none("CREATE TABLE t (v text)");
    await expect(new Pool().query("INSERT INTO t (v) VALUES ($1)", ["C:\\ dir"])).rejects.toThrow(/Bad escaped character/);

    const store = loose(new PostgresStore({ client: pgMemClient(db as never) }));
    await (store as unknown as PostgresStore).migrate();
    for (const s of tricky) {
      await store.saveThread(thread(s, "2026-01-01T00:00:00Z", { title: s }), s);
      await store.addThreadItem(s, item(s, s, undefined, { text: s }), s);
      expect(await store.loadThread(s, s)).toEqual(thread(s, "2026-01-01T00:00:00Z", { title: s }));
      expect(await ids(itemsOf(store, s, s))).toEqual([s]);
    }
  });

  it("the store also runs on pg-mem's own createPg() Pool (given the lock stub), for values without a backslash before whitespace", async () => {
    const db = newDb();
    pgMemClient(db); // registers pg_advisory_xact_lock on db
    const { Pool } = db.adapters.createPg();
    const pgStore = new PostgresStore({ client: new Pool() });
    expect((await pgStore.migrate()).applied).toEqual([1]);
    const store = loose(pgStore);
    for (const s of ["it's", "a\\b", "%_*", "$1", "😀"]) {
      await store.saveThread(thread(s, "2026-01-01T00:00:00.000001Z", { title: s }), s);
      await store.addThreadItem(s, item("m1", s), s);
      await store.addThreadItem(s, item("m2", s), s);
      expect(await store.loadThread(s, s)).toEqual(thread(s, "2026-01-01T00:00:00.000001Z", { title: s }));
      expect((await store.loadThreadItems(s, "m1", 5, "asc", s)).data.map((r) => r.id)).toEqual(["m2"]);
    }
  });

  it("accepts strings, numbers, bigints, booleans and null as parameters, and nothing else", async () => {
    const client = pgMemClient(newDb() as never);
    const r = await client.query("SELECT $1::text AS s, $2::int AS n, $3::bigint AS b, $4::boolean AS t, $5::text AS z", ["it's", 7, 9n, true, null]);
    expect(r.rows).toEqual([{ s: "it's", n: 7, b: 9, t: true, z: null }]);
    await expect(client.query("SELECT $1 AS x", [{ a: 1 }])).rejects.toThrow("[chatkit-testkit] pgMemClient: cannot pass");
    await expect(client.query("SELECT $1 AS x", [Number.NaN])).rejects.toThrow("cannot pass NaN");
    expect(() => pgMemClient({} as never)).toThrow("[chatkit-testkit] pgMemClient: db must be a pg-mem database");
  });
});

describe("pgMemClient with a schema", () => {
  it("migrate() creates it; before that the store says to migrate (pg-mem reports a missing schema as \"schema not found\")", async () => {
    const client = pgMemClient(newDb() as never);
    const store = loose(new PostgresStore({ client, schema: "chat" }));
    await expect(store.loadThreads(5, null, "asc", "u")).rejects.toThrow(/^\[chatkit-testkit\] loadThreads: the store's tables \(chat\.chatkit_threads, .*\) do not exist; run `await store\.migrate\(\)` once first$/);
    expect((await migrate(client, { schema: "chat" })).applied).toEqual([1]);
    expect((await migrate(client, { schema: "chat" })).applied).toEqual([]);
    await store.saveThread(thread("thr_1"), "u");
    expect(await store.loadThread("thr_1", "u")).toEqual(thread("thr_1"));
  });
});

describe("pgMemClient with values of many megabytes", () => {
  /** The outcome of a call: null when it resolved, else its error, which must be a typed [chatkit-testkit] one. */
  async function outcome(call: () => Promise<unknown>): Promise<Error | null> {
    const error = await call().then(
      () => null,
      (e: unknown) => e as Error,
    );
    if (error !== null) {
      expect(error).not.toBeInstanceOf(RangeError);
      expect(error.message.slice(0, 200)).toMatch(/^\[chatkit-testkit\] /);
    }
    return error;
  }

  it("passes values as real parameters: an 8 MB value round-trips through a statement", async () => {
    const client = pgMemClient(newDb() as never);
    const big = "x\\ ".repeat((8 * 1024 * 1024) / 3);
    const r = await client.query("SELECT $1::text AS v, $2::text AS w", [big, "$1"]);
    expect((r.rows[0] as { v: string }).v === big).toBe(true);
    expect((r.rows[0] as { w: string }).w).toBe("$1");
  });

  it("an 8 MB item round-trips through the store; 20 MB ids and cursors give a result or a typed error, never a RangeError", async () => {
    const store = loose(await createPgMemStore<string>());
    await store.saveThread(thread("thr_1"), "u");
    const text = "y".repeat(8 * 1024 * 1024);
    await store.addThreadItem("thr_1", item("m_big", "thr_1", undefined, { text }), "u");
    expect(((await store.loadItem("thr_1", "m_big", "u")) as { text?: string }).text === text).toBe(true);
    expect((await store.loadThreadItems("thr_1", null, 5, "asc", "u")).data.map((i) => i.id)).toEqual(["m_big"]);

    const huge = "i".repeat(20 * 1024 * 1024);
    await outcome(() => store.saveThread(thread(huge), "u"));
    await outcome(() => store.loadThread(huge, "u"));
    await outcome(() => store.loadThreads(5, huge, "asc", "u"));
    await outcome(() => store.loadThreadItems("thr_1", huge, 5, "asc", "u"));
    await outcome(() => store.addThreadItem("thr_1", item(huge, "thr_1"), "u"));
    await outcome(() => store.loadThreads(5, null, "asc", huge));
  });
});

describe("the ./postgres entry", () => {
  it("loads and runs without pg-mem and without pg installed; createPgMemStore() then says how to get pg-mem", () => {
    const entry = fileURLToPath(new URL("../../src/postgres/index.ts", import.meta.url));
    const hide = `export async function resolve(specifier, context, next) {
      if (/^(pg|pg-mem)(\\/|$)/.test(specifier)) { const e = new Error("Cannot find package '" + specifier + "'"); e.code = "ERR_MODULE_NOT_FOUND"; throw e; }
      return next(specifier, context);
    }`;
    const script = `
      import { register } from "node:module";
      register("data:text/javascript," + encodeURIComponent(${JSON.stringify(hide)}));
      const m = await import(${JSON.stringify(entry)});
      const store = new m.PostgresStore({ client: { query: async () => ({ rows: [] }) } });
      const page = await store.loadThreads(5, null, "asc", "u");
      let message = "";
      try { await m.createPgMemStore(); } catch (e) { message = e.message; }
      console.log(JSON.stringify({ page, message }));`;
    const run = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { encoding: "utf8", cwd: fileURLToPath(new URL("../..", import.meta.url)) });
    expect(run.stderr).not.toMatch(/Error/);
    const out = JSON.parse(run.stdout.trim().split("\n").pop()!);
    expect(out.page).toEqual({ data: [], has_more: false, after: null });
    expect(out.message).toBe("[chatkit-testkit] createPgMemStore: pg-mem is not installed (npm install --save-dev pg-mem), or pass { db }");
  });
});
