import { defineChecks } from "../Check.js";
import { expectEqual, expectOk, idsOf } from "../expect.js";
import { lister, message, thread, walkAndCheck, walkEveryLimit } from "./support.js";

/** C-ORDER: total order by (created_at instant at µs, insertion sequence). */
export const checks = defineChecks("order", [
  {
    id: "order.by-instant",
    statement:
      "items and threads are ordered by the instant of created_at (naive read as UTC), not by its text, in both orders: offsets, fractions, instants before 1970 and an offset that crosses the epoch (1970-01-01T00:59:59+01:00 before 1969-12-31T23:59:59.999999Z before 1970-01-01T00:00:00+00:00)",
    rules: ["C-ORDER"],
    kind: "example",
    async run(env) {
      const { store, contexts } = await env.fresh();
      const [ctx] = contexts;
      // By text they sort e3, e1, e4, e2, w1, n1, z1, n2, o1; by instant: e3 (naive, 1969), e2 (its offset
      // crosses the epoch: 1969-12-31T23:59:59Z), e1 (a microsecond before the epoch), e4 (the epoch), then
      // o1 (11:30Z), w1 (11:59:59.999999Z), n1 = z1 (12:00Z, a tie kept in insertion order), n2.
      const rows: [string, string][] = [
        ["n1", "2026-01-01T12:00:00"],
        ["e1", "1969-12-31T23:59:59.999999Z"],
        ["o1", "2026-01-01T13:30:00+02:00"],
        ["n2", "2026-01-01T12:00:00.500000"],
        ["e4", "1970-01-01T00:00:00+00:00"],
        ["z1", "2026-01-01T12:00:00+00:00"],
        ["e2", "1970-01-01T00:59:59+01:00"],
        ["w1", "2026-01-01T06:59:59.999999-05:00"],
        ["e3", "1969-07-20T20:17:40.5"],
      ];
      const expectedAsc = ["e3", "e2", "e1", "e4", "o1", "w1", "n1", "z1", "n2"];
      await expectOk(() => store.saveThread(thread("thr_o", "2026-01-01T00:00:00Z"), ctx));
      for (const [id, ts] of rows) await expectOk(() => store.addThreadItem("thr_o", message("thr_o", id, ts), ctx));
      await walkAndCheck(lister(store, "thr_o"), ctx, 10, "asc", expectedAsc, "items of thr_o by instant");
      await walkAndCheck(lister(store, "thr_o"), ctx, 10, "desc", [...expectedAsc].reverse(), "items of thr_o by instant");
      const { store: s2, contexts: c2 } = await env.fresh();
      for (const [id, ts] of rows) await expectOk(() => s2.saveThread(thread(id, ts), c2[0]));
      await walkAndCheck(lister(s2, null), c2[0], 10, "asc", expectedAsc, "threads by instant");
      await walkAndCheck(lister(s2, null), c2[0], 10, "desc", [...expectedAsc].reverse(), "threads by instant");
    },
  },
  {
    id: "order.microseconds",
    statement: "items and threads whose created_at values are one microsecond apart are ordered by that microsecond (no millisecond truncation; neither insertion nor id order is time order)",
    rules: ["C-ORDER"],
    kind: "example",
    async run(env) {
      const { store, contexts } = await env.fresh();
      const [ctx] = contexts;
      await expectOk(() => store.saveThread(thread("thr_us", "2026-01-01T00:00:00Z"), ctx));
      // One millisecond, four microseconds. Neither insertion order nor id order (either way) is time
      // order, so millisecond truncation cannot pass by a tie-break on insertion or on the id.
      const byTime: [string, string][] = [
        ["us_c", "2026-01-01T00:00:00Z"],
        ["us_a", "2026-01-01T00:00:00.000001Z"],
        ["us_d", "2026-01-01T00:00:00.000002Z"],
        ["us_b", "2026-01-01T00:00:00.000003Z"],
      ];
      for (const k of [3, 1, 0, 2]) await expectOk(() => store.addThreadItem("thr_us", message("thr_us", byTime[k]![0], byTime[k]![1]), ctx));
      const expected = byTime.map(([id]) => id);
      const asc = await expectOk(() => store.loadThreadItems("thr_us", null, 10, "asc", ctx));
      expectEqual(idsOf(asc), expected, "ids in µs order");
      const desc = await expectOk(() => store.loadThreadItems("thr_us", null, 10, "desc", ctx));
      expectEqual(idsOf(desc), [...expected].reverse(), "ids in reverse µs order");
      const { store: s2, contexts: c2 } = await env.fresh();
      for (const k of [3, 1, 0, 2]) await expectOk(() => s2.saveThread(thread(byTime[k]![0], byTime[k]![1]), c2[0]));
      await walkAndCheck(lister(s2, null), c2[0], 3, "asc", expected, "threads a microsecond apart");
    },
  },
  {
    id: "order.not-by-id",
    statement: "order follows created_at, not the id: msg_100000 at t comes before msg_000001 at t+1s",
    rules: ["C-ORDER"],
    kind: "example",
    async run(env) {
      const { store, contexts } = await env.fresh();
      const [ctx] = contexts;
      await expectOk(() => store.saveThread(thread("thr_id", "2026-01-01T00:00:00Z"), ctx));
      await expectOk(() => store.addThreadItem("thr_id", message("thr_id", "msg_100000", "2026-01-01T00:00:00Z"), ctx));
      await expectOk(() => store.addThreadItem("thr_id", message("thr_id", "msg_000001", "2026-01-01T00:00:01Z"), ctx));
      await expectOk(() => store.addThreadItem("thr_id", message("thr_id", "msg_050000", "2026-01-01T00:00:01Z"), ctx));
      await walkAndCheck(lister(store, "thr_id"), ctx, 10, "asc", ["msg_100000", "msg_000001", "msg_050000"], "items by created_at then insertion");
    },
  },
  {
    id: "order.ties-insertion",
    statement: "rows with equal created_at keep insertion order in asc, and desc is the exact reverse",
    rules: ["C-ORDER"],
    kind: "example",
    async run(env) {
      const { store, contexts } = await env.fresh();
      const [ctx] = contexts;
      const ids = ["t_c", "t_a", "t_b", "t_e", "t_d"]; // not sorted by id
      for (const id of ids) await expectOk(() => store.saveThread(thread(id, "2026-01-01T00:00:00Z"), ctx));
      await walkAndCheck(lister(store, null), ctx, 10, "asc", ids, "tied threads");
      await walkAndCheck(lister(store, null), ctx, 10, "desc", [...ids].reverse(), "tied threads");
      await expectOk(() => store.saveThread(thread("thr_items", "2026-01-01T00:00:00Z"), ctx));
      for (const id of ids) await expectOk(() => store.addThreadItem("thr_items", message("thr_items", id, "2026-01-01T00:00:00Z"), ctx));
      await walkAndCheck(lister(store, "thr_items"), ctx, 10, "asc", ids, "tied items");
      await walkAndCheck(lister(store, "thr_items"), ctx, 10, "desc", [...ids].reverse(), "tied items");
    },
  },
  {
    id: "order.ties-after-delete",
    statement: "insertion order among rows with equal created_at survives deletes: a row added after a delete sorts after every live row of its tie group",
    rules: ["C-ORDER", "C-PAGE", "C-DELETE"],
    kind: "example",
    async run(env) {
      const { store, contexts } = await env.fresh();
      const [ctx] = contexts;
      const t0 = "2026-01-01T00:00:00Z";
      await expectOk(() => store.saveThread(thread("thr_del", t0), ctx));
      const add = (id: string) => expectOk(() => store.addThreadItem("thr_del", message("thr_del", id, t0), ctx));
      const del = (id: string) => expectOk(() => store.deleteThreadItem("thr_del", id, ctx));
      // Ids chosen so that neither id order nor its reverse is the insertion order of the survivors.
      for (const id of ["m", "z", "b"]) await add(id);
      await del("m");
      await add("a");
      await del("z");
      await add("y");
      await walkEveryLimit(lister(store, "thr_del"), ctx, ["b", "a", "y"], "tied items after deletes and adds");
      const { store: s2, contexts: c2 } = await env.fresh();
      for (const id of ["m", "z", "b"]) await expectOk(() => s2.saveThread(thread(id, t0), c2[0]));
      await expectOk(() => s2.deleteThread("m", c2[0]));
      await expectOk(() => s2.deleteThread("z", c2[0]));
      await expectOk(() => s2.saveThread(thread("a", t0), c2[0]));
      await expectOk(() => s2.saveThread(thread("y", t0), c2[0]));
      await walkEveryLimit(lister(s2, null), c2[0], ["b", "a", "y"], "tied threads after deletes and saves");
    },
  },
]);
