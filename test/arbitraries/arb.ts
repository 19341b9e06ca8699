/** The arbitraries under test, as users get them: the namespace `arb` of `chatkit-testkit/harness`. */
export { arb } from "chatkit-testkit/harness";

/** Seed of every property in these tests; a failure prints `{ seed, path }` to replay it. */
export const SEED = 20260101;

/** Calls `visit` on every value inside `value` (objects, arrays, scalars), depth first. */
export function walk(value: unknown, visit: (v: unknown, path: string) => void, path = "$"): void {
  visit(value, path);
  if (Array.isArray(value)) value.forEach((v, i) => walk(v, visit, `${path}[${i}]`));
  else if (value !== null && typeof value === "object") for (const k of Object.keys(value)) walk((value as Record<string, unknown>)[k], visit, `${path}.${k}`);
}

/** Whether a string has no lone surrogate (`String#isWellFormed`, which TypeScript's ES2023 lib lacks). */
export function isWellFormed(s: string): boolean {
  return !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);
}
