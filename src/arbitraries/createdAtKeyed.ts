import * as fc from "fast-check";
import { timestampMicros } from "../model/timestamp.js";
import { createdAtParts, type CreatedAtConstraints } from "./createdAt.js";
import { renderTimestamp } from "./internal/timestamps.js";

/** A `created_at` string and the instant it names, in microseconds since the epoch. */
export interface KeyedCreatedAt {
  /** The string, exactly as a store must keep it (C-ROUNDTRIP). */
  created_at: string;
  /** Its order key (C-ORDER): `timestampMicros(created_at)`. */
  micros: bigint;
}

/**
 * {@link createdAt}, paired with the order key the contract gives it (`timestampMicros`, exact to the
 * microsecond, naive read as UTC, digits after the 6th truncated). Handy for computing the expected
 * order of generated rows without parsing timestamps in the test.
 *
 * @param constraints - see {@link CreatedAtConstraints}
 * @returns an arbitrary of `{ created_at, micros }`
 * @throws {InvalidArgumentError} at once, for a bad constraint (`arb.createdAtKeyed: …`)
 * @example
 * ```ts
 * await fc.assert(fc.asyncProperty(fc.array(arb.createdAtKeyed(), { maxLength: 8 }), async (rows) => {
 *   const store = new InMemoryStore();
 *   for (const [i, r] of rows.entries()) await store.saveThread({ id: `thr_${i}`, created_at: r.created_at }, "u1");
 *   const expected = rows
 *     .map((r, i) => ({ ...r, i }))
 *     .sort((a, b) => (a.micros < b.micros ? -1 : a.micros > b.micros ? 1 : a.i - b.i))
 *     .map((r) => `thr_${r.i}`);
 *   expect((await store.loadThreads(100, null, "asc", "u1")).data.map((t) => t.id)).toEqual(expected);
 * }), { seed: 42 });
 * ```
 */
export function createdAtKeyed(constraints: CreatedAtConstraints = {}): fc.Arbitrary<KeyedCreatedAt> {
  const { instants, styles } = createdAtParts("createdAtKeyed", constraints);
  return fc.tuple(instants, styles).map(([micros, style]) => {
    const created_at = renderTimestamp(micros, style);
    return { created_at, micros: timestampMicros(created_at) };
  });
}
