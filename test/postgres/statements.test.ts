/**
 * The SQL text itself: built once from quoted names, values only as `$n`, the pg-mem-safe subset
 * (no row-value comparisons, no `WHERE` on an upsert's update), and the keyset predicate spelled out.
 */
import { describe, expect, it } from "vitest";
import { resolveNames } from "../../src/postgres/names.js";
import { buildStatements } from "../../src/postgres/statements.js";
import { MIGRATIONS } from "../../src/postgres/migrations.js";
import { PositionCache, positionOf } from "../../src/postgres/positions.js";

const names = resolveNames("test", { schema: "App", tablePrefix: "ck_" });
const sql = buildStatements(names);
const all: [string, string][] = Object.entries(sql).flatMap(([key, value]) => (typeof value === "string" ? [[key, value] as [string, string]] : Object.entries(value).map(([o, v]) => [`${key}.${o}`, v as string] as [string, string])));

describe("statements", () => {
  it("C-LIMIT: order picks one of two prebuilt statements that differ only in direction", () => {
    for (const key of ["threadsFirst", "threadsFrom", "itemsFirst", "itemsFrom"] as const) {
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

  it("C-PAGE: the keyset predicate is the expanded form behind a sargable bound, never a row-value comparison (pg-mem)", () => {
    expect(sql.itemsFrom.asc).toContain(
      "r.created_micros >= $4::bigint AND (r.created_micros > $4::bigint OR (r.created_micros = $4::bigint AND r.seq >= $5::bigint))",
    );
    expect(sql.itemsFrom.asc).toContain("ORDER BY r.created_micros ASC, r.seq ASC LIMIT $6");
    expect(sql.threadsFrom.desc).toContain("r.created_micros <= $3::bigint AND (r.created_micros < $3::bigint OR (r.created_micros = $3::bigint AND r.seq <= $4::bigint))");
    for (const [key, text] of all) {
      expect(text, key).not.toMatch(/\)\s*[<>]=?\s*\(/); // (a, b) > (c, d)
      expect(text, key).not.toMatch(/\bROW\(/i);
      expect(text, key).not.toMatch(/DO UPDATE SET[^;]*\bWHERE\b/);
    }
  });

  it("C-THREAD-SAVE, C-ITEM-ADD: upserts keep seq; an item upsert keeps created_micros and needs its thread", () => {
    expect(sql.saveThread).toMatch(/ON CONFLICT \(scope, id\) DO UPDATE SET created_micros = EXCLUDED.created_micros, data = EXCLUDED.data$/);
    expect(sql.upsertItem).toMatch(/WHERE EXISTS \(SELECT 1 FROM "App"."ck_threads" WHERE scope = \$1::text AND id = \$2::text\)/);
    expect(sql.upsertItem).toMatch(/DO UPDATE SET data = EXCLUDED.data RETURNING id$/);
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
