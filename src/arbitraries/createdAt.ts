import * as fc from "fast-check";
import { readConstraints } from "./internal/check.js";
import { RANGE_KEYS, STYLE_KEYS, readRange, readStyle, type CreatedAtForm } from "./internal/createdAtSettings.js";
import { instant, renderTimestamp, timestampStyle } from "./internal/timestamps.js";

export type { CreatedAtForm } from "./internal/createdAtSettings.js";

/** How a `created_at` string may be written: the constraints of {@link createdAtOf}, and part of {@link CreatedAtConstraints}. */
export interface CreatedAtFormConstraints {
  /**
   * Forms to write: `"naive"` (no offset, read as UTC: what the Python SDK writes), `"utc"` (`Z`) and
   * `"offset"` (`+05:30`, `-03:30`, `-00:00`, …; the same instant, written as local time).
   * @defaultValue `["naive", "utc", "offset"]`
   */
  forms?: readonly CreatedAtForm[];
  /**
   * Most fractional digits, 0–9. Instants are drawn at the precision this allows (3 → whole
   * milliseconds). Values 7–9 also write 1–3 arbitrary digits after the microseconds; the contract
   * truncates them (a tie with the 6-digit form), while PostgreSQL's `timestamptz` input *rounds*, so
   * a store that lets the database parse the string disagrees.
   * @defaultValue 6
   */
  maxFractionDigits?: number;
  /**
   * Also write the forms `parseTimestamp` accepts beyond pydantic's: `t` or a space instead of `T`,
   * `z`, `±HHMM`, `±HH`, a comma decimal mark, no seconds (`12:00`), offsets up to ±23:59.
   * @defaultValue false
   */
  extendedSyntax?: boolean;
}

/** Constraints of {@link createdAt} and {@link createdAtKeyed}. */
export interface CreatedAtConstraints extends CreatedAtFormConstraints {
  /**
   * Earliest instant (any accepted ISO string; no earlier than `0001-01-02T00:00:00Z`).
   * @defaultValue `"1900-01-01T00:00:00Z"`
   */
  min?: string;
  /**
   * Latest instant (no later than `9999-12-30T23:59:59.999999Z`).
   * @defaultValue `"2199-12-31T23:59:59.999999Z"`
   */
  max?: string;
  /**
   * Size of a fixed pool of instants (around the middle of [min, max]: one instant and its
   * neighbours 1 µs, 999 µs, 1 ms and 1 s away) that half of all draws come from, so that two draws
   * are often the same instant — usually written differently — or within one millisecond. 0 turns
   * the pool off.
   * @defaultValue 6
   */
  poolSize?: number;
}

/** @internal */
export const CREATED_AT_KEYS = [...STYLE_KEYS, ...RANGE_KEYS] as const;

/** Builds the instant and style arbitraries for `name`. @internal */
export function createdAtParts(name: string, constraints: unknown) {
  const c = readConstraints(name, constraints, CREATED_AT_KEYS);
  const style = readStyle(name, c);
  const range = readRange(name, c, style.step);
  return { instants: instant(range.min, range.max, style.step, range.poolSize), styles: timestampStyle(style) };
}

/**
 * ISO-8601 `created_at` strings in every form the contract orders (C-ORDER, C-ROUNDTRIP): naive,
 * `Z` and `±HH:MM`, with 0–6 fractional digits (7–9 optionally), biased toward collisions: half of the
 * draws come from a small pool of instants, and each draw writes its instant in a random form, so the
 * same instant often appears as `2050-01-01T00:00:00`, `2050-01-01T00:00:00.000000Z` and
 * `2050-01-01T05:30:00+05:30`.
 *
 * @param constraints - see {@link CreatedAtConstraints}
 * @returns an arbitrary of strings that `parseTimestamp` accepts
 * @throws {InvalidArgumentError} at once, for a bad constraint: `arb.createdAt: maxFractionDigits must be an integer between 0 and 9, got 10`
 * @example
 * ```ts
 * // Two threads, often at one instant written two ways: by instant, then insertion order (C-ORDER).
 * await fc.assert(fc.asyncProperty(arb.createdAt(), arb.createdAt(), async (a, b) => {
 *   const store = new InMemoryStore();
 *   await store.saveThread({ id: "thr_a", created_at: a }, "u1");
 *   await store.saveThread({ id: "thr_b", created_at: b }, "u1");
 *   const ids = (await store.loadThreads(10, null, "asc", "u1")).data.map((t) => t.id);
 *   expect(ids).toEqual(timestampMicros(b) < timestampMicros(a) ? ["thr_b", "thr_a"] : ["thr_a", "thr_b"]);
 * }), { seed: 42 });
 * ```
 */
export function createdAt(constraints: CreatedAtConstraints = {}): fc.Arbitrary<string> {
  const { instants, styles } = createdAtParts("createdAt", constraints);
  return fc.tuple(instants, styles).map(([micros, style]) => renderTimestamp(micros, style));
}
