/**
 * Eager validation of constraints objects: every arbitrary checks its constraints when it is built
 * and throws `[chatkit-testkit] arb.<name>: <constraint> must be …, got …` at once.
 * @internal
 */
import * as fc from "fast-check";
import { show } from "../../model/json.js";
import { InvalidArgumentError } from "../../errors/errors.js";

/** Throws the constraint error of arbitrary `name`. @internal */
export function fail(name: string, constraint: string, requirement: string, got: unknown): never {
  throw new InvalidArgumentError(`arb.${name}`, constraint, `must be ${requirement}, got ${show(got)}`);
}

/**
 * Checks that `constraints` is a plain object (or undefined) whose keys are all known, so a typo
 * (`maxLenght`) fails instead of being ignored.
 * @internal
 */
export function readConstraints(name: string, constraints: unknown, known: readonly string[], prefix = ""): Record<string, unknown> {
  if (constraints === undefined) return {};
  if (constraints === null || typeof constraints !== "object" || Array.isArray(constraints)) {
    fail(name, prefix ? prefix.slice(0, -1) : "constraints", "an object", constraints);
  }
  for (const key of Object.keys(constraints)) {
    if (!known.includes(key)) {
      throw new InvalidArgumentError(`arb.${name}`, prefix + key, `is not a known constraint (known: ${known.join(", ")}), got ${show((constraints as Record<string, unknown>)[key])}`);
    }
  }
  return constraints as Record<string, unknown>;
}

/** An integer constraint in `[min, max]`, or its default when absent. @internal */
export function integerIn(name: string, c: Record<string, unknown>, key: string, defaultValue: number, min: number, max = Number.MAX_SAFE_INTEGER, label = key): number {
  const v = c[key];
  if (v === undefined) return defaultValue;
  if (typeof v !== "number" || !Number.isSafeInteger(v) || v < min || v > max) {
    fail(name, label, max === Number.MAX_SAFE_INTEGER ? `an integer ≥ ${min}` : `an integer between ${min} and ${max}`, v);
  }
  return v;
}

/** A boolean constraint, or its default when absent. @internal */
export function booleanOf(name: string, c: Record<string, unknown>, key: string, defaultValue: boolean, label = key): boolean {
  const v = c[key];
  if (v === undefined) return defaultValue;
  if (typeof v !== "boolean") fail(name, label, "a boolean", v);
  return v;
}

/** Whether a value looks like a fast-check arbitrary (duck-typed: two copies of fast-check may coexist). @internal */
export function isArbitrary(value: unknown): value is fc.Arbitrary<unknown> {
  return (
    value instanceof fc.Arbitrary ||
    (typeof value === "object" && value !== null && typeof (value as { generate?: unknown }).generate === "function" && typeof (value as { map?: unknown }).map === "function")
  );
}

/** An arbitrary constraint, or the default built lazily when absent. @internal */
export function arbitraryOf<T>(name: string, c: Record<string, unknown>, key: string, defaultValue: () => fc.Arbitrary<T>): fc.Arbitrary<T> {
  const v = c[key];
  if (v === undefined) return defaultValue();
  if (!isArbitrary(v)) fail(name, key, "a fast-check Arbitrary", v);
  return v as fc.Arbitrary<T>;
}

/** A non-empty string constraint, or `undefined` when absent. @internal */
export function nonEmptyStringOf(name: string, c: Record<string, unknown>, key: string): string | undefined {
  const v = c[key];
  if (v === undefined) return undefined;
  if (typeof v !== "string" || v.length === 0) fail(name, key, "a non-empty string", v);
  return v;
}

/** A non-empty subset of `allowed` (duplicates removed), or `allowed` itself when absent. @internal */
export function subsetOf<T extends string>(name: string, c: Record<string, unknown>, key: string, allowed: readonly T[], label = key): readonly T[] {
  const v = c[key];
  if (v === undefined) return allowed;
  const list = allowed.map((a) => JSON.stringify(a)).join(", ");
  if (!Array.isArray(v) || v.length === 0) fail(name, label, `a non-empty array of ${list}`, v);
  for (const t of v) if (!allowed.includes(t as T)) fail(name, `${label}[${v.indexOf(t)}]`, `one of ${list}`, t);
  return [...new Set(v as T[])];
}

/** Checks `min ≤ max` for a pair of already-checked numeric constraints. @internal */
export function ordered(name: string, minKey: string, min: number, maxKey: string, max: number): void {
  if (min > max) fail(name, maxKey, `≥ ${minKey} (${min})`, max);
}
