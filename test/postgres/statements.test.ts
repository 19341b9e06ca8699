/**
 * The SQL text itself: built once from quoted names, values only as `$n`, the pg-mem-safe subset
 * (no row-value comparisons, no `WHERE` on an upsert's update), and the keyset predicate spelled out.
 */
import { describe, expect, it } from "vitest";
import { resolveNames } from "../../src/postgres/names.js";
import { buildStatements } from "../../src/postgres/statements.js";
import { MIGRATIONS } from "../../src/postgres/migrations.js";
import { PositionCache, positionOf } from "../../src/postgres/positions.js";
import { createPgMemStore } from "chatkit-testkit/postgres";
import { item, loose, thread } from "./support.js";

const names = resolveNames("test", { schema: "App", tablePrefix: "ck_" });
const sql = buildStatements(names);
const all: [string, string][] = Object.entries(sql).flatMap(([key, value]) => (typeof value === "string" ? [[key, value] as [string, string]] : Object.entries(value).map(([o, v]) => [`${key}.${o}`, v as string] as [string, string])));

describe("statements", () => {
  it("C-LIMIT: order picks one of two prebuilt statements that differ only in direction", () => {
    for (const key of ["threadsFirst", "threadsFrom", "threadsAfter", "itemsFirst", "itemsFrom", "itemsAfter"] as const) {
      const { asc, desc } = sql[key];
      expect(asc).not.toBe(desc);
      const flip = asc.replaceAll("ASC", "DESC").replaceAll(">=", "<=").replaceAll(" > ", " < ");
      expect(flip, key).toBe(desc);
    }
  });

  it("values only through $n: no string literals, no $ other than placeholders, every table quoted and qualified", () => {
    for (const [key, text] of all) {
      expect(text, key).not.toMatch(/'/);
      expect(text.replace(/\$\d+/g, ""), key).not.toContain("$");
      for (const word of text.match(/ck_\w+/g) ?? []) expect(text, `${key}: ${word}`).toContain(`"App"."${word}"`);
    }
    for (const migration of MIGRATIONS) for (const ddl of migration.statements(names)) expect(ddl.replace(/\$\d+/g, "")).not.toMatch(/[$']/);
  });

  it("C-PAGE: the keyset predicate is the expanded form behind a sargable bound, never a row-value comparison (pg-mem), except the PostgreSQL-only *AfterRow", () => {
    expect(sql.itemsAfterRow.asc).toMatch(/\(r\.created_micros, r\.seq\) >= \(SELECT k\.created_micros, k\.seq FROM/);
    expect(sql.itemsFrom.asc).toContain(
      "r.created_micros >= $4::bigint AND (r.created_micros > $4::bigint OR (r.created_micros = $4::bigint AND r.seq >= $5::bigint))",
    );
    expect(sql.itemsFrom.asc).toContain("ORDER BY r.created_micros ASC, r.seq ASC LIMIT $6");
    expect(sql.threadsFrom.desc).toContain("r.created_micros <= $3::bigint AND (r.created_micros < $3::bigint OR (r.created_micros = $3::bigint AND r.seq <= $4::bigint))");
    for (const [key, text] of all) {
      if (key.includes("AfterRow")) continue; // PostgreSQL only: never sent to a client pgMemClient marked
      expect(text, key).not.toMatch(/\)\s*[<>]=?\s*\(/); // (a, b) > (c, d)
      expect(text, key).not.toMatch(/\bROW\(/i);
      expect(text, key).not.toMatch(/DO UPDATE SET[^;]*\bWHERE\b/);
    }
  });

  it("C-CURSOR: the one-snapshot fallback reads the cursor's position by scalar subqueries of the same statement, behind the same index bound", () => {
    const cursor = (column: string) => `(SELECT k.${column} FROM "App"."ck_items" k WHERE k.scope = $1 AND k.thread_id = $2 AND k.id = $3)`;
    expect(sql.itemsAfter.asc).toBe(
      `SELECT r.id, CASE WHEN r.id = $3 THEN NULL ELSE r.data END AS data, r.created_micros, r.seq FROM "App"."ck_items" r ` +
        `WHERE r.scope = $1 AND r.thread_id = $2 AND r.created_micros >= ${cursor("created_micros")} ` +
        `AND (r.created_micros > ${cursor("created_micros")} OR r.seq >= ${cursor("seq")}) ` +
        `ORDER BY r.created_micros ASC, r.seq ASC LIMIT $4`,
    );
    expect(sql.threadsAfter.desc).toContain(`r.created_micros <= (SELECT k.created_micros FROM "App"."ck_threads" k WHERE k.scope = $1 AND k.id = $2)`);
    // The same columns as the page from values, so the store reads both alike.
    expect(sql.itemsAfter.desc.slice(0, sql.itemsAfter.desc.indexOf(" WHERE "))).toBe(sql.itemsFrom.desc.slice(0, sql.itemsFrom.desc.indexOf(" WHERE ")));
    expect(sql.threadsAfter.asc.slice(0, sql.threadsAfter.asc.indexOf(" WHERE "))).toBe(sql.threadsFrom.asc.slice(0, sql.threadsFrom.asc.indexOf(" WHERE ")));
  });

  it("C-CURSOR: on pg-mem the fallback returns exactly the rows of the page from values, for every cursor, both orders, ties included", async () => {
    const store = await createPgMemStore<string>();
    const mem = buildStatements(resolveNames("test", {}));
    type Row = { id: string; created_micros: unknown; seq: unknown };
    const q = async (text: string, values: unknown[]) => (await store.client.query(text, values)).rows as Row[];
    const s = loose(store);
    await s.saveThread(thread("thr_1"), "u");
    for (let i = 0; i < 8; i++) await s.addThreadItem("thr_1", item(`m${i}`, "thr_1", `2026-01-01T00:00:0${i % 4}Z`), "u");
    for (let i = 0; i < 6; i++) await s.saveThread(thread(`thr_t${i}`, `2026-01-01T00:00:0${i % 3}Z`), "u");
    await s.saveThread(thread("thr_other"), "v");
    for (const order of ["asc", "desc"] as const) {
      for (let i = 0; i < 8; i++) {
        const at = (await q(mem.itemPosition, ["u", "thr_1", `m${i}`]))[0]!;
        const fromValues = await store.client.query(mem.itemsFrom[order], ["u", "thr_1", `m${i}`, at.created_micros, at.seq, 4]);
        const fromCursor = await store.client.query(mem.itemsAfter[order], ["u", "thr_1", `m${i}`, 4]);
        expect(fromCursor.rows, `m${i} ${order}`).toEqual(fromValues.rows);
        expect((fromCursor.rows[0] as Row).id).toBe(`m${i}`);
      }
      for (let i = 0; i < 6; i++) {
        const at = (await q(mem.threadPosition, ["u", `thr_t${i}`]))[0]!;
        const fromValues = await store.client.query(mem.threadsFrom[order], ["u", `thr_t${i}`, at.created_micros, at.seq, 3]);
        expect((await store.client.query(mem.threadsAfter[order], ["u", `thr_t${i}`, 3])).rows, `thr_t${i} ${order}`).toEqual(fromValues.rows);
      }
      // No cursor row, no rows: a missing cursor, another thread's or another scope's.
      expect((await store.client.query(mem.itemsAfter[order], ["u", "thr_1", "nope", 4])).rows).toEqual([]);
      expect((await store.client.query(mem.itemsAfter[order], ["v", "thr_1", "m1", 4])).rows).toEqual([]);
      expect((await store.client.query(mem.itemsAfter[order], ["u", "thr_2", "m1", 4])).rows).toEqual([]);
      expect((await store.client.query(mem.threadsAfter[order], ["u", "thr_other", 4])).rows).toEqual([]);
    }
  });

  it("C-THREAD-SAVE, C-ITEM-ADD: upserts keep seq; an item upsert keeps created_micros and needs its thread", () => {
    expect(sql.saveThread).toMatch(/ON CONFLICT \(scope, id\) DO UPDATE SET created_micros = EXCLUDED.created_micros, data = EXCLUDED.data$/);
    // The thread's existence is the foreign key's check (a violation is "thread not found"): the statement is
    // the plain upsert a hand-written store would run.
    expect(sql.upsertItem).toMatch(/^INSERT INTO "App"."ck_items" \(scope, thread_id, id, created_micros, data\) VALUES \(\$1, \$2, \$3, \$4::bigint, \$5\) ON CONFLICT/);
    expect(sql.upsertItem).toMatch(/DO UPDATE SET data = EXCLUDED.data$/);
  });
});

describe("PositionCache", () => {
  it("keeps the most recently used positions up to its capacity", () => {
    const cache = new PositionCache(2);
    cache.set("a", { micros: "1", seq: "1" });
    cache.set("b", { micros: "2", seq: "2" });
    expect(cache.get("a")).toEqual({ micros: "1", seq: "1" }); // a is now the most recent
    cache.set("c", { micros: "3", seq: "3" });
    expect([cache.get("a"), cache.get("b"), cache.get("c")]).toEqual([{ micros: "1", seq: "1" }, undefined, { micros: "3", seq: "3" }]);
    expect(cache.size).toBe(2);
    expect(PositionCache.key(["items", "u:1", "t"])).not.toBe(PositionCache.key(["items", "u", "1:t"]));
  });

  it("reads positions as node-postgres (strings) and pg-mem (numbers) return them", () => {
    expect(positionOf({ created_micros: "-62135596800000000", seq: "7" })).toEqual({ micros: "-62135596800000000", seq: "7" });
    expect(positionOf({ created_micros: 1772355600000000, seq: 7 })).toEqual({ micros: "1772355600000000", seq: "7" });
    expect(positionOf({ created_micros: null, seq: 7 })).toBeNull();
  });
});
