import type * as fc from "fast-check";
import { parseTimestamp } from "../model/timestamp.js";
import { fail, readConstraints } from "./internal/check.js";
import { STYLE_KEYS, readStyle } from "./internal/createdAtSettings.js";
import { MAX_INSTANT, MIN_INSTANT, floorTo, renderTimestamp, timestampStyle } from "./internal/timestamps.js";
import type { CreatedAtFormConstraints } from "./createdAt.js";

/**
 * Every way of writing one instant: naive, `Z` and offset forms, with as many fractional digits as
 * the instant allows up to `maxFractionDigits`. All values tie under the contract's order (C-ORDER),
 * and a store must still return each string exactly as given (C-ROUNDTRIP). Use it to build tie groups.
 *
 * @param instant - the instant, as microseconds since the epoch or as a `created_at` string
 * @param constraints - see {@link CreatedAtFormConstraints}
 * @returns an arbitrary of strings `s` with `timestampMicros(s) === micros`
 * @throws {InvalidArgumentError} at once, when the instant is not a timestamp between 0001-01-02 and
 *   9999-12-30, needs more fractional digits than `maxFractionDigits`, or a constraint is bad
 * @example
 * ```ts
 * // Three items at one instant, written three ways: they come back in insertion order.
 * await fc.assert(fc.asyncProperty(fc.array(arb.createdAtOf("2026-01-01T00:00:00.5Z"), { minLength: 3, maxLength: 3 }), async (stamps) => {
 *   const store = new InMemoryStore();
 *   await store.saveThread({ id: "thr_1", created_at: "2026-01-01T00:00:00Z" }, "u1");
 *   for (const [i, created_at] of stamps.entries()) {
 *     await store.addThreadItem("thr_1", { type: "end_of_turn", id: `msg_${i}`, thread_id: "thr_1", created_at }, "u1");
 *   }
 *   const page = await store.loadThreadItems("thr_1", null, 10, "asc", "u1");
 *   expect(page.data.map((item) => item.created_at)).toEqual(stamps); // same order, strings untouched
 * }), { seed: 42 });
 * ```
 */
export function createdAtOf(instant: bigint | string, constraints: CreatedAtFormConstraints = {}): fc.Arbitrary<string> {
  const c = readConstraints("createdAtOf", constraints, STYLE_KEYS);
  const style = readStyle("createdAtOf", c);
  let micros: bigint;
  if (typeof instant === "bigint") micros = instant;
  else if (typeof instant === "string" && parseTimestamp(instant).ok) micros = (parseTimestamp(instant) as { micros: bigint }).micros;
  else fail("createdAtOf", "instant", "a bigint (µs since the epoch) or an ISO-8601 date-time", instant);
  if (micros < MIN_INSTANT || micros > MAX_INSTANT) {
    fail("createdAtOf", "instant", "between 0001-01-02T00:00:00Z and 9999-12-30T23:59:59.999999Z", instant);
  }
  if (floorTo(micros, style.step) !== micros) {
    fail("createdAtOf", "instant", `writable with ${style.maxFractionDigits} fractional digits (maxFractionDigits)`, instant);
  }
  return timestampStyle(style).map((s) => renderTimestamp(micros, s));
}
