import type { Check } from "../Check.js";
import { expectEqual, expectOk, idsOf } from "../expect.js";
import { at, lister, message, thread, walkEveryLimit } from "./support.js";

/**
 * A dataset with tie groups of three at the first, middle and last positions:
 * a b c (t0) · d (t1) · e f g (t2) · h (t3) · i j k (t4)
 */
const TIED: [string, string][] = [
  ["a", at(0)], ["b", at(0)], ["c", at(0)],
  ["d", at(1)],
  ["e", at(2)], ["f", at(2)], ["g", at(2)],
  ["h", at(3)],
  ["i", at(4)], ["j", at(4)], ["k", at(4)],
];

/** C-PAGE: exact pages, exactly-once walks. */
export const pagingChecks: Check[] = [
  {
    id: "paging.items-ties-every-limit",
    statement: "with tie groups at the first, middle and last positions, a walk of a thread's items visits every row exactly once, in order, for every limit 1..n+1 in both orders, with exact has_more and after",
    rules: ["C-PAGE", "C-ORDER"],
    kind: "example",
    async run(env) {
      const { store, contexts } = await env.fresh();
      const [ctx] = contexts;
      await expectOk(() => store.saveThread(thread("thr_p", at(0)) as never, ctx), "saveThread(thr_p)");
      // inserted out of id order inside each tie group, so "order by id" cannot pass
      const insertion = [TIED[2]!, TIED[0]!, TIED[1]!, ...TIED.slice(3)];
      for (const [id, ts] of insertion) await expectOk(() => store.addThreadItem("thr_p", message("thr_p", id, ts) as never, ctx), `addThreadItem(thr_p, ${id} @ ${ts})`);
      await walkEveryLimit(lister(store, "thr_p"), ctx, insertion.map(([id]) => id), "items of thr_p");
    },
  },
  {
    id: "paging.threads-ties-every-limit",
    statement: "with tie groups at the first, middle and last positions, a walk of loadThreads visits every thread exactly once, in order, for every limit 1..n+1 in both orders",
    rules: ["C-PAGE", "C-ORDER"],
    kind: "example",
    async run(env) {
      const { store, contexts } = await env.fresh();
      const [ctx] = contexts;
      const insertion = [TIED[1]!, TIED[2]!, TIED[0]!, ...TIED.slice(3, 5), TIED[6]!, TIED[5]!, ...TIED.slice(7)];
      for (const [id, ts] of insertion) await expectOk(() => store.saveThread(thread(id, ts) as never, ctx), `saveThread(${id} @ ${ts})`);
      await walkEveryLimit(lister(store, null), ctx, insertion.map(([id]) => id), "threads");
    },
  },
  {
    id: "paging.exclusive-cursor",
    statement: "`after` is exclusive: a page after X never contains X, and starts with the row that follows X",
    rules: ["C-PAGE", "C-CURSOR"],
    kind: "example",
    async run(env) {
      const { store, contexts } = await env.fresh();
      const [ctx] = contexts;
      await expectOk(() => store.saveThread(thread("thr_x", at(0)) as never, ctx), "saveThread(thr_x)");
      for (let i = 1; i <= 5; i++) await expectOk(() => store.addThreadItem("thr_x", message("thr_x", `msg${i}`, at(i)) as never, ctx), `addThreadItem(thr_x, msg${i})`);
      const asc = await expectOk(() => store.loadThreadItems("thr_x", "msg1", 3, "asc", ctx), 'loadThreadItems(thr_x, after="msg1", 3, "asc")');
      expectEqual({ ids: idsOf(asc), has_more: asc.has_more, after: asc.after ?? null }, { ids: ["msg2", "msg3", "msg4"], has_more: true, after: "msg4" }, 'the page after "msg1" (asc, limit 3)');
      const desc = await expectOk(() => store.loadThreadItems("thr_x", "msg3", 5, "desc", ctx), 'loadThreadItems(thr_x, after="msg3", 5, "desc")');
      expectEqual({ ids: idsOf(desc), has_more: desc.has_more, after: desc.after ?? null }, { ids: ["msg2", "msg1"], has_more: false, after: null }, 'the page after "msg3" (desc, limit 5)');
      const last = await expectOk(() => store.loadThreadItems("thr_x", "msg5", 2, "asc", ctx), 'loadThreadItems(thr_x, after="msg5", 2, "asc")');
      expectEqual({ ids: idsOf(last), has_more: last.has_more, after: last.after ?? null }, { ids: [], has_more: false, after: null }, 'the page after the last row');
    },
  },
  {
    id: "paging.limit-equals-count",
    statement: "a limit equal to the number of rows returns them all with has_more false and after null; one less leaves exactly one for the next page",
    rules: ["C-PAGE"],
    kind: "example",
    async run(env) {
      const { store, contexts } = await env.fresh();
      const [ctx] = contexts;
      for (let i = 1; i <= 3; i++) await expectOk(() => store.saveThread(thread(`thr${i}`, at(i)) as never, ctx), `saveThread(thr${i})`);
      const all = await expectOk(() => store.loadThreads(3, null, "asc", ctx), 'loadThreads(3, null, "asc")');
      expectEqual({ ids: idsOf(all), has_more: all.has_more, after: all.after ?? null }, { ids: ["thr1", "thr2", "thr3"], has_more: false, after: null }, "one full page");
      const two = await expectOk(() => store.loadThreads(2, null, "asc", ctx), 'loadThreads(2, null, "asc")');
      expectEqual({ ids: idsOf(two), has_more: two.has_more, after: two.after ?? null }, { ids: ["thr1", "thr2"], has_more: true, after: "thr2" }, "the first of two pages");
    },
  },
];
