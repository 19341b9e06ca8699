/**
 * Injection and hostile input: values full of SQL metacharacters go through `$n` only; `order`, `limit`
 * and table names never reach the SQL text; keys PostgreSQL cannot store are refused, not mangled.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InvalidArgumentError, isInvalidArgumentError, isNotFoundError } from "chatkit-testkit";
import { PostgresStore, type PostgresStore as Store } from "chatkit-testkit/postgres";
import { backends, titleOf } from "./backends.js";
import { countRows, ids, item, itemsOf, loose, rejection, sql, thread, uniqueScope, type AnyStore } from "./support.js";

/** Strings that break string-built SQL, LIKE patterns, pg-mem's parameter pasting or JSON. */
const HOSTILE = [
  "'; DROP TABLE chatkit_items; --",
  "' OR '1'='1",
  '" OR "1"="1',
  "x'); DELETE FROM chatkit_threads; --",
  "$1",
  "$2 $10 $$ $tag$",
  "\\",
  "\\'",
  "C:\\ dir\\\tx",
  "E'\\x41'",
  "%",
  "_",
  "a%b_c*",
  "/* comment */ --",
  "; COMMIT; BEGIN;",
  "::text",
  "NULL",
  "\n\r\t",
  "😀é\u202e\u200b",
];

for (const backend of backends("shared")) {
  describe.skipIf(!backend.available)(titleOf(backend), () => {
    let pgStore: Store<any>;
    let store: AnyStore;
    beforeAll(async () => {
      pgStore = await backend.createStore();
      store = loose(pgStore);
    });
    afterAll(() => backend.close());

    it("C-SCOPE, C-ROUNDTRIP: SQL metacharacters in every id, scope and field are stored and found as plain data", async () => {
      const base = uniqueScope("sec");
      for (const [i, h] of HOSTILE.entries()) {
        const scope = `${base}${h}`;
        const threadId = `thr${h}`;
        const extra = { title: h, metadata: { [h]: h, list: [h, { [h]: [h] }] } };
        await store.saveThread(thread(threadId, "2026-03-01T09:00:00Z", extra), scope);
        await store.addThreadItem(threadId, item(`a${h}`, threadId, "2026-03-01T09:00:00Z", { text: h }), scope);
        await store.addThreadItem(threadId, item(h, threadId, "2026-03-01T09:00:01Z", { text: h }), scope);
        await store.saveAttachment({ id: h, type: "file", name: h, mime_type: h, metadata: { [h]: i } }, scope);
        expect(await store.loadThread(threadId, scope)).toEqual(thread(threadId, "2026-03-01T09:00:00Z", extra));
        expect(await store.loadItem(threadId, h, scope)).toEqual(item(h, threadId, "2026-03-01T09:00:01Z", { text: h }));
        expect(await store.loadAttachment(h, scope)).toEqual({ id: h, type: "file", name: h, mime_type: h, metadata: { [h]: i } });
        // The hostile id works as a cursor, in both orders.
        expect((await store.loadThreadItems(threadId, `a${h}`, 5, "asc", scope)).data.map((d) => d.id)).toEqual([h]);
        expect((await store.loadThreadItems(threadId, h, 5, "desc", scope)).data.map((d) => d.id)).toEqual([`a${h}`]);
        expect((await store.loadThreads(5, threadId, "asc", scope)).data).toEqual([]);
      }
      // Every scope holds exactly its own rows, and nothing was dropped or deleted.
      for (const h of HOSTILE) {
        const scope = `${base}${h}`;
        expect(await countRows(pgStore, "threads", scope)).toBe(1);
        expect(await countRows(pgStore, "items", scope)).toBe(2);
        expect(await countRows(pgStore, "attachments", scope)).toBe(1);
        expect(await ids(itemsOf(store, `thr${h}`, scope))).toEqual([`a${h}`, h]);
      }
      // LIKE-style matching would leak "%" into every scope: an exact lookup finds nothing under the base key.
      expect((await store.loadThreads(100, null, "asc", base)).data).toEqual([]);
      for (const h of HOSTILE) await store.deleteThread(`thr${h}`, `${base}${h}`);
      for (const h of HOSTILE) expect(await countRows(pgStore, "items", `${base}${h}`)).toBe(0);
    });

    it("C-LIMIT: order and limit that smuggle SQL are InvalidArgumentError before any query; the tables are intact", async () => {
      const u = uniqueScope();
      await store.saveThread(thread("thr_1"), u);
      await store.addThreadItem("thr_1", item("msg_1", "thr_1"), u);
      const orders = ["asc; DROP TABLE x", "asc; DROP TABLE chatkit_items; --", "ASC", "desc ", "created_micros", "1", "", null];
      for (const order of orders) {
        for (const call of [
          () => store.loadThreadItems("thr_1", null, 5, order as never, u),
          () => store.loadThreads(5, null, order as never, u),
        ]) {
          const error = await rejection(call());
          expect(error).toBeInstanceOf(InvalidArgumentError);
          expect(error.argument).toBe("order");
        }
      }
      for (const limit of ["5; DROP TABLE x", "1 OR 1=1", 0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53, null]) {
        const error = await rejection(store.loadThreadItems("thr_1", null, limit as never, "asc", u));
        expect(isInvalidArgumentError(error), String(limit)).toBe(true);
        expect(error.argument).toBe("limit");
      }
      expect(await store.loadItem("thr_1", "msg_1", u)).toEqual(item("msg_1", "thr_1"));
      expect(await countRows(pgStore, "threads", u)).toBe(1);
    });

    it("C-ERR: arguments are checked before any SQL runs (a client that fails every query is never reached)", async () => {
      const queries: string[] = [];
      const guarded = new PostgresStore({
        client: {
          async query(text: string) {
            queries.push(text);
            throw new Error("no query expected");
          },
        },
      });
      const bad: (() => Promise<unknown>)[] = [
        () => guarded.loadThreadItems("t", null, 0, "asc", "u"),
        () => guarded.loadThreadItems("t", null, 5, "up" as never, "u"),
        () => guarded.loadThreadItems("", null, 5, "asc", "u"),
        () => guarded.loadThreadItems("t", 5 as never, 5, "asc", "u"),
        () => guarded.loadThreads(-1, null, "asc", "u"),
        () => guarded.saveThread({ id: "", created_at: "2026-01-01T00:00:00Z" } as never, "u"),
        () => guarded.saveThread({ id: "t", created_at: "yesterday" } as never, "u"),
        () => guarded.addThreadItem("t", { id: "i", created_at: "2026-01-01T00:00:00Z" } as never, "u"),
        () => guarded.saveItem("t", { type: "x", id: "i", created_at: "2026-01-01T00:00:00Z", when: new Date() } as never, "u"),
        () => guarded.saveAttachment({ id: 5 } as never, "u"),
        () => guarded.loadItem("t", "", "u"),
        () => guarded.deleteThreadItem("", "i", "u"),
        () => guarded.saveThread({ id: "t\u0000", created_at: "2026-01-01T00:00:00Z" } as never, "u"),
        () => guarded.saveThread({ id: "t", created_at: "2026-01-01T00:00:00Z" } as never, "u\u0000"),
        () => guarded.loadThread("t", { user_id: 5 }),
      ];
      for (const call of bad) expect(isInvalidArgumentError(await rejection(call()))).toBe(true);
      expect(queries).toEqual([]);
    });

    it("keys PostgreSQL text cannot hold (U+0000, lone surrogates) are refused on writes and never found on reads", async () => {
      const u = uniqueScope();
      await store.saveThread(thread("thr_ok"), u);
      for (const bad of ["a\u0000b", "\ud800", "x\udc00y"]) {
        const writes = [
          () => store.saveThread(thread(bad), u),
          () => store.addThreadItem("thr_ok", item(bad, "thr_ok"), u),
          () => store.saveItem("thr_ok", item(bad, "thr_ok"), u),
          () => store.saveAttachment({ id: bad, type: "file", name: "f", mime_type: "a/b" }, u),
          () => store.saveThread(thread("thr_ok"), `${u}${bad}`),
        ];
        for (const write of writes) {
          const error = await rejection(write());
          expect(error).toBeInstanceOf(InvalidArgumentError);
          expect(error.message).toMatch(/U\+0000|surrogate/);
        }
        expect(isNotFoundError(await rejection(store.loadThread(bad, u)))).toBe(true);
        expect(isNotFoundError(await rejection(store.loadItem("thr_ok", bad, u)))).toBe(true);
        expect(isNotFoundError(await rejection(store.loadAttachment(bad, u)))).toBe(true);
        expect(isNotFoundError(await rejection(store.loadThreadItems("thr_ok", bad, 5, "asc", u)))).toBe(true);
        expect(isNotFoundError(await rejection(store.loadThreads(5, bad, "asc", u)))).toBe(true);
        expect(isNotFoundError(await rejection(store.addThreadItem(bad, item("m", bad), u)))).toBe(true);
        expect(await store.loadThreadItems(bad, null, 5, "asc", u)).toEqual({ data: [], has_more: false, after: null });
        await store.deleteThread(bad, u);
        await store.deleteThreadItem("thr_ok", bad, u);
        await store.deleteAttachment(bad, u);
      }
      expect(await countRows(pgStore, "threads", u)).toBe(1);
    });

    it("table options: only plain identifiers are accepted for schema, prefix and table names", async () => {
      const client = pgStore.client;
      const bad: Record<string, unknown>[] = [
        { schema: 'a"b' },
        { schema: "x; DROP SCHEMA public CASCADE" },
        { schema: "" },
        { tablePrefix: "p$1_" },
        { tablePrefix: "1p_" },
        { tablePrefix: "pré_" },
        { tables: { items: 'items" (id text); --' } },
        { tables: { items: "x".repeat(64) } },
        { tables: { items: "x".repeat(60) } }, // its index name would exceed 63 characters
        { tables: { items: "same", threads: "same" } },
        { tables: { messages: "m" } },
      ];
      for (const options of bad) {
        expect(() => new PostgresStore({ client, ...options }), JSON.stringify(options)).toThrow(InvalidArgumentError);
      }
      const ok = new PostgresStore({ client, schema: "App_1", tablePrefix: "ck_", tables: { items: "Messages" } });
      expect(ok.tableNames).toEqual({ threads: '"App_1"."ck_threads"', items: '"App_1"."Messages"', attachments: '"App_1"."ck_attachments"', migrations: '"App_1"."ck_migrations"' });
      expect(new PostgresStore({ client }).tableNames.threads).toBe('"chatkit_threads"');
      expect(new PostgresStore({ client, tablePrefix: "" }).tableNames.items).toBe('"items"');
      // The stores of this backend still work: nothing above touched the database.
      const rows = await sql(pgStore, `SELECT count(*) AS n FROM ${pgStore.tableNames.migrations}`);
      expect(Number(rows[0]!.n)).toBeGreaterThanOrEqual(1);
    });
  });
}
