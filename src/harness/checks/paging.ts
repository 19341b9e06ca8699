import * as fc from "fast-check";
import * as arb from "../../arbitraries/index.js";
import { defineChecks } from "../Check.js";
import { expectEqual, expectOk, idsOf } from "../expect.js";
import { checkProperty } from "../property.js";
import { referenceMicros } from "../reference/ReferenceStore.js";
import { at, lister, message, thread, walkAndCheck, walkEveryLimit } from "./support.js";

/**
 * A dataset with tie groups of three at the first, middle and last positions:
 * a b c (t0) · d (t1) · e f g (t2) · h (t3) · i j k (t4.5)
 * The members of each tie group spell their one instant differently (naive, `Z`, `+00:00`, `+01:00`,
 * `-05:00`, 0, 1, 3 or 6 fractional digits), so only a store that compares instants keeps them a tie.
 */
const TIED: [string, string][] = [
  ["a", "2026-03-01T10:00:00"], ["b", "2026-03-01T11:00:00+01:00"], ["c", "2026-03-01T10:00:00.000000Z"],
  ["d", "2026-03-01T10:00:01Z"],
  ["e", "2026-03-01T05:00:02-05:00"], ["f", "2026-03-01T10:00:02Z"], ["g", "2026-03-01T10:00:02.000+00:00"],
  ["h", "2026-03-01T10:00:03.000000Z"],
  ["i", "2026-03-01T10:00:04.5Z"], ["j", "2026-03-01T11:00:04.500+01:00"], ["k", "2026-03-01T05:00:04.500000-05:00"],
];

/** Contract order of rows given in insertion order: by instant, then insertion (independent of the stores). */
function contractOrder<R>(rows: readonly R[], createdAt: (r: R) => string): R[] {
  return rows
    .map((r, i) => ({ r, i, micros: referenceMicros(createdAt(r))! }))
    .sort((a, b) => (a.micros < b.micros ? -1 : a.micros > b.micros ? 1 : a.i - b.i))
    .map((x) => x.r);
}

/** Rows in the collections walked at realistic sizes: well past the batch sizes of common stores (100, 1,000). */
const LARGE = 1_500;
/** Limits for the large walks: either side of 100, past 1,000 (so a cursor sits beyond the first 1,000 rows), and one page larger than the collection. */
const LARGE_LIMITS = [99, 101, 1_001, 10_000] as const;

/**
 * {@link LARGE} rows in insertion order, as `[id, created_at]`: ids are a scramble of the row number (their
 * lexical order is neither time order nor its reverse); created_at mostly grows, with µs fractions below a
 * millisecond, tie groups of three every 50 rows (first, middle and last positions among them), and a late
 * arrival every 97 rows (a row whose created_at is half a minute older than its neighbours').
 */
function largeDataset(prefix: string): [string, string][] {
  const rows: [string, string][] = [];
  for (let i = 0; i < LARGE; i++) {
    const id = `${prefix}_${String((i * 617) % LARGE).padStart(4, "0")}`; // 617 is prime to 1,500: a permutation
    // tie groups of three: rows 0-2 (the first positions), 50-52, 100-102, … (750-752 in the middle) and the last three
    const group = i >= LARGE - 3 ? LARGE - 3 : i % 50 < 3 ? i - (i % 50) : i;
    const late = i % 97 === 96;
    rows.push([id, late ? at(i - 30, 250_500) : at(group, (group * 37) % 1000)]);
  }
  return rows;
}

/** Rows of about `bytes` UTF-8 bytes each: text with multi-byte characters, different in every row. */
function bulkyText(n: number, bytes: number): string {
  const unit = `row ${n} · ünïcødé ✓ 😀 `;
  return unit.repeat(Math.ceil(bytes / new TextEncoder().encode(unit).length));
}

/** C-PAGE: exact pages, exactly-once walks. */
export const checks = defineChecks("paging", [
  {
    id: "paging.items-ties-every-limit",
    statement:
      "with tie groups at the first, middle and last positions, each group's members spelling one instant differently (naive, Z, +00:00, +01:00, -05:00, 0 to 6 fractional digits), a walk of a thread's items visits every row exactly once, in order, for every limit 1..n+1 in both orders, with exact has_more and after",
    rules: ["C-PAGE", "C-ORDER"],
    kind: "example",
    async run(env) {
      const { store, contexts } = await env.fresh();
      const [ctx] = contexts;
      await expectOk(() => store.saveThread(thread("thr_p", at(0)), ctx));
      // inserted out of id order inside each tie group, so "order by id" cannot pass
      const insertion = [TIED[2]!, TIED[0]!, TIED[1]!, ...TIED.slice(3)];
      for (const [id, ts] of insertion) await expectOk(() => store.addThreadItem("thr_p", message("thr_p", id, ts), ctx));
      await walkEveryLimit(lister(store, "thr_p"), ctx, insertion.map(([id]) => id), "items of thr_p");
    },
  },
  {
    id: "paging.threads-ties-every-limit",
    statement:
      "with tie groups at the first, middle and last positions, each group's members spelling one instant differently (naive, Z, +00:00, +01:00, -05:00, 0 to 6 fractional digits), a walk of loadThreads visits every thread exactly once, in order, for every limit 1..n+1 in both orders, with exact has_more and after",
    rules: ["C-PAGE", "C-ORDER"],
    kind: "example",
    async run(env) {
      const { store, contexts } = await env.fresh();
      const [ctx] = contexts;
      const insertion = [TIED[1]!, TIED[2]!, TIED[0]!, ...TIED.slice(3, 5), TIED[6]!, TIED[5]!, ...TIED.slice(7)];
      for (const [id, ts] of insertion) await expectOk(() => store.saveThread(thread(id, ts), ctx));
      await walkEveryLimit(lister(store, null), ctx, insertion.map(([id]) => id), "threads");
    },
  },
  {
    id: "paging.exclusive-cursor",
    statement:
      "`after` is exclusive: a page after X never contains X, and starts with the row that follows X; after the last row of the listing the page is empty (has_more false, after null), for items and threads in both orders",
    rules: ["C-PAGE", "C-CURSOR"],
    kind: "example",
    async run(env) {
      const { store, contexts } = await env.fresh();
      const [ctx] = contexts;
      await expectOk(() => store.saveThread(thread("thr_x", at(0)), ctx));
      for (let i = 1; i <= 5; i++) await expectOk(() => store.addThreadItem("thr_x", message("thr_x", `msg${i}`, at(i)), ctx));
      const pageAfter = async (list: ReturnType<typeof lister<typeof ctx>>, after: string, limit: number, order: "asc" | "desc", want: { ids: string[]; has_more: boolean; after: string | null }, what: string) => {
        const page = await expectOk(() => list(after, limit, order, ctx), what);
        expectEqual({ ids: idsOf(page), has_more: page.has_more, after: page.after ?? null }, want, what);
      };
      const items = lister(store, "thr_x");
      await pageAfter(items, "msg1", 3, "asc", { ids: ["msg2", "msg3", "msg4"], has_more: true, after: "msg4" }, 'the page after "msg1" (asc, limit 3)');
      await pageAfter(items, "msg3", 5, "desc", { ids: ["msg2", "msg1"], has_more: false, after: null }, 'the page after "msg3" (desc, limit 5)');
      await pageAfter(items, "msg5", 2, "asc", { ids: [], has_more: false, after: null }, 'the page after the last row, "msg5" (asc, limit 2)');
      await pageAfter(items, "msg1", 2, "desc", { ids: [], has_more: false, after: null }, 'the page after the last row in desc, "msg1" (limit 2)');
      // threads: ids against time order
      await expectOk(() => store.saveThread(thread("thr_w", at(1)), ctx));
      await expectOk(() => store.saveThread(thread("thr_v", at(2)), ctx));
      const threads = lister(store, null);
      await pageAfter(threads, "thr_x", 1, "asc", { ids: ["thr_w"], has_more: true, after: "thr_w" }, 'the threads after "thr_x" (asc, limit 1)');
      await pageAfter(threads, "thr_v", 2, "desc", { ids: ["thr_w", "thr_x"], has_more: false, after: null }, 'the threads after "thr_v" (desc, limit 2)');
      await pageAfter(threads, "thr_v", 2, "asc", { ids: [], has_more: false, after: null }, 'the threads after the last one, "thr_v" (asc, limit 2)');
      await pageAfter(threads, "thr_x", 2, "desc", { ids: [], has_more: false, after: null }, 'the threads after the last one in desc, "thr_x" (limit 2)');
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
      for (let i = 1; i <= 3; i++) await expectOk(() => store.saveThread(thread(`thr${i}`, at(i)), ctx));
      const all = await expectOk(() => store.loadThreads(3, null, "asc", ctx));
      expectEqual({ ids: idsOf(all), has_more: all.has_more, after: all.after ?? null }, { ids: ["thr1", "thr2", "thr3"], has_more: false, after: null }, "one full page");
      const two = await expectOk(() => store.loadThreads(2, null, "asc", ctx));
      expectEqual({ ids: idsOf(two), has_more: two.has_more, after: two.after ?? null }, { ids: ["thr1", "thr2"], has_more: true, after: "thr2" }, "the first of two pages");
    },
  },
  {
    id: "paging.items-past-batch-sizes",
    statement: "a thread of 1,500 items (ids whose lexical order is not time order, tie groups, late arrivals) is walked exactly — every row once, in order, full pages of min(limit, remaining) rows, exact has_more and after — with limits 99, 101, 1,001 and 10,000 (one page of all 1,500, has_more false) in both orders: no internal batch of 100 or 1,000 rows caps a page or a cursor lookup",
    rules: ["C-PAGE", "C-CURSOR"],
    kind: "example",
    async run(env) {
      const { store, contexts } = await env.fresh();
      const [ctx] = contexts;
      await expectOk(() => store.saveThread(thread("thr_large", at(-60)), ctx));
      const rows = largeDataset("msg");
      for (const [id, ts] of rows) await expectOk(() => store.addThreadItem("thr_large", message("thr_large", id, ts), ctx));
      const asc = contractOrder(rows, ([, ts]) => ts).map(([id]) => id);
      for (const limit of LARGE_LIMITS) {
        await walkAndCheck(lister(store, "thr_large"), ctx, limit, "asc", asc, `the ${LARGE} items of thr_large`);
        await walkAndCheck(lister(store, "thr_large"), ctx, limit, "desc", [...asc].reverse(), `the ${LARGE} items of thr_large`);
      }
    },
  },
  {
    id: "paging.threads-past-batch-sizes",
    statement: "a scope of 1,500 threads (ids whose lexical order is not time order, tie groups, late arrivals) is walked exactly by loadThreads — every thread once, in order, full pages of min(limit, remaining) rows, exact has_more and after — with limits 99, 101, 1,001 and 10,000 (one page of all 1,500, has_more false) in both orders: no internal batch of 100 or 1,000 rows caps a page or a cursor lookup",
    rules: ["C-PAGE", "C-CURSOR"],
    kind: "example",
    async run(env) {
      const { store, contexts } = await env.fresh();
      const [ctx] = contexts;
      const rows = largeDataset("thr");
      for (const [id, ts] of rows) await expectOk(() => store.saveThread(thread(id, ts), ctx));
      const asc = contractOrder(rows, ([, ts]) => ts).map(([id]) => id);
      for (const limit of LARGE_LIMITS) {
        await walkAndCheck(lister(store, null), ctx, limit, "asc", asc, `the ${LARGE} threads`);
        await walkAndCheck(lister(store, null), ctx, limit, "desc", [...asc].reverse(), `the ${LARGE} threads`);
      }
    },
  },
  {
    id: "paging.megabyte-pages",
    statement: "pages whose rows add up to more than 1 MB (12 items and 12 threads of about 100 kB each, 1.2 MB a collection) are full: a page of every row holds them all, has_more false, whatever their size, in both orders (no page cut short at 1 MB of data)",
    rules: ["C-PAGE"],
    kind: "example",
    async run(env) {
      const { store, contexts } = await env.fresh();
      const [ctx] = contexts;
      const count = 12;
      const bytes = 100_000;
      await expectOk(() => store.saveThread(thread("thr_bulky", at(-60)), ctx));
      const ids: string[] = [];
      for (let i = 0; i < count; i++) {
        const id = `bulky_${String((i * 7) % count).padStart(2, "0")}`; // a scramble: ids against time order
        ids.push(id);
        await expectOk(() => store.addThreadItem("thr_bulky", message("thr_bulky", id, at(i), bulkyText(i, bytes)), ctx));
        await expectOk(() => store.saveThread(thread(id, at(i), { metadata: { notes: bulkyText(i, bytes) } }), ctx));
      }
      const threads = ["thr_bulky", ...ids];
      // one page of every row: 1.2 MB of data
      for (const order of ["asc", "desc"] as const) {
        await walkAndCheck(lister(store, "thr_bulky"), ctx, count + 1, order, order === "asc" ? ids : [...ids].reverse(), `${count} items of ${bytes / 1000} kB`);
        await walkAndCheck(lister(store, null), ctx, count + 2, order, order === "asc" ? threads : [...threads].reverse(), `${count + 1} threads, ${count} of them of ${bytes / 1000} kB`);
      }
    },
  },
  {
    id: "paging.walk-property",
    statement: "for random datasets (tie groups, every created_at form, adversarial ids and scope keys), every walk visits each row exactly once in contract order, desc is the reverse of asc, has_more/after are exact",
    rules: ["C-PAGE", "C-ORDER", "C-CURSOR", "C-SCOPE"],
    kind: "property",
    async run(env) {
      const probe = await env.fresh();
      // Scope keys come from the dataset when the harness builds contexts; with fixed contexts, one each.
      const maxScopes = !env.capabilities.scoping ? 1 : probe.contextFor ? 3 : Math.min(probe.contexts.length, 3);
      const input = fc.record({
        data: arb.dataset({ maxScopes, maxThreads: 3, maxItems: 7 }),
        limits: fc.uniqueArray(fc.integer({ min: 1, max: 8 }), { minLength: 1, maxLength: 3 }),
      });
      let first = true;
      await checkProperty(
        env,
        input,
        async ({ data, limits }) => {
          const fixture = first ? probe : await env.fresh();
          first = false;
          const { store } = fixture;
          const contextOf = new Map(await Promise.all(data.scopes.map(async (key, i) => [key, fixture.contextFor ? await fixture.contextFor(key) : fixture.contexts[i]!] as const)));
          for (const { scope, thread } of data.threads) await expectOk(() => store.saveThread(thread, contextOf.get(scope)!));
          for (const { scope, threadId, item } of data.items) await expectOk(() => store.addThreadItem(threadId, item, contextOf.get(scope)!));
          for (const scope of data.scopes) {
            const ctx = contextOf.get(scope)!;
            const where = `scope ${JSON.stringify(scope)}`;
            const threads = contractOrder(data.threads.filter((t) => t.scope === scope), (t) => t.thread.created_at).map((t) => t.thread.id);
            for (const limit of limits) {
              await walkAndCheck(lister(store, null), ctx, limit, "asc", threads, `threads of ${where}`);
              await walkAndCheck(lister(store, null), ctx, limit, "desc", [...threads].reverse(), `threads of ${where}`);
            }
            for (const threadId of threads) {
              const ids = contractOrder(data.items.filter((i) => i.scope === scope && i.threadId === threadId), (i) => i.item.created_at).map((i) => i.item.id);
              for (const limit of limits) {
                await walkAndCheck(lister(store, threadId), ctx, limit, "asc", ids, `items of ${JSON.stringify(threadId)} in ${where}`);
                await walkAndCheck(lister(store, threadId), ctx, limit, "desc", [...ids].reverse(), `items of ${JSON.stringify(threadId)} in ${where}`);
              }
            }
          }
        },
        ({ data, limits }) => [
          ...data.threads.map((t) => `saveThread({ id: ${JSON.stringify(t.thread.id)}, created_at: "${t.thread.created_at}" }) @${JSON.stringify(t.scope)}`),
          ...data.items.map((i) => `addThreadItem(${JSON.stringify(i.threadId)}, { id: ${JSON.stringify(i.item.id)}, created_at: "${i.item.created_at}" }) @${JSON.stringify(i.scope)}`),
          `walk every listing with limits ${limits.join(", ")} in both orders`,
        ],
      );
    },
  },
]);
