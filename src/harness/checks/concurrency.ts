import * as fc from "fast-check";
import { CheckFailure, defineChecks, type AnyStore } from "../Check.js";
import { describeError, describeValue, expectEqual, expectNotFound, expectOk, idsOf, jsonEqual } from "../expect.js";
import { checkProperty } from "../property.js";
import { referenceMicros } from "../reference/ReferenceStore.js";
import { at, lister, message, thread, walkAndCheck, walkRecords } from "./support.js";

/** Walks a thread's items (asc, limit 7) and returns the ids; fails on repeats. */
async function walkIds<TContext>(list: ReturnType<typeof lister<TContext>>, ctx: TContext, order: "asc" | "desc"): Promise<string[]> {
  const ids: string[] = [];
  let after: string | null = null;
  for (let guard = 0; guard < 1000; guard++) {
    const page = await expectOk(() => list(after, 7, order, ctx), `page ${guard + 1} of the walk (${order}, limit 7)`);
    ids.push(...idsOf(page));
    if (!page.has_more) return ids;
    after = page.after ?? null;
  }
  throw new CheckFailure({ expected: "the walk ends", seen: "more than 1000 pages" });
}

function checkWalk(asc: string[], desc: string[], expectedIds: readonly string[], micros: Map<string, bigint>, what: string): void {
  const sorted = [...expectedIds].sort();
  expectEqual([...asc].sort(), sorted, `${what}: every item exactly once in the asc walk`);
  expectEqual(desc, [...asc].reverse(), `${what}: the desc walk is the reverse of the asc walk`);
  for (let i = 1; i < asc.length; i++) {
    if (micros.get(asc[i - 1]!)! > micros.get(asc[i]!)!) {
      throw new CheckFailure({ expected: `${what}: asc walk in created_at order`, seen: `${asc[i - 1]} (later) before ${asc[i]}` });
    }
  }
}

/**
 * How racing calls start: all in the same tick (`Promise.all` of the calls), or each one a microtask or a
 * macrotask (`setImmediate`) after the previous one, so that a store's window between a read and the write
 * that depends on it is hit wherever it sits.
 */
type Start = "same tick" | "a microtask apart" | "a macrotask apart";
const STARTS: readonly Start[] = ["same tick", "a microtask apart", "a macrotask apart"];

function macrotask(): Promise<void> {
  return new Promise((resolve) => (typeof setImmediate === "function" ? setImmediate(resolve) : setTimeout(resolve, 0)));
}

/** Starts `calls` as `start` says and waits for all of them to settle. */
async function race(calls: readonly (() => Promise<unknown>)[], start: Start): Promise<PromiseSettledResult<unknown>[]> {
  const running: Promise<unknown>[] = [];
  for (const [i, call] of calls.entries()) {
    if (i > 0 && start === "a microtask apart") await Promise.resolve();
    if (i > 0 && start === "a macrotask apart") await macrotask();
    try {
      running.push(call());
    } catch (error) {
      running.push(Promise.reject(error));
    }
  }
  return Promise.allSettled(running);
}

/** Fails when any of the settled calls (named by `names`) was rejected. */
function expectAllFulfilled(results: readonly PromiseSettledResult<unknown>[], names: readonly string[], what: string): void {
  const failed = results.findIndex((r) => r.status === "rejected");
  if (failed >= 0) {
    throw new CheckFailure({ expected: `${what}: every call succeeds`, seen: `${names[failed]} threw ${describeError((results[failed] as PromiseRejectedResult).reason)}` });
  }
}

/**
 * Three anchor items of one thread, ids against time order, with a gap before each and after the last
 * one: `gapOf(k)` is a created_at in gap k (0 before the first anchor, 3 after the last).
 */
const ANCHORS = [
  { suffix: "z", seconds: 10 },
  { suffix: "y", seconds: 20 },
  { suffix: "x", seconds: 30 },
] as const;
const gapAt = (k: number, micros = 0) => at(5 + 10 * k, micros);

/**
 * After racing writes of item `id` into `threadId` (whose anchors are in place), the outcome is that of
 * some one-at-a-time order of them (C-CONCURRENT, C-ITEM-ADD): exactly one item `id` in both walks, its
 * data one of `versions`, and its place that of one of them (the first one applied keeps its place).
 */
async function expectOneItem<TContext>(store: AnyStore<TContext>, ctx: TContext, threadId: string, id: string, versions: readonly { created_at: string }[], what: string): Promise<void> {
  const anchors = ANCHORS.map((a) => `${threadId}_${a.suffix}`);
  const page = await expectOk(() => store.loadThreadItems(threadId, null, 100, "asc", ctx));
  const asc = idsOf(page);
  const copies = asc.filter((i) => i === id).length;
  if (copies !== 1) throw new CheckFailure({ expected: `${what}: exactly one item ${JSON.stringify(id)} in ${threadId}`, seen: `${copies} in ${describeValue(page)}` });
  const loaded = await expectOk(() => store.loadItem(threadId, id, ctx));
  if (!versions.some((v) => jsonEqual(loaded, v))) {
    throw new CheckFailure({ expected: `${what}: loadItem(${threadId}, ${id}) is one of the ${versions.length} written versions`, seen: describeValue(loaded) });
  }
  expectEqual(page.data[asc.indexOf(id)], loaded, `${what}: ${id} in the page is the item loadItem returns`);
  const places = versions.map((v) => {
    const k = ANCHORS.filter((a) => referenceMicros(at(a.seconds))! < referenceMicros(v.created_at)!).length;
    return [...anchors.slice(0, k), id, ...anchors.slice(k)].join(" ");
  });
  if (!places.includes(asc.join(" "))) {
    throw new CheckFailure({ expected: `${what}: ${id} at the place of one of its versions' created_at: ${places.map((p) => `[${p}]`).join(" or ")}`, seen: `[${asc.join(" ")}]` });
  }
  const list = lister(store, threadId);
  await walkAndCheck(list, ctx, 2, "asc", asc, `${what}: the asc walk`);
  await walkAndCheck(list, ctx, 2, "desc", [...asc].reverse(), `${what}: the desc walk`);
}

/** A thread with the three anchor items (added one at a time). */
async function anchoredThread<TContext>(store: AnyStore<TContext>, ctx: TContext, threadId: string): Promise<void> {
  await expectOk(() => store.saveThread(thread(threadId, at(0)), ctx));
  for (const a of ANCHORS) await expectOk(() => store.addThreadItem(threadId, message(threadId, `${threadId}_${a.suffix}`, at(a.seconds)), ctx));
}

/** C-CONCURRENT. */
export const checks = defineChecks("concurrency", [
  {
    id: "concurrency.parallel-adds",
    statement: "50 parallel addThreadItem calls into one thread all land: a walk sees each exactly once, in created_at order",
    rules: ["C-CONCURRENT", "C-PAGE"],
    requires: ["concurrency"],
    kind: "concurrency",
    async run(env) {
      const { store, contexts } = await env.fresh();
      const [ctx] = contexts;
      await expectOk(() => store.saveThread(thread("thr_par", at(0)), ctx));
      const items = Array.from({ length: 50 }, (_, i) => message("thr_par", `msg_${String(i).padStart(2, "0")}`, at(i % 10)));
      const results = await Promise.allSettled(items.map((m) => store.addThreadItem("thr_par", m, ctx)));
      const failed = results.findIndex((r) => r.status === "rejected");
      if (failed >= 0) {
        throw new CheckFailure({ expected: "all 50 parallel addThreadItem calls succeed", seen: `call ${failed} threw ${describeError((results[failed] as PromiseRejectedResult).reason)}` });
      }
      const micros = new Map(items.map((m) => [m.id, referenceMicros(m.created_at)!]));
      const list = lister(store, "thr_par");
      checkWalk(await walkIds(list, ctx, "asc"), await walkIds(list, ctx, "desc"), items.map((m) => m.id), micros, "after 50 parallel adds");
    },
  },
  {
    id: "concurrency.parallel-mixed",
    statement:
      "parallel saveThread, addThreadItem, saveItem and deleteThreadItem calls on distinct ids lose no write, also with writers in two scopes at once (the second scope saving threads and adding items under the same thread id thr_2 as the first)",
    rules: ["C-CONCURRENT"],
    requires: ["concurrency"],
    kind: "concurrency",
    async run(env) {
      const { store, contexts } = await env.fresh();
      const [ctx, other] = contexts;
      // a second scope writes at the same time (when the store separates scopes): threads, and items
      // under its own thr_2
      const two = env.capabilities.scoping;
      for (const t of ["thr_1", "thr_2"]) await expectOk(() => store.saveThread(thread(t, at(0)), ctx));
      const theirs = thread("thr_2", at(0), { title: "B's" });
      if (two) await expectOk(() => store.saveThread(theirs, other));
      // ids against time order: old_9 is the oldest
      const old = (i: number, text?: string) => message("thr_1", `old_${i}`, at(9 - i), text);
      for (let i = 0; i < 10; i++) await expectOk(() => store.addThreadItem("thr_1", old(i), ctx));
      // read what the calls will change first, so a cache that they do not update shows
      expectEqual(idsOf(await expectOk(() => store.loadThreadItems("thr_1", null, 20, "asc", ctx))), Array.from({ length: 10 }, (_, k) => `old_${9 - k}`), "thr_1 before the parallel calls");
      expectEqual(idsOf(await expectOk(() => store.loadThreadItems("thr_2", null, 20, "asc", ctx))), [], "thr_2 before the parallel calls");
      expectEqual(idsOf(await expectOk(() => store.loadThreads(20, null, "asc", ctx))), ["thr_1", "thr_2"], "the threads before the parallel calls");
      for (let i = 0; i < 10; i++) expectEqual(await expectOk(() => store.loadItem("thr_1", `old_${i}`, ctx)), old(i), `old_${i} before the parallel calls`);
      const mine: (() => Promise<unknown>)[] = [];
      for (let i = 0; i < 10; i++) mine.push(() => store.saveThread(thread(`thr_new_${i}`, at(i % 3)), ctx));
      for (let i = 0; i < 10; i++) mine.push(() => store.addThreadItem("thr_2", message("thr_2", `new_${i}`, at(i % 4)), ctx));
      for (let i = 0; i < 5; i++) mine.push(() => store.saveItem("thr_1", old(i, `updated ${i}`), ctx));
      for (let i = 5; i < 10; i++) mine.push(() => store.deleteThreadItem("thr_1", `old_${i}`, ctx));
      const bThread = (i: number) => thread(`thr_b_${i}`, at(i % 3), { title: "B's" });
      const bItem = (i: number) => message("thr_2", `b_new_${i}`, at(i % 4), `B's ${i}`);
      const theirsCalls: (() => Promise<unknown>)[] = [];
      for (let i = 0; i < 5 && two; i++) theirsCalls.push(() => store.saveThread(bThread(i), other), () => store.addThreadItem("thr_2", bItem(i), other));
      // started in one tick, one call of the second scope after every third of the first's
      const calls: Promise<unknown>[] = [];
      for (const [i, call] of mine.entries()) {
        calls.push(call());
        const theirsCall = i % 3 === 2 ? theirsCalls[(i - 2) / 3] : undefined;
        if (theirsCall) calls.push(theirsCall());
      }
      const results = await Promise.allSettled(calls);
      const failed = results.findIndex((r) => r.status === "rejected");
      if (failed >= 0) throw new CheckFailure({ expected: "every parallel call succeeds", seen: `call ${failed} threw ${describeError((results[failed] as PromiseRejectedResult).reason)}` });
      const threads = await walkIds(lister(store, null), ctx, "asc");
      expectEqual([...threads].sort(), ["thr_1", "thr_2", ...Array.from({ length: 10 }, (_, i) => `thr_new_${i}`)].sort(), "every thread after parallel saves");
      expectEqual((await walkIds(lister(store, "thr_2"), ctx, "asc")).sort(), Array.from({ length: 10 }, (_, i) => `new_${i}`).sort(), "every item of thr_2");
      const thr1 = await store.loadThreadItems("thr_1", null, 20, "asc", ctx);
      expectEqual(thr1.data, Array.from({ length: 5 }, (_, k) => old(4 - k, `updated ${4 - k}`)), "thr_1: 5 updated items, 5 deleted");
      for (let i = 0; i < 5; i++) expectEqual(await expectOk(() => store.loadItem("thr_1", `old_${i}`, ctx)), old(i, `updated ${i}`), `old_${i} after the parallel saveItem`);
      for (let i = 5; i < 10; i++) await expectNotFound(() => store.loadItem("thr_1", `old_${i}`, ctx), `loadItem(thr_1, old_${i}) after the parallel deleteThreadItem`);
      for (let i = 0; i < 10; i++) expectEqual(await expectOk(() => store.loadThread(`thr_new_${i}`, ctx)), thread(`thr_new_${i}`, at(i % 3)), `thr_new_${i} after the parallel saveThread`);
      if (!two) return;
      const bThreads = await walkIds(lister(store, null), other, "asc");
      expectEqual([...bThreads].sort(), ["thr_2", ...Array.from({ length: 5 }, (_, i) => `thr_b_${i}`)].sort(), "every thread of the second scope after its parallel saves");
      for (let i = 0; i < 5; i++) expectEqual(await expectOk(() => store.loadThread(`thr_b_${i}`, other)), bThread(i), `thr_b_${i} of the second scope after the parallel saveThread`);
      expectEqual(await expectOk(() => store.loadThread("thr_2", other)), theirs, "the second scope's thr_2");
      const bItems = await store.loadThreadItems("thr_2", null, 20, "asc", other);
      expectEqual([...idsOf(bItems)].sort(), Array.from({ length: 5 }, (_, i) => `b_new_${i}`).sort(), "every item of the second scope's thr_2 (and none of the first scope's)");
      for (let i = 0; i < 5; i++) expectEqual(await expectOk(() => store.loadItem("thr_2", `b_new_${i}`, other)), bItem(i), `b_new_${i} of the second scope after the parallel addThreadItem`);
    },
  },
  {
    id: "concurrency.interleavings",
    statement: "under any interleaving of concurrent adds, saves and deletes (fast-check scheduler), the final state is the one the operations imply",
    rules: ["C-CONCURRENT"],
    requires: ["concurrency"],
    kind: "concurrency",
    async run(env) {
      const op = fc.oneof(
        fc.record({ kind: fc.constant("add" as const), n: fc.nat({ max: 11 }), t: fc.nat({ max: 3 }) }),
        fc.record({ kind: fc.constant("save" as const), n: fc.nat({ max: 11 }), t: fc.nat({ max: 3 }) }),
        fc.record({ kind: fc.constant("delete" as const), n: fc.nat({ max: 11 }), t: fc.nat({ max: 3 }) }),
      );
      // Distinct targets, so the operations commute and the expected state does not depend on the order.
      const ops = fc.uniqueArray(op, { minLength: 2, maxLength: 12, selector: (o) => o.n });
      await checkProperty(
        env,
        fc.tuple(fc.scheduler(), ops),
        async ([s, list]) => {
          const { store, contexts } = await env.fresh();
          const [ctx] = contexts;
          await expectOk(() => store.saveThread(thread("thr_s", at(0)), ctx));
          // items 0..5 exist before the race
          for (let n = 0; n < 6; n++) await expectOk(() => store.addThreadItem("thr_s", message("thr_s", `m${n}`, at(n % 3)), ctx));
          await expectOk(() => store.loadThreadItems("thr_s", null, 100, "asc", ctx)); // read before the writes: a stale page shows after them
          const expected = new Map<string, string>();
          for (let n = 0; n < 6; n++) expected.set(`m${n}`, `text of m${n}`);
          const running: Promise<unknown>[] = [];
          for (const o of list) {
            const id = `m${o.n}`;
            const gate = s.schedule(Promise.resolve(`${o.kind} ${id}`), `${o.kind} ${id}`);
            if (o.kind === "delete") {
              expected.delete(id);
              running.push(gate.then(() => store.deleteThreadItem("thr_s", id, ctx)));
            } else {
              const text = `${o.kind} ${id}`;
              expected.set(id, text);
              const m = message("thr_s", id, at(o.t), text);
              running.push(gate.then(() => (o.kind === "add" ? store.addThreadItem("thr_s", m, ctx) : store.saveItem("thr_s", m, ctx))));
            }
          }
          await s.waitFor(Promise.allSettled(running));
          const results = await Promise.allSettled(running);
          const failed = results.findIndex((r) => r.status === "rejected");
          if (failed >= 0) {
            throw new CheckFailure({ expected: "every concurrent call succeeds", seen: `${list[failed]!.kind} m${list[failed]!.n} threw ${describeError((results[failed] as PromiseRejectedResult).reason)}; schedule: ${s.report().map((r) => r.label).join(" → ")}` });
          }
          const page = await store.loadThreadItems("thr_s", null, 100, "asc", ctx);
          const got = new Map(page.data.map((r) => [(r as { id: string }).id, (r as ReturnType<typeof message>).content[0]!.text]));
          expectEqual(Object.fromEntries([...got].sort()), Object.fromEntries([...expected].sort()), `items after the schedule ${s.report().map((r) => r.label).join(" → ")}`);
        },
        ([s, list]) => [...list.map((o) => `${o.kind} m${o.n}${o.kind === "delete" ? "" : ` @ t${o.t}`}`), `schedule: ${String(s)}`],
      );
    },
  },
  {
    id: "concurrency.same-id-adds",
    statement:
      "parallel addThreadItem calls of one item id with different data and created_at (started in the same tick, a microtask or a macrotask apart) leave exactly one item in both walks, whose data is one of the written versions and whose place is that of one of them",
    rules: ["C-CONCURRENT", "C-ITEM-ADD"],
    requires: ["concurrency"],
    kind: "concurrency",
    async run(env) {
      const { store, contexts } = await env.fresh();
      const [ctx] = contexts;
      for (const [round, start] of [...STARTS, ...STARTS].entries()) {
        const threadId = `thr_dup_${round}`;
        await anchoredThread(store, ctx, threadId);
        const id = `${threadId}_m`;
        const versions = [0, 1, 2, 3].map((k) => message(threadId, id, gapAt((k + round) % 4), `version ${k}`));
        const what = `round ${round + 1}: 4 parallel addThreadItem(${threadId}, ${id}) started ${start}`;
        const results = await race(versions.map((v) => () => store.addThreadItem(threadId, v, ctx)), start);
        expectAllFulfilled(results, versions.map((_, k) => `addThreadItem of version ${k}`), what);
        await expectOneItem(store, ctx, threadId, id, versions, what);
      }
    },
  },
  {
    id: "concurrency.same-id-thread-saves",
    statement:
      "parallel saveThread calls of one new thread id with different data and created_at (same tick, a microtask or a macrotask apart) leave exactly one thread, one of the written versions, listed once at the place of its created_at; deleting it leaves none",
    rules: ["C-CONCURRENT", "C-THREAD-SAVE"],
    requires: ["concurrency"],
    kind: "concurrency",
    async run(env) {
      const { store, contexts } = await env.fresh();
      const [ctx] = contexts;
      const expected: { id: string; created_at: string }[] = [];
      for (const a of ANCHORS) {
        const t = thread(`thr_${a.suffix}`, at(a.seconds));
        await expectOk(() => store.saveThread(t, ctx));
        expected.push(t);
      }
      const list = lister(store, null);
      const inOrder = () => [...expected].sort((a, b) => (referenceMicros(a.created_at)! < referenceMicros(b.created_at)! ? -1 : 1));
      for (const [round, start] of [...STARTS, ...STARTS].entries()) {
        const id = `thr_new_${round}`;
        // every created_at distinct (the round is the µs fraction), so the expected order has no ties
        const versions = [0, 1, 2, 3].map((k) => thread(id, gapAt((k + round) % 4, round + 1), { title: `version ${k}` }));
        const what = `round ${round + 1}: 4 parallel saveThread(${id}) started ${start}`;
        const results = await race(versions.map((v) => () => store.saveThread(v, ctx)), start);
        expectAllFulfilled(results, versions.map((_, k) => `saveThread of version ${k}`), what);
        const page = await expectOk(() => store.loadThreads(100, null, "asc", ctx));
        const copies = idsOf(page).filter((i) => i === id).length;
        if (copies !== 1) throw new CheckFailure({ expected: `${what}: exactly one thread ${JSON.stringify(id)} in loadThreads`, seen: `${copies} in ${describeValue(page)}` });
        const loaded = await expectOk(() => store.loadThread(id, ctx));
        if (!versions.some((v) => jsonEqual(loaded, v))) {
          throw new CheckFailure({ expected: `${what}: loadThread(${id}) is one of the ${versions.length} written versions`, seen: describeValue(loaded) });
        }
        expected.push(loaded);
        await walkRecords(list, ctx, 100, "asc", inOrder(), `${what}: every thread, in created_at order`);
      }
      await walkRecords(list, ctx, 2, "asc", inOrder(), "the threads after every round");
      await walkRecords(list, ctx, 2, "desc", inOrder().reverse(), "the threads after every round");
      for (let round = 0; round < 2 * STARTS.length; round++) {
        await expectOk(() => store.deleteThread(`thr_new_${round}`, ctx));
        await expectNotFound(() => store.loadThread(`thr_new_${round}`, ctx), `loadThread(thr_new_${round}) after deleteThread`);
      }
      await walkRecords(list, ctx, 2, "asc", inOrder().filter((t) => !t.id.startsWith("thr_new_")), "the threads after deleting each raced thread once");
    },
  },
  {
    id: "concurrency.add-races-thread-delete",
    statement:
      "addThreadItem racing deleteThread of its thread (either started first; same tick, a microtask or a macrotask apart; a new item id or an existing one) either fails or is deleted with the thread: afterwards the thread and the item raise NotFoundError, and re-creating the thread id brings back no item",
    rules: ["C-CONCURRENT", "C-DELETE"],
    requires: ["concurrency"],
    kind: "concurrency",
    async run(env) {
      const { store, contexts } = await env.fresh();
      const [ctx] = contexts;
      const rounds: { first: "add" | "delete"; start: Start; existing: boolean }[] = [];
      for (const first of ["add", "delete"] as const) for (const start of STARTS) rounds.push({ first, start, existing: false });
      for (const first of ["add", "delete"] as const) rounds.push({ first, start: "same tick", existing: true });
      for (const [round, { first, start, existing }] of rounds.entries()) {
        const threadId = `thr_race_${round}`;
        const old = [`${threadId}_b`, `${threadId}_a`]; // ids against time order
        await expectOk(() => store.saveThread(thread(threadId, at(0)), ctx));
        for (const [i, id] of old.entries()) await expectOk(() => store.addThreadItem(threadId, message(threadId, id, at(i + 1)), ctx));
        // read first what the race will change, so a cache that the delete or the add does not update shows
        expectEqual(idsOf(await expectOk(() => store.loadThreadItems(threadId, null, 10, "asc", ctx))), old, `round ${round + 1}: the items of ${threadId} before the race`);
        const id = existing ? old[1]! : `${threadId}_new`;
        if (!existing) await expectNotFound(() => store.loadItem(threadId, id, ctx), `round ${round + 1}: loadItem(${threadId}, ${id}) before the race`);
        const add = () => store.addThreadItem(threadId, message(threadId, id, at(3), "the racing add"), ctx);
        const del = () => store.deleteThread(threadId, ctx);
        const results = await race(first === "add" ? [add, del] : [del, add], start);
        const [addResult, delResult] = first === "add" ? results : [results[1]!, results[0]!];
        const label = `round ${round + 1}: addThreadItem(${threadId}, ${existing ? "existing " : ""}${id}) started ${first === "add" ? "before" : "after"} deleteThread(${threadId}), ${start}`;
        if (delResult!.status === "rejected") throw new CheckFailure({ expected: `${label}: deleteThread succeeds`, seen: `it threw ${describeError(delResult!.reason)}` });
        const what = `${label} (the add ${addResult!.status === "fulfilled" ? "succeeded" : "failed"})`;
        await expectNotFound(() => store.loadThread(threadId, ctx), `${what}: loadThread(${threadId})`);
        for (const i of new Set([...old, id])) await expectNotFound(() => store.loadItem(threadId, i, ctx), `${what}: loadItem(${threadId}, ${i})`);
        expectEqual(idsOf(await expectOk(() => store.loadThreadItems(threadId, null, 10, "asc", ctx))), [], `${what}: the items of the deleted thread`);
        await expectOk(() => store.saveThread(thread(threadId, at(0)), ctx));
        expectEqual(idsOf(await expectOk(() => store.loadThreadItems(threadId, null, 10, "asc", ctx))), [], `${what}: the items of ${threadId} re-created (no orphan comes back)`);
        await expectNotFound(() => store.loadItem(threadId, id, ctx), `${what}: loadItem(${threadId}, ${id}) once ${threadId} is re-created`);
      }
    },
  },
  {
    id: "concurrency.save-races-add",
    statement:
      "saveItem racing addThreadItem of one new item id (either started first; same tick, a microtask or a macrotask apart) leaves exactly one item in both walks, one of the two versions, at the place of one of them",
    rules: ["C-CONCURRENT", "C-ITEM-SAVE", "C-ITEM-ADD"],
    requires: ["concurrency"],
    kind: "concurrency",
    async run(env) {
      const { store, contexts } = await env.fresh();
      const [ctx] = contexts;
      let round = 0;
      for (const first of ["saveItem", "addThreadItem"] as const) {
        for (const start of STARTS) {
          const threadId = `thr_sa_${round}`;
          await anchoredThread(store, ctx, threadId);
          const id = `${threadId}_m`;
          const saved = message(threadId, id, gapAt(round % 4), "written by saveItem");
          const added = message(threadId, id, gapAt((round + 2) % 4), "written by addThreadItem");
          const save = () => store.saveItem(threadId, saved, ctx);
          const add = () => store.addThreadItem(threadId, added, ctx);
          const what = `round ${round + 1}: saveItem and addThreadItem of ${threadId}/${id}, ${first} first, started ${start}`;
          const results = await race(first === "saveItem" ? [save, add] : [add, save], start);
          expectAllFulfilled(results, first === "saveItem" ? ["saveItem", "addThreadItem"] : ["addThreadItem", "saveItem"], what);
          await expectOneItem(store, ctx, threadId, id, [saved, added], what);
          round++;
        }
      }
    },
  },
]);
