import * as fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isInvalidArgumentError, timestampMicros } from "chatkit-testkit";
import { arb } from "./arb.js";

type AnyArbitrary = (constraints?: never) => fc.Arbitrary<unknown>;

/** Every arbitrary that takes a constraints object (all but createdAtOf, tested below). */
const ALL: Record<string, AnyArbitrary> = Object.fromEntries(
  Object.entries(arb).filter(([name, v]) => typeof v === "function" && name !== "createdAtOf"),
) as Record<string, AnyArbitrary>;

/** Calls `fn` and returns what it threw. */
function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected a throw, got none");
}

/** A bad value for one constraint of each arbitrary, and the message it must produce. */
const BAD: [string, Record<string, unknown>, string][] = [
  ["text", { maxLength: -1 }, "arb.text: maxLength must be an integer ≥ 0, got -1"],
  ["text", { minLength: 5, maxLength: 2 }, "arb.text: maxLength must be ≥ minLength (5), got 2"],
  ["id", { maxLength: 0 }, "arb.id: maxLength must be an integer ≥ 1, got 0"],
  ["id", { prefixFamily: "yes" }, "arb.id: prefixFamily must be a boolean, got \"yes\""],
  ["scopeKey", { allowEmpty: 1 }, "arb.scopeKey: allowEmpty must be a boolean, got 1"],
  ["createdAt", { maxFractionDigits: 10 }, "arb.createdAt: maxFractionDigits must be an integer between 0 and 9, got 10"],
  ["createdAt", { forms: [] }, "arb.createdAt: forms must be a non-empty array of \"naive\", \"utc\", \"offset\", got an array of 0"],
  ["createdAt", { forms: ["Z"] }, "arb.createdAt: forms[0] must be one of \"naive\", \"utc\", \"offset\", got \"Z\""],
  ["createdAt", { min: "yesterday" }, "arb.createdAt: min must be an ISO-8601 date-time between 0001-01-02T00:00:00Z and 9999-12-30T23:59:59.999999Z, got \"yesterday\""],
  ["createdAt", { min: "2026-01-02T00:00:00Z", max: "2026-01-01T00:00:00Z" }, "arb.createdAt: max must be ≥ min (2026-01-02T00:00:00Z), got \"2026-01-01T00:00:00Z\""],
  ["createdAt", { min: "2026-01-01T00:00:00.1Z", max: "2026-01-01T00:00:00.9Z", maxFractionDigits: 0 }, "arb.createdAt: max must be far enough from min"],
  ["createdAtKeyed", { poolSize: -1 }, "arb.createdAtKeyed: poolSize must be an integer between 0 and 64, got -1"],
  ["jsonValue", { maxDepth: 20 }, "arb.jsonValue: maxDepth must be an integer between 0 and 16, got 20"],
  ["freeObject", { keyArbitrary: "k" }, "arb.freeObject: keyArbitrary must be a fast-check Arbitrary, got \"k\""],
  ["widgetRoot", { maxLength: 1.5 }, "arb.widgetRoot: maxLength must be an integer ≥ 0, got 1.5"],
  ["threadItem", { maxLength: -1 }, "arb.threadItem: maxLength must be an integer ≥ 0, got -1"],
  ["threadItem", { types: ["message"] }, "arb.threadItem: types[0] must be one of \"user_message\""],
  ["threadItem", { threadId: "" }, "arb.threadItem: threadId must be a non-empty string, got \"\""],
  ["userMessageItem", { idArbitrary: 3 }, "arb.userMessageItem: idArbitrary must be a fast-check Arbitrary, got 3"],
  ["endOfTurnItem", { createdAtArbitrary: "2026" }, "arb.endOfTurnItem: createdAtArbitrary must be a fast-check Arbitrary"],
  ["thread", { maxItems: -2 }, "arb.thread: maxItems must be an integer ≥ 0, got -2"],
  ["threadMetadata", { textArbitrary: null }, "arb.threadMetadata: textArbitrary must be a fast-check Arbitrary, got null"],
  ["source", { types: ["web"] }, "arb.source: types[0] must be one of \"url\", \"file\", \"entity\", got \"web\""],
  ["task", { types: [] }, "arb.task: types must be a non-empty array"],
  ["structuredInput", { types: ["choice"] }, "arb.structuredInput: types[0] must be one of"],
  ["userMessageContent", { types: ["text"] }, "arb.userMessageContent: types[0] must be one of"],
  ["attachment", { threadId: 1 }, "arb.attachment: threadId must be a string or null, got 1"],
  ["dataset", { minScopes: 2, maxScopes: 1 }, "arb.dataset: maxScopes must be ≥ minScopes (2), got 1"],
  ["dataset", { maxInstants: 0 }, "arb.dataset: maxInstants must be an integer between 1 and 64, got 0"],
  ["dataset", { createdAt: { maxFractionDigits: -1 } }, "arb.dataset: createdAt.maxFractionDigits must be an integer between 0 and 9, got -1"],
  ["dataset", { createdAt: { pool: 3 } }, "arb.dataset: createdAt.pool is not a known constraint"],
];

describe("constraints are validated eagerly, naming the arbitrary", () => {
  it.each(BAD)("arb.%s(%j) throws", (name, constraints, message) => {
    const error = thrown(() => ALL[name]!(constraints as never));
    expect(isInvalidArgumentError(error)).toBe(true);
    expect(error.message).toContain(`[chatkit-testkit] ${message}`);
  });

  it.each(Object.keys(ALL))("arb.%s rejects an unknown constraint and a non-object", (name) => {
    const typo = thrown(() => ALL[name]!({ maxLenght: 3 } as never));
    expect(typo.message).toContain(`[chatkit-testkit] arb.${name}: maxLenght is not a known constraint (known: `);
    const notObject = thrown(() => ALL[name]!(5 as never));
    expect(notObject.message).toContain(`[chatkit-testkit] arb.${name}: constraints must be an object, got 5`);
  });

  it.each(Object.keys(ALL))("arb.%s builds with no constraints", (name) => {
    expect(fc.sample(ALL[name]!(), { seed: 1, numRuns: 3 })).toHaveLength(3);
  });

  it("arb.createdAtOf rejects bad instants and instants that need more digits than allowed", () => {
    expect(thrown(() => arb.createdAtOf("soon")).message).toContain("arb.createdAtOf: instant must be a bigint (µs since the epoch) or an ISO-8601 date-time, got \"soon\"");
    expect(thrown(() => arb.createdAtOf(10n ** 18n)).message).toContain("arb.createdAtOf: instant must be between 0001-01-02T00:00:00Z and 9999-12-30T23:59:59.999999Z, got 1000000000000000000n");
    expect(thrown(() => arb.createdAtOf("2026-01-01T00:00:00.123Z", { maxFractionDigits: 2 })).message).toContain(
      "arb.createdAtOf: instant must be writable with 2 fractional digits (maxFractionDigits)",
    );
    expect(thrown(() => arb.createdAtOf(0n, { poolSize: 3 } as never)).message).toContain("arb.createdAtOf: poolSize is not a known constraint");
  });

  it("edge constraints still generate valid values", () => {
    const one = <T>(a: fc.Arbitrary<T>) => fc.sample(a, { seed: 3, numRuns: 50 });
    expect(new Set(one(arb.text({ maxLength: 0 })))).toEqual(new Set([""]));
    for (const v of one(arb.id({ maxLength: 1 }))) expect(Array.from(v)).toHaveLength(1);
    const fixed = one(arb.createdAt({ min: "2026-01-01T00:00:00Z", max: "2026-01-01T00:00:00Z" }));
    expect(new Set(fixed.map(timestampMicros))).toEqual(new Set([1767225600000000n]));
    expect(new Set(fixed).size).toBeGreaterThan(3); // one instant, many spellings
    for (const v of one(arb.createdAtKeyed({ min: "2026-01-01T00:00:00Z", max: "2026-01-01T00:00:00Z", poolSize: 0 }))) expect(v.micros).toBe(1767225600000000n);
    for (const ds of one(arb.dataset({ maxItems: 0 }))) expect(ds.items).toEqual([]);
    for (const ds of one(arb.dataset({ maxThreads: 0 }))) expect(ds.threads).toEqual([]);
    for (const v of one(arb.jsonValue({ maxDepth: 0 }))) expect(v === null || typeof v !== "object").toBe(true);
    for (const v of one(arb.widgetRoot({ maxDepth: 0, maxLength: 0 }))) expect(v.children).toEqual([]);
    for (const v of one(arb.assistantMessageItem({ maxLength: 0 }))) expect(v.content).toEqual([]);
  });
});
