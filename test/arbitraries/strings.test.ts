import * as fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SEED, arb, isWellFormed } from "./arb.js";

const codePoints = (s: string) => Array.from(s).length;

/** Whether some pair of distinct values has one as a prefix of the other. */
const hasPrefixPair = (values: readonly string[]) => {
  const distinct = [...new Set(values)];
  return distinct.some((a) => distinct.some((b) => a !== b && b.startsWith(a)));
};

describe.each([
  ["id", arb.id],
  ["scopeKey", arb.scopeKey],
] as const)("arb.%s", (_name, make) => {
  const values = fc.sample(make(), { seed: SEED, numRuns: 1000 });

  it("C-ID: never empty, no NUL, no lone surrogate, at most 256 code points", () => {
    fc.assert(
      fc.property(make(), (v) => {
        expect(v.length).toBeGreaterThan(0);
        expect(v).not.toContain("\u0000");
        expect(isWellFormed(v)).toBe(true);
        expect(codePoints(v)).toBeLessThanOrEqual(256);
      }),
      { seed: SEED, numRuns: 2000 },
    );
  });

  it("C-SCOPE: repeats values and makes prefix pairs (Keyv #1495, PR #2147)", () => {
    expect(new Set(values).size).toBeLessThan(values.length);
    const sample = fc.sample(make(), { seed: SEED + 1, numRuns: 30 });
    expect(hasPrefixPair(sample)).toBe(true);
  });

  it("carries LIKE/glob metacharacters, separators, quotes, backslash, spaces and unicode", () => {
    for (const needle of ["%", "_", "*", ":", "'", "\"", "\\", " ", "\u0301", "\u202e"]) {
      expect(values.some((v) => v.includes(needle)), JSON.stringify(needle)).toBe(true);
    }
    expect(values.some((v) => /\p{Extended_Pictographic}/u.test(v))).toBe(true); // emoji
    expect(values.some((v) => /[\u0590-\u06ff]/.test(v))).toBe(true); // right-to-left script
    expect(values.some((v) => /DROP TABLE|__proto__|SELECT/i.test(v))).toBe(true);
    // very long: up to the default maxLength (240 code points for ids, 48 for scope keys)
    const longest = Math.max(...values.map(codePoints));
    expect(longest).toBeGreaterThanOrEqual(_name === "id" ? 128 : 40);
    expect(longest).toBeLessThanOrEqual(_name === "id" ? 240 : 48);
  });

  it("allowNul and allowLoneSurrogates opt in to NUL and lone surrogates; maxLength caps", () => {
    const risky = fc.sample(make({ allowNul: true, allowLoneSurrogates: true, maxLength: 8 }), { seed: SEED, numRuns: 2000 });
    expect(risky.some((v) => v.includes("\u0000"))).toBe(true);
    expect(risky.some((v) => !isWellFormed(v))).toBe(true);
    for (const v of risky) expect(codePoints(v)).toBeLessThanOrEqual(8);
  });

  it("prefixFamily: false still generates adversarial values", () => {
    const plain = fc.sample(make({ prefixFamily: false }), { seed: SEED, numRuns: 300 });
    for (const v of plain) expect(v.length).toBeGreaterThan(0);
    expect(plain.some((v) => /[%_*:]/.test(v))).toBe(true);
  });
});

describe("arb.scopeKey", () => {
  it("allowEmpty adds the shared scope \"\"", () => {
    expect(fc.sample(arb.scopeKey(), { seed: SEED, numRuns: 500 })).not.toContain("");
    expect(fc.sample(arb.scopeKey({ allowEmpty: true }), { seed: SEED, numRuns: 500 })).toContain("");
  });
});

describe("arb.text", () => {
  it("respects minLength and maxLength in code points; may be empty; never NUL by default", () => {
    fc.assert(
      fc.property(arb.text({ minLength: 3, maxLength: 10 }), (s) => {
        expect(codePoints(s)).toBeGreaterThanOrEqual(3);
        expect(codePoints(s)).toBeLessThanOrEqual(10);
        expect(s).not.toContain("\u0000");
        expect(isWellFormed(s)).toBe(true);
      }),
      { seed: SEED, numRuns: 1000 },
    );
    expect(fc.sample(arb.text(), { seed: SEED, numRuns: 300 })).toContain("");
  });

  it("large payloads: a raised maxLength gives long strings", () => {
    const values = fc.sample(arb.text({ maxLength: 20_000 }), { seed: SEED, numRuns: 200 });
    expect(Math.max(...values.map(codePoints))).toBeGreaterThanOrEqual(10_000);
  });
});
