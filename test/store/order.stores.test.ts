/**
 * created_at precision and range, the same on every bundled store (docs/decisions/timestamps.md, C-ORDER):
 * 7 to 9 fractional digits are truncated to the microsecond, never rounded, so a value that differs only
 * past the 6th digit ties with its truncation and keeps insertion order among the tie; and instants before
 * 1970 and in years 0001 and 9999 order by instant. Run on InMemoryStore, PostgresStore on pg-mem and on the
 * run's real PostgreSQL: PostgreSQL's own `timestamptz` input rounds a 7th digit, so a PostgresStore that
 * let the database compute the order would fail here.
 *
 * Every row's expected place is written out by hand. Rows are inserted out of order, and their ids sort
 * neither in time nor in insertion order, so no accidental order passes.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InMemoryStore, type Store } from "chatkit-testkit";
import { titleOf, type StoreBackend } from "../postgres/backends.js";
import { bundledBackends } from "./bundled.js";
import { ORDERS, expectWalk, item, itemsOf, thread, threadsOf } from "../support/stores.js";

type AnyStore = Store<unknown, any>;

/**
 * Rows in insertion order. Comments give the instant a store must order by; "rounding" says where a
 * store that rounds would put the row instead.
 */
const ROWS: readonly (readonly [id: string, createdAt: string])[] = [
  // 9 digits: truncated to .000001, a tie with r_us1 (inserted later); rounding gives .000002, a tie with k_us2
  ["w_9digits", "2026-01-01T00:00:00.000001999Z"],
  ["k_us2", "2026-01-01T00:00:00.000002Z"],
  ["r_us1", "2026-01-01T00:00:00.000001Z"],
  ["c_us0", "2026-01-01T00:00:00Z"],
  // 7 digits: .5000009 is .500000, a tie with a_half (inserted later) and before x_half_us1; rounding gives .500001
  ["m_7digits", "2026-01-01T12:00:00.5000009Z"],
  ["x_half_us1", "2026-01-01T12:00:00.500001Z"],
  ["a_half", "2026-01-01T12:00:00.5Z"],
  // 8 digits, with an offset: 06:00:00.000000Z, a tie with f_six (inserted later); rounding gives .000001
  ["t_8digits", "2026-01-01T06:00:00.00000099+00:00"],
  ["f_six", "2026-01-01T06:00:00Z"],
  // 9 nines: 18:00:00.999999, before the next second; rounding carries into 18:00:01, a tie with b_next
  ["q_nines", "2026-01-01T18:00:00.999999999Z"],
  ["b_next", "2026-01-01T18:00:01Z"],
  ["n_999999", "2026-01-01T18:00:00.999999Z"],
  // before 1970: 7 digits truncate towards the past (the text's digits are dropped), a tie with p_1969
  ["p_1969", "1969-12-31T23:59:59.999999Z"],
  ["g_1970", "1970-01-01T00:00:00+00:00"],
  ["z_1969_7", "1969-12-31T23:59:59.9999999Z"],
  ["d_1969", "1970-01-01T00:59:59+01:00"], // = 1969-12-31T23:59:59Z: the offset crosses the epoch
  ["v_1900", "1900-06-15T12:00:00.000001-05:00"],
  // years 9999 and 0001, a millisecond apart (exact on every store, pg-mem's number-backed bigint too)
  ["e_9999", "9999-12-31T23:59:59.999999Z"],
  ["s_9999", "9999-12-31T23:59:59.998999Z"],
  ["h_0001", "0001-01-01T00:00:00.001Z"],
  ["u_0001", "0001-01-01T00:00:00"], // naive: UTC
  ["j_0001_9", "0001-01-01T00:00:00.000000999Z"], // truncated: a tie with u_0001
];

/** The listing in ascending order: by instant, ties in insertion order. */
const ASC = [
  "u_0001",
  "j_0001_9",
  "h_0001",
  "v_1900",
  "d_1969",
  "p_1969",
  "z_1969_7",
  "g_1970",
  "c_us0",
  "w_9digits",
  "r_us1",
  "k_us2",
  "t_8digits",
  "f_six",
  "m_7digits",
  "a_half",
  "x_half_us1",
  "q_nines",
  "n_999999",
  "b_next",
  "s_9999",
  "e_9999",
];

/**
 * Microseconds apart in years 0001 and 9999: exact on InMemoryStore and PostgreSQL. Not run on pg-mem,
 * whose bigint is a JavaScript number, exact only to a few microseconds beyond 2^53 µs from 1970
 * (documented at createPgMemStore, src/postgres/pgMem.ts).
 */
const FAR_ROWS: readonly (readonly [id: string, createdAt: string])[] = [
  ["e_9999", "9999-12-31T23:59:59.999999Z"],
  ["s_9999", "9999-12-31T23:59:59.999998Z"],
  ["h_0001", "0001-01-01T00:00:00.000001Z"],
  ["u_0001", "0001-01-01T00:00:00Z"],
  ["j_0001_9", "0001-01-01T00:00:00.000000999Z"],
  ["a_0001", "0001-01-01T00:00:00.000002Z"],
];
const FAR_ASC = ["u_0001", "j_0001_9", "h_0001", "a_0001", "s_9999", "e_9999"];

const BACKENDS = bundledBackends();

afterAll(async () => {
  for (const b of BACKENDS) await b.close();
});

/** A store holding `rows` as threads of scope "u1" and as items of thr_items in scope "u2", in the order given. */
async function storeWith(backend: StoreBackend, rows: typeof ROWS): Promise<AnyStore> {
  const store = (await backend.createStore()) as unknown as AnyStore;
  for (const [id, at] of rows) await store.saveThread(thread(id, at), "u1");
  await store.saveThread(thread("thr_items"), "u2");
  for (const [id, at] of rows) await store.addThreadItem("thr_items", item(id, "thr_items", at), "u2");
  return store;
}

describe.each(BACKENDS.map((b) => [titleOf(b), b] as const))("C-ORDER: created_at precision and range on %s", (_title, backend) => {
  let store: AnyStore;
  beforeAll(async () => {
    if (backend.available) store = await storeWith(backend, ROWS);
  });

  const byId = new Map(ROWS.map(([id, at]) => [id, at]));
  for (const [kind, load] of [
    ["threads", (s: AnyStore) => threadsOf(s, "u1")],
    ["items", (s: AnyStore) => itemsOf(s, "thr_items", "u2")],
  ] as const) {
    for (const order of ORDERS) {
      const expected = order === "asc" ? ASC : [...ASC].reverse();
      it.skipIf(!backend.available)(`${kind}, ${order}: 7–9 digits truncate (not round) into ties kept in insertion order; pre-1970 and years 0001/9999 by instant`, async () => {
        const page = await load(store)(null, 100, order);
        expect(page.data.map((r: { id: string }) => r.id)).toEqual(expected);
        // the created_at text is kept exactly as given (C-ROUNDTRIP): only the order uses microseconds
        for (const r of page.data as { id: string; created_at: string }[]) expect(r.created_at, r.id).toBe(byId.get(r.id));
        // and the ties hold as cursors: a walk one row at a time, and three at a time, gives the same order
        for (const limit of [1, 3]) await expectWalk(load(store), limit, order, expected);
      });
    }
  }

  it.skipIf(!backend.available || backend.name === "pg-mem")("threads and items, both orders: years 0001 and 9999 are exact to the microsecond (not on pg-mem: its bigint is a number)", async () => {
    const far = await storeWith(backend, FAR_ROWS);
    for (const order of ORDERS) {
      const expected = order === "asc" ? FAR_ASC : [...FAR_ASC].reverse();
      await expectWalk(threadsOf(far, "u1"), 1, order, expected);
      await expectWalk(itemsOf(far, "thr_items", "u2"), 1, order, expected);
    }
    await backend.destroyStore(far as never);
  });
});
