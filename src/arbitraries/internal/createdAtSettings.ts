/**
 * Reads the constraints shared by `createdAt`, `createdAtKeyed`, `createdAtOf` and `dataset`.
 * @internal
 */
import { parseTimestamp } from "../../model/timestamp.js";
import { booleanOf, fail, integerIn, subsetOf } from "./check.js";
import { MAX_INSTANT, MIN_INSTANT, ceilTo, floorTo, type StyleSettings } from "./timestamps.js";

/** The three forms of a `created_at` string. */
export type CreatedAtForm = "naive" | "utc" | "offset";

/** Every {@link CreatedAtForm}. @internal */
export const CREATED_AT_FORMS: readonly CreatedAtForm[] = ["naive", "utc", "offset"];

/** Keys of the style constraints. @internal */
export const STYLE_KEYS = ["forms", "maxFractionDigits", "extendedSyntax"] as const;
/** Keys of the range constraints. @internal */
export const RANGE_KEYS = ["min", "max", "poolSize"] as const;

/** @internal */
export const DEFAULT_MIN = "1900-01-01T00:00:00Z";
/** @internal */
export const DEFAULT_MAX = "2199-12-31T23:59:59.999999Z";

/** Reads `forms`, `maxFractionDigits`, `extendedSyntax`. @internal */
export function readStyle(name: string, c: Record<string, unknown>, prefix = ""): StyleSettings & { step: bigint } {
  const forms = subsetOf(name, c, "forms", CREATED_AT_FORMS, `${prefix}forms`);
  const maxFractionDigits = integerIn(name, c, "maxFractionDigits", 6, 0, 9, `${prefix}maxFractionDigits`);
  const extendedSyntax = booleanOf(name, c, "extendedSyntax", false, `${prefix}extendedSyntax`);
  const step = 10n ** BigInt(6 - Math.min(6, maxFractionDigits));
  return { forms, maxFractionDigits, extendedSyntax, step };
}

function readBound(name: string, c: Record<string, unknown>, key: "min" | "max", fallback: string, prefix: string): bigint {
  const v = c[key] ?? fallback;
  const range = "an ISO-8601 date-time between 0001-01-02T00:00:00Z and 9999-12-30T23:59:59.999999Z";
  if (typeof v !== "string") fail(name, prefix + key, range, v);
  const parsed = parseTimestamp(v);
  if (!parsed.ok || parsed.micros < MIN_INSTANT || parsed.micros > MAX_INSTANT) fail(name, prefix + key, range, v);
  return parsed.micros;
}

/** Reads `min`, `max` and `poolSize`, given the step (10^(6 − digits)) of `maxFractionDigits`. @internal */
export function readRange(name: string, c: Record<string, unknown>, step: bigint, prefix = ""): { min: bigint; max: bigint; poolSize: number } {
  const min = readBound(name, c, "min", DEFAULT_MIN, prefix);
  const max = readBound(name, c, "max", DEFAULT_MAX, prefix);
  if (min > max) fail(name, `${prefix}max`, `≥ min (${String(c.min ?? DEFAULT_MIN)})`, c.max ?? DEFAULT_MAX);
  if (ceilTo(min, step) > floorTo(max, step)) {
    fail(name, `${prefix}max`, `far enough from min to hold an instant with ${c.maxFractionDigits} fractional digits`, c.max ?? DEFAULT_MAX);
  }
  const poolSize = integerIn(name, c, "poolSize", 6, 0, 64, `${prefix}poolSize`);
  return { min, max, poolSize };
}
