import * as fc from "fast-check";
import { CheckFailure, defineChecks } from "../Check.js";
import { describeError, expectEqual, expectOk, idsOf } from "../expect.js";
import { checkProperty } from "../property.js";
import { referenceMicros } from "../reference/ReferenceStore.js";
import { at, lister, message, thread } from "./support.js";

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
    statement: "parallel saveThread, addThreadItem, saveItem and deleteThreadItem calls on distinct ids lose no write",
    rules: ["C-CONCURRENT"],
    requires: ["concurrency"],
    kind: "concurrency",
    async run(env) {
      const { store, contexts } = await env.fresh();
      const [ctx] = contexts;
      for (const t of ["thr_1", "thr_2"]) await expectOk(() => store.saveThread(thread(t, at(0)), ctx));
      for (let i = 0; i < 10; i++) await expectOk(() => store.addThreadItem("thr_1", message("thr_1", `old_${i}`, at(i)), ctx));
      const calls: Promise<unknown>[] = [];
      for (let i = 0; i < 10; i++) calls.push(store.saveThread(thread(`thr_new_${i}`, at(i % 3)), ctx));
      for (let i = 0; i < 10; i++) calls.push(store.addThreadItem("thr_2", message("thr_2", `new_${i}`, at(i % 4)), ctx));
      for (let i = 0; i < 5; i++) calls.push(store.saveItem("thr_1", message("thr_1", `old_${i}`, at(i), `updated ${i}`), ctx));
      for (let i = 5; i < 10; i++) calls.push(store.deleteThreadItem("thr_1", `old_${i}`, ctx));
      const results = await Promise.allSettled(calls);
      const failed = results.findIndex((r) => r.status === "rejected");
      if (failed >= 0) throw new CheckFailure({ expected: "every parallel call succeeds", seen: `call ${failed} threw ${describeError((results[failed] as PromiseRejectedResult).reason)}` });
      const threads = await walkIds(lister(store, null), ctx, "asc");
      expectEqual([...threads].sort(), ["thr_1", "thr_2", ...Array.from({ length: 10 }, (_, i) => `thr_new_${i}`)].sort(), "every thread after parallel saves");
      expectEqual((await walkIds(lister(store, "thr_2"), ctx, "asc")).sort(), Array.from({ length: 10 }, (_, i) => `new_${i}`).sort(), "every item of thr_2");
      const thr1 = await store.loadThreadItems("thr_1", null, 20, "asc", ctx);
      expectEqual(thr1.data, Array.from({ length: 5 }, (_, i) => message("thr_1", `old_${i}`, at(i), `updated ${i}`)), "thr_1: 5 updated items, 5 deleted");
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
          const expected = new Map<string, string>();
          for (let n = 0; n < 6; n++) expected.set(`m${n}`, `text of m${n}`);
          const running: Promise<unknown>[] = [];
          for (const o of list) {
            const id = `m${o.n}`;
            const gate = s.schedule(Promise.resolve(`${o.kind} ${id}`));
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
]);
