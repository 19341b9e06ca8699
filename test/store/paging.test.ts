import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compareInOrder, compareKeys, takeRows, toPage, type OrderKey } from "../../src/store/paging.js";

const key = (micros: bigint, seq: number): OrderKey => ({ micros, seq });

describe("compareKeys / compareInOrder (C-ORDER)", () => {
  it("C-ORDER: orders by instant first, then by insertion sequence", () => {
    expect(compareKeys(key(1n, 9), key(2n, 1))).toBeLessThan(0);
    expect(compareKeys(key(2n, 1), key(1n, 9))).toBeGreaterThan(0);
    expect(compareKeys(key(5n, 1), key(5n, 2))).toBeLessThan(0);
    expect(compareKeys(key(5n, 2), key(5n, 1))).toBeGreaterThan(0);
    expect(compareKeys(key(5n, 2), key(5n, 2))).toBe(0);
    // beyond Number precision: 2^60 and 2^60 + 1 µs are different instants
    expect(compareKeys(key(2n ** 60n + 1n, 1), key(2n ** 60n, 2))).toBeGreaterThan(0);
    expect(compareKeys(key(-5n, 2), key(3n, 1))).toBeLessThan(0);
  });

  it("C-ORDER: desc is the exact reverse of asc (property, fixed seed)", () => {
    const k = fc.record({ micros: fc.bigInt({ min: -(2n ** 62n), max: 2n ** 62n }), seq: fc.nat() });
    fc.assert(
      fc.property(fc.array(k, { maxLength: 40 }), (keys) => {
        const asc = [...keys].sort((a, b) => compareInOrder("asc", a, b));
        const desc = [...keys].sort((a, b) => compareInOrder("desc", a, b));
        expect(desc).toEqual([...asc].reverse());
        for (let i = 1; i < asc.length; i++) expect(compareKeys(asc[i - 1]!, asc[i]!)).toBeLessThanOrEqual(0);
      }),
      { seed: 7, numRuns: 200 },
    );
  });
});

describe("takeRows and toPage (C-PAGE)", () => {
  const rows = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `r${i}` }));
  const page = (found: { id: string }[], limit: number, map = (r: { id: string }) => ({ ...r })) => toPage(takeRows(found, limit, map));

  it("C-PAGE: limit + 1 rows give a full page with has_more and after = the last row returned", () => {
    expect(page(rows(4), 3)).toEqual({ data: rows(3), has_more: true, after: "r2" });
  });

  it("C-PAGE: limit rows or fewer give has_more false and after null", () => {
    expect(page(rows(3), 3)).toEqual({ data: rows(3), has_more: false, after: null });
    expect(page(rows(1), 3)).toEqual({ data: rows(1), has_more: false, after: null });
    expect(page([], 3)).toEqual({ data: [], has_more: false, after: null });
  });

  it("C-PAGE: more than limit + 1 rows still give exactly limit rows", () => {
    expect(page(rows(10), 2)).toEqual({ data: rows(2), has_more: true, after: "r1" });
  });

  it("C-ISOLATION: map is applied to returned rows only (the extra row is never mapped)", () => {
    const mapped: string[] = [];
    const p = page(rows(3), 2, (r) => (mapped.push(r.id), { ...r, copy: true }));
    expect(p.data).toEqual([{ id: "r0", copy: true }, { id: "r1", copy: true }]);
    expect(mapped).toEqual(["r0", "r1"]);
  });
});
