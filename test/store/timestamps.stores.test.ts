/**
 * The `created_at` spellings our stores accept beyond the contract's forms (docs/decisions/timestamps.md:
 * `t` or a space for `T`, a lower-case `z`, `,` for `.`, `±HHMM` and `±HH` offsets, no seconds, 7 to 9
 * fractional digits) are kept exactly as given, on every bundled store, default and strict: the store orders
 * by the parsed instant and never rewrites the string. The contract's own forms are the harness's
 * (`roundtrip.created-at-exact`, TIMESTAMP_FORMS); how 7–9 digits order (truncated to a microsecond tie) is
 * in test/store/order.stores.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InMemoryStore, type Store } from "chatkit-testkit";
import { titleOf } from "../postgres/backends.js";
import { bundledBackends } from "./bundled.js";
import { item, thread } from "../support/stores.js";

type AnyStore = Store<unknown, any>;

const BACKENDS = bundledBackends();

afterAll(async () => {
  for (const b of BACKENDS) await b.close();
});

/** Accepted spellings that are not contract forms: [what, created_at]. */
const SPELLINGS: readonly (readonly [string, string])[] = [
  ["a space for T", "2026-01-02 03:04:05"],
  ["lower-case t and z", "2026-01-02t03:04:05z"],
  ["lower-case t only", "2026-01-02t03:04:05Z"],
  ["lower-case z only", "2026-01-02T03:04:05.5z"],
  ["a comma for the decimal point", "2026-01-02T03:04:05,5"],
  ["a comma with 6 digits and Z", "2026-01-02T03:04:05,123456Z"],
  ["±HHMM", "2026-01-02T03:04:05-0730"],
  ["no seconds and ±HHMM", "2026-01-02T03:04+0130"],
  ["±HH", "2026-01-02T03:04:05+05"],
  ["no seconds, naive", "2026-01-02T03:04"],
  ["no seconds, lower-case t and z", "2026-03-01t09:00z"],
  ["7 fractional digits", "2026-01-02T03:04:05.1234567Z"],
  ["8 fractional digits", "2026-01-02T03:04:05.12345678"],
  ["9 fractional digits and ±HH", "2026-01-02T03:04:05.123456789-07"],
  ["9 zero digits", "2026-01-02T03:04:05.000000000+00:00"],
  ["a space, 1 digit and ±HH", "2026-01-01 01:00:00.1+01"],
  ["a space, a comma and ±HH", "2026-03-01 09:00:00,5+02"],
];

describe.each(BACKENDS.map((b) => [titleOf(b), b] as const))("%s: created_at spellings beyond the contract", (_title, backend) => {
  const test = it.skipIf(!backend.available);
  const stores: [string, AnyStore][] = [];
  let scopes = 0;
  beforeAll(async () => {
    if (!backend.available) return;
    stores.push(["default", (await backend.createStore()) as unknown as AnyStore]);
    stores.push(["strict", (await backend.createStore({ strict: true })) as unknown as AnyStore]);
  });

  test.each(SPELLINGS)("C-ROUNDTRIP: %s (%s) is kept exactly by loadThread, loadThreads, loadItem and loadThreadItems", async (_what, createdAt) => {
    for (const [mode, store] of stores) {
      const c = { user_id: `ts_${++scopes}` }; // a fresh scope: the listings hold only this thread and item
      await store.saveThread(thread("thr_1", createdAt), c);
      await store.addThreadItem("thr_1", item("msg_1", "thr_1", createdAt), c);
      await store.saveItem("thr_1", item("msg_2", "thr_1", createdAt), c);
      expect((await store.loadThread("thr_1", c)).created_at, mode).toBe(createdAt);
      expect((await store.loadThreads(10, null, "asc", c)).data.map((t) => t.created_at), mode).toEqual([createdAt]);
      expect((await store.loadItem("thr_1", "msg_1", c)).created_at, mode).toBe(createdAt);
      expect((await store.loadItem("thr_1", "msg_2", c)).created_at, mode).toBe(createdAt);
      for (const order of ["asc", "desc"] as const) {
        const page = await store.loadThreadItems("thr_1", null, 10, order, c);
        expect(page.data.map((i) => [i.id, i.created_at]), `${mode} ${order}`).toEqual(order === "asc" ? [["msg_1", createdAt], ["msg_2", createdAt]] : [["msg_2", createdAt], ["msg_1", createdAt]]);
      }
    }
    expect(stores.map(([mode]) => mode)).toEqual(["default", "strict"]);
  });
});
