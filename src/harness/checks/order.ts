import { defineChecks } from "../Check.js";
import { expectEqual, expectOk, idsOf } from "../expect.js";
import { lister, message, thread, walkAndCheck, walkEveryLimit } from "./support.js";

/** C-ORDER: total order by (created_at instant at µs, insertion sequence). */
export const checks = defineChecks("order", [
  {
    id: "order.by-instant",
    statement: "items and threads are ordered by the instant of created_at (naive read as UTC), not by its text",
    rules: ["C-ORDER"],
    kind: "example",
    async run(env) {
      const { store, contexts } = await env.fresh();
      const [ctx] = contexts;
      // By text they sort w1, n1, z1, n2, o1; by instant: o1 (11:30Z), w1 (11:59:59.999999Z), n1 = z1 (12:00Z, a tie kept in insertion order), n2.
      const rows: [string, string][] = [
        ["n1", "2026-01-01T12:00:00"],
        ["o1", "2026-01-01T13:30:00+02:00"],
        ["n2", "2026-01-01T12:00:00.500000"],
        ["z1", "2026-01-01T12:00:00+00:00"],
        ["w1", "2026-01-01T06:59:59.999999-05:00"],
      ];
      const expectedAsc = ["o1", "w1", "n1", "z1", "n2"];
      await expectOk(() => store.saveThread(thread("thr_o", "2026-01-01T00:00:00Z"), ctx));
      for (const [id, ts] of rows) await expectOk(() => store.addThreadItem("thr_o", message("thr_o", id, ts), ctx));
      await walkAndCheck(lister(store, "thr_o"), ctx, 10, "asc", expectedAsc, "items of thr_o by instant");
      await walkAndCheck(lister(store, "thr_o"), ctx, 10, "desc", [...expectedAsc].reverse(), "items of thr_o by instant");
      const { store: s2, contexts: c2 } = await env.fresh();
      for (const [id, ts] of rows) await expectOk(() => s2.saveThread(thread(id, ts), c2[0]));
      await walkAndCheck(lister(s2, null), c2[0], 10, "asc", expectedAsc, "threads by instant");
    },
  },
  {
    id: "order.microseconds",
    statement: "created_at values one microsecond apart are ordered by that microsecond (no millisecond truncation)",
    rules: ["C-ORDER"],
    kind: "example",
    async run(env) {
      const { store, contexts } = await env.fresh();
      const [ctx] = contexts;
      await expectOk(() => store.saveThread(thread("thr_us", "2026-01-01T00:00:00Z"), ctx));
      // Inserted newest first, so insertion order cannot explain a correct answer.
      const stamps = ["2026-01-01T00:00:00.000003Z", "2026-01-01T00:00:00.000002Z", "2026-01-01T00:00:00.000001Z", "2026-01-01T00:00:00Z"];
      for (const [i, ts] of stamps.entries()) await expectOk(() => store.addThreadItem("thr_us", message("thr_us", `m${3 - i}`, ts), ctx));
      const page = await expectOk(() => store.loadThreadItems("thr_us", null, 10, "asc", ctx));
      expectEqual(idsOf(page), ["m0", "m1", "m2", "m3"], "ids in µs order");
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
      for (const id of ["a", "b", "c"]) await add(id);
      await del("a");
      await add("d");
      await del("b");
      await add("e");
      await walkEveryLimit(lister(store, "thr_del"), ctx, ["c", "d", "e"], "tied items after deletes and adds");
      const { store: s2, contexts: c2 } = await env.fresh();
      for (const id of ["a", "b", "c"]) await expectOk(() => s2.saveThread(thread(id, t0), c2[0]));
      await expectOk(() => s2.deleteThread("a", c2[0]));
      await expectOk(() => s2.deleteThread("b", c2[0]));
      await expectOk(() => s2.saveThread(thread("d", t0), c2[0]));
      await walkEveryLimit(lister(s2, null), c2[0], ["c", "d"], "tied threads after deletes and a save");
    },
  },
]);
