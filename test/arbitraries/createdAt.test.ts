import * as fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InMemoryStore, parseTimestamp, timestampMicros } from "chatkit-testkit";
import { SEED, arb } from "./arb.js";

const FORM = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})?$/;

/** The shape of a pydantic-style created_at: its form and number of fractional digits. */
function shape(s: string): { form: "naive" | "utc" | "offset"; digits: number } {
  const m = FORM.exec(s);
  if (!m) throw new Error(`not a standard created_at: ${s}`);
  return { form: m[8] === undefined ? "naive" : m[8] === "Z" ? "utc" : "offset", digits: m[7]?.length ?? 0 };
}

describe("arb.createdAt", () => {
  it("C-ORDER: writes only standard forms (naive, Z, ±HH:MM; 0–6 digits) by default, each parseable", () => {
    fc.assert(
      fc.property(arb.createdAt(), (s) => {
        expect(parseTimestamp(s).ok).toBe(true);
        expect(shape(s).digits).toBeLessThanOrEqual(6);
      }),
      { seed: SEED, numRuns: 500 },
    );
  });

  it("covers every form and every digit count 0–6", () => {
    const shapes = fc.sample(arb.createdAt(), { seed: SEED, numRuns: 2000 }).map(shape);
    expect(new Set(shapes.map((s) => s.form))).toEqual(new Set(["naive", "utc", "offset"]));
    expect([...new Set(shapes.map((s) => s.digits))].sort()).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it("C-ORDER: is biased toward ties, the same instant written differently, and sub-millisecond neighbours", () => {
    const values = fc.sample(arb.createdAt(), { seed: SEED, numRuns: 200 });
    const byInstant = new Map<bigint, Set<string>>();
    for (const v of values) byInstant.set(timestampMicros(v), (byInstant.get(timestampMicros(v)) ?? new Set()).add(v));
    // ties: far fewer instants than values
    expect(byInstant.size).toBeLessThan(values.length * 0.75);
    // one instant, several spellings
    expect([...byInstant.values()].some((spellings) => spellings.size >= 3)).toBe(true);
    // two distinct instants within one millisecond (a millisecond store would merge them)
    const instants = [...byInstant.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    expect(instants.some((m, i) => i > 0 && m - instants[i - 1]! < 1000n)).toBe(true);
  });

  it("respects min, max, forms and maxFractionDigits", () => {
    const c = { min: "2026-01-01T00:00:00Z", max: "2026-01-01T00:00:10Z", forms: ["utc"] as const, maxFractionDigits: 3 };
    fc.assert(
      fc.property(arb.createdAt(c), (s) => {
        const m = timestampMicros(s);
        expect(m).toBeGreaterThanOrEqual(timestampMicros(c.min));
        expect(m).toBeLessThanOrEqual(timestampMicros(c.max));
        expect(shape(s).form).toBe("utc");
        expect(shape(s).digits).toBeLessThanOrEqual(3);
        expect(m % 1000n).toBe(0n);
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it("poolSize: 0 turns the tie pool off", () => {
    const values = fc.sample(arb.createdAt({ poolSize: 0 }), { seed: SEED, numRuns: 200 });
    expect(new Set(values.map(timestampMicros)).size).toBeGreaterThan(190);
  });

  it("maxFractionDigits 7–9 writes extra digits that the contract truncates", () => {
    const values = fc.sample(arb.createdAt({ maxFractionDigits: 9, forms: ["utc"] }), { seed: SEED, numRuns: 500 });
    const long = values.filter((v) => shape(v).digits > 6);
    expect(long.length).toBeGreaterThan(0);
    for (const v of long) {
      const six = v.replace(/(\.\d{6})\d+Z$/, "$1Z");
      expect(timestampMicros(v)).toBe(timestampMicros(six));
    }
  });

  it("extendedSyntax writes the other accepted spellings", () => {
    const values = fc.sample(arb.createdAt({ extendedSyntax: true }), { seed: SEED, numRuns: 1000 });
    for (const v of values) expect(parseTimestamp(v).ok, v).toBe(true);
    expect(values.some((v) => / \d{2}:/.test(v))).toBe(true); // space separator
    expect(values.some((v) => /t\d{2}:/.test(v))).toBe(true);
    expect(values.some((v) => /z$/.test(v))).toBe(true);
    expect(values.some((v) => /[+-]\d{4}$/.test(v))).toBe(true);
    expect(values.some((v) => /,\d+/.test(v))).toBe(true);
    expect(values.some((v) => /T\d{2}:\d{2}(Z|z|[+-].*)?$/.test(v))).toBe(true); // no seconds
  });

  it("C-ORDER: the @example holds — a store orders two draws by instant, ties in insertion order", async () => {
    await fc.assert(
      fc.asyncProperty(arb.createdAt(), arb.createdAt(), async (a, b) => {
        const store = new InMemoryStore();
        await store.saveThread({ id: "thr_a", created_at: a }, "u1");
        await store.saveThread({ id: "thr_b", created_at: b }, "u1");
        const ids = (await store.loadThreads(10, null, "asc", "u1")).data.map((t) => t.id);
        expect(ids).toEqual(timestampMicros(b) < timestampMicros(a) ? ["thr_b", "thr_a"] : ["thr_a", "thr_b"]);
      }),
      { seed: SEED, numRuns: 100 },
    );
  });
});

describe("arb.createdAtOf", () => {
  it("C-ORDER: every spelling names exactly the given instant (all forms, extended syntax, 9 digits, years 0001–9999)", () => {
    const instant = fc.bigInt({ min: timestampMicros("0001-01-02T00:00:00Z"), max: timestampMicros("9999-12-30T23:59:59.999999Z") });
    fc.assert(
      fc.property(
        instant.chain((m) => fc.tuple(fc.constant(m), arb.createdAtOf(m, { extendedSyntax: true, maxFractionDigits: 9 }))),
        ([m, s]) => {
          expect(timestampMicros(s)).toBe(m);
        },
      ),
      { seed: SEED, numRuns: 3000 },
    );
  });

  it("accepts an ISO string, and writes round instants with fewer digits", () => {
    const values = new Set(fc.sample(arb.createdAtOf("2026-03-01T09:00:00.5+02:00"), { seed: SEED, numRuns: 300 }));
    for (const v of values) expect(timestampMicros(v)).toBe(timestampMicros("2026-03-01T07:00:00.5Z"));
    expect(values).toContain("2026-03-01T07:00:00.5Z");
    expect(values).toContain("2026-03-01T07:00:00.500000");
  });
});

describe("arb.createdAtKeyed", () => {
  it("micros is the contract's order key of created_at", () => {
    fc.assert(
      fc.property(arb.createdAtKeyed({ extendedSyntax: true, maxFractionDigits: 9 }), ({ created_at, micros }) => {
        expect(micros).toBe(timestampMicros(created_at));
      }),
      { seed: SEED, numRuns: 300 },
    );
  });
});
