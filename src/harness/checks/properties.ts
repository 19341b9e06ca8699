import * as fc from "fast-check";
import type { Check } from "../Check.js";
import { expectOk } from "../expect.js";
import { checkProperty } from "../property.js";
import { referenceMicros } from "../reference/ReferenceStore.js";
import { TIMESTAMP_POOL } from "../reference/commands.js";
import { lister, message, thread, walkAndCheck } from "./support.js";

/** Adversarial ids: prefixes of each other, LIKE/glob metacharacters, quotes, unicode. */
const ID_PARTS = ["a", "ab", "a%", "a_", "a*", "a:b", "'", "\"", "ü", "😀", "A"] as const;

interface Row { scope: number; thread: string; id: string; created_at: string }

const datasetArb = (scopes: number) =>
  fc
    .record({
      threads: fc.uniqueArray(fc.record({ scope: fc.nat({ max: scopes - 1 }), id: fc.constantFrom(...ID_PARTS).map((p) => `t${p}`), created_at: fc.constantFrom(...TIMESTAMP_POOL) }), {
        minLength: 1,
        maxLength: 5,
        selector: (t) => `${t.scope}\u0000${t.id}`,
      }),
      items: fc.array(fc.record({ pick: fc.nat(), id: fc.constantFrom(...ID_PARTS).map((p) => `m${p}`), created_at: fc.constantFrom(...TIMESTAMP_POOL) }), { maxLength: 30 }),
      limits: fc.uniqueArray(fc.integer({ min: 1, max: 8 }), { minLength: 1, maxLength: 3 }),
    })
    .map(({ threads, items, limits }) => {
      const rows: Row[] = [];
      const seen = new Set<string>();
      for (const it of items) {
        const t = threads[it.pick % threads.length]!;
        const key = `${t.scope}\u0000${t.id}\u0000${it.id}`;
        if (seen.has(key)) continue; // one row per (scope, thread, id): re-adds are the model-based check's job
        seen.add(key);
        rows.push({ scope: t.scope, thread: t.id, id: it.id, created_at: it.created_at });
      }
      return { threads, rows, limits };
    });

/** Contract order of rows given in insertion order: by instant, then insertion. */
function contractOrder<R extends { created_at: string }>(rows: readonly R[]): R[] {
  return rows
    .map((r, i) => ({ r, i, micros: referenceMicros(r.created_at)! }))
    .sort((a, b) => (a.micros < b.micros ? -1 : a.micros > b.micros ? 1 : a.i - b.i))
    .map((x) => x.r);
}

/** Property-based paging: random datasets, every limit, both orders. */
export const propertyChecks: Check[] = [
  {
    id: "paging.walk-property",
    statement: "for random datasets (tie groups, every created_at form, adversarial ids and scopes), every walk visits each row exactly once in contract order, desc is the reverse of asc, has_more/after are exact",
    rules: ["C-PAGE", "C-ORDER", "C-CURSOR", "C-SCOPE"],
    kind: "property",
    async run(env) {
      const probe = await env.fresh();
      const scopes = env.capabilities.scoping ? Math.min(probe.contexts.length, 3) : 1;
      let first = true;
      await checkProperty(
        env,
        datasetArb(scopes),
        async ({ threads, rows, limits }) => {
          const { store, contexts } = first ? probe : await env.fresh();
          first = false;
          for (const t of threads) await expectOk(() => store.saveThread(thread(t.id, t.created_at) as never, contexts[t.scope]!), `saveThread(${JSON.stringify(t.id)})`);
          for (const r of rows) await expectOk(() => store.addThreadItem(r.thread, message(r.thread, r.id, r.created_at) as never, contexts[r.scope]!), `addThreadItem(${JSON.stringify(r.thread)}, ${JSON.stringify(r.id)})`);
          for (let s = 0; s < scopes; s++) {
            const scopeThreads = contractOrder(threads.filter((t) => t.scope === s)).map((t) => t.id);
            for (const limit of limits) {
              await walkAndCheck(lister(store, null), contexts[s]!, limit, "asc", scopeThreads, `threads of scope ${"ABC"[s]}`);
              await walkAndCheck(lister(store, null), contexts[s]!, limit, "desc", [...scopeThreads].reverse(), `threads of scope ${"ABC"[s]}`);
            }
            for (const t of threads.filter((x) => x.scope === s)) {
              const ids = contractOrder(rows.filter((r) => r.scope === s && r.thread === t.id)).map((r) => r.id);
              for (const limit of limits) {
                await walkAndCheck(lister(store, t.id), contexts[s]!, limit, "asc", ids, `items of ${JSON.stringify(t.id)} @${"ABC"[s]}`);
                await walkAndCheck(lister(store, t.id), contexts[s]!, limit, "desc", [...ids].reverse(), `items of ${JSON.stringify(t.id)} @${"ABC"[s]}`);
              }
            }
          }
        },
        ({ threads, rows, limits }) => [
          ...threads.map((t) => `saveThread({ id: ${JSON.stringify(t.id)}, created_at: "${t.created_at}" }) @${"ABC"[t.scope]}`),
          ...rows.map((r) => `addThreadItem(${JSON.stringify(r.thread)}, { id: ${JSON.stringify(r.id)}, created_at: "${r.created_at}" }) @${"ABC"[r.scope]}`),
          `walk every listing with limits ${limits.join(", ")} in both orders`,
        ],
      );
    },
  },
];
