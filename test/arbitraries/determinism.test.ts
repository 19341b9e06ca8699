import * as fc from "fast-check";
import { isDeepStrictEqual } from "node:util";
import { describe, expect, it } from "vitest";
import { arb } from "./arb.js";

const ARBITRARIES = Object.entries(arb).filter(([, v]) => typeof v === "function") as [string, (c?: never) => fc.Arbitrary<unknown>][];

describe("determinism: a seed replays the same values", () => {
  it.each(ARBITRARIES.filter(([name]) => name !== "createdAtOf"))("arb.%s", (_name, make) => {
    const a = fc.sample(make(), { seed: 7, numRuns: 20 });
    const b = fc.sample(make(), { seed: 7, numRuns: 20 });
    const c = fc.sample(make(), { seed: 8, numRuns: 20 });
    expect(isDeepStrictEqual(a, b)).toBe(true);
    expect(isDeepStrictEqual(a, c)).toBe(false);
  });

  it("arb.createdAtOf", () => {
    const make = () => arb.createdAtOf("2026-01-01T00:00:00.25Z");
    expect(fc.sample(make(), { seed: 7, numRuns: 20 })).toEqual(fc.sample(make(), { seed: 7, numRuns: 20 }));
  });

  it("a failure prints a replayable { seed, path } and replays to the same counterexample", () => {
    const property = fc.property(arb.dataset(), (ds) => ds.items.length < 3);
    const first = fc.check(property, { seed: 99 });
    expect(first.failed).toBe(true);
    const again = fc.check(property, { seed: first.seed, path: first.counterexamplePath!, endOnFailure: true });
    expect(isDeepStrictEqual(again.counterexample, first.counterexample)).toBe(true);
  });
});
