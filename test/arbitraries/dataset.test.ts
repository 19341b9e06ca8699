import * as fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InMemoryStore, timestampMicros, type Order } from "chatkit-testkit";
import { SEED, arb } from "./arb.js";
import { itemsOf, threadsOf, walkIds } from "../support/stores.js";
import type { Dataset } from "../../src/arbitraries/index.js";

/** Ids of `rows` in contract order (C-ORDER): by instant, ties by insertion. */
function contractOrder(rows: readonly { id: string; created_at: string }[]): string[] {
  return rows
    .map((r, i) => ({ id: r.id, micros: timestampMicros(r.created_at), i }))
    .sort((a, b) => (a.micros < b.micros ? -1 : a.micros > b.micros ? 1 : a.i - b.i))
    .map((r) => r.id);
}

const key = (...parts: string[]) => JSON.stringify(parts);

function tieGroups(ds: Dataset): string[][] {
  const groups = new Map<string, string[]>();
  for (const { scope, threadId, item } of ds.items) {
    const k = key(scope, threadId, String(timestampMicros(item.created_at)));
    groups.set(k, [...(groups.get(k) ?? []), item.created_at]);
  }
  return [...groups.values()].filter((g) => g.length > 1);
}

describe("arb.dataset", () => {
  it("C-SCOPE: identities are unique, every item's thread was saved earlier in its scope, caps hold", () => {
    const c = { maxScopes: 3, maxThreads: 3, maxItems: 4, maxInstants: 2 };
    fc.assert(
      fc.property(arb.dataset(c), (ds) => {
        expect(new Set(ds.scopes).size).toBe(ds.scopes.length);
        expect(ds.scopes.length).toBeGreaterThanOrEqual(1);
        expect(ds.scopes.length).toBeLessThanOrEqual(3);
        const threads = ds.threads.map((t) => key(t.scope, t.thread.id));
        expect(new Set(threads).size).toBe(threads.length);
        for (const s of ds.scopes) expect(ds.threads.filter((t) => t.scope === s).length).toBeLessThanOrEqual(3);
        for (const t of ds.threads) expect(ds.scopes).toContain(t.scope);
        const items = ds.items.map((i) => key(i.scope, i.threadId, i.item.id));
        expect(new Set(items).size).toBe(items.length);
        for (const i of ds.items) {
          expect(threads).toContain(key(i.scope, i.threadId));
          expect(i.item.thread_id).toBe(i.threadId);
        }
        for (const t of threads) expect(ds.items.filter((i) => key(i.scope, i.threadId) === t).length).toBeLessThanOrEqual(4);
        const instants = new Set([...ds.threads.map((t) => t.thread.created_at), ...ds.items.map((i) => i.item.created_at)].map(timestampMicros));
        expect(instants.size).toBeLessThanOrEqual(2);
      }),
      { seed: SEED, numRuns: 200 },
    );
  });

  it("C-ORDER, C-SCOPE: over 200 samples, tie groups, prefix scopes and reused ids all occur", () => {
    const samples = fc.sample(arb.dataset(), { seed: SEED, numRuns: 200 });
    const count = (p: (ds: Dataset) => boolean) => samples.filter(p).length;
    // a tie group inside one thread, written in at least two different forms
    expect(count((ds) => tieGroups(ds).length > 0)).toBeGreaterThan(20);
    expect(count((ds) => tieGroups(ds).some((g) => new Set(g).size > 1))).toBeGreaterThan(20);
    // scope keys that are prefixes of each other
    expect(count((ds) => ds.scopes.some((a) => ds.scopes.some((b) => a !== b && b.startsWith(a))))).toBeGreaterThan(20);
    // one thread id in two scopes; one item id in two threads
    expect(count((ds) => new Set(ds.threads.map((t) => t.thread.id)).size < ds.threads.length)).toBeGreaterThan(10);
    expect(count((ds) => new Set(ds.items.map((i) => i.item.id)).size < ds.items.length)).toBeGreaterThan(10);
    // thread ids that are prefixes of each other within one scope
    expect(
      count((ds) => ds.threads.some((a) => ds.threads.some((b) => a.scope === b.scope && a.thread.id !== b.thread.id && b.thread.id.startsWith(a.thread.id)))),
    ).toBeGreaterThan(5);
    // items of different threads are interleaved in insertion order
    expect(count((ds) => ds.items.some((x, i) => i > 1 && x.threadId !== ds.items[i - 1]!.threadId && ds.items.slice(0, i - 1).some((y) => y.threadId === x.threadId)))).toBeGreaterThan(10);
    // minScopes forces several scopes
    for (const ds of fc.sample(arb.dataset({ minScopes: 3, maxScopes: 3 }), { seed: SEED, numRuns: 50 })) expect(ds.scopes).toHaveLength(3);
  });

  it("prefixScopes: false draws scope keys independently", () => {
    const samples = fc.sample(arb.dataset({ minScopes: 3, prefixScopes: false, scopeKeyArbitrary: fc.constantFrom("x", "y", "z", "w") }), { seed: SEED, numRuns: 100 });
    // a key drawn twice gets a suffix; no key is derived from another one
    for (const ds of samples) for (const s of ds.scopes) expect("xyzw").toContain(s[0]);
    expect(samples.some((ds) => ds.scopes.every((s) => s.length === 1))).toBe(true);
  });

  it("C-PAGE, C-ORDER, C-SCOPE: replayed into InMemoryStore, every walk returns the contract order", async () => {
    const walk = (store: InMemoryStore, threadId: string | null, scope: string, limit: number, order: Order) =>
      walkIds(threadId === null ? threadsOf(store, scope) : itemsOf(store, threadId, scope), limit, order);
    await fc.assert(
      fc.asyncProperty(arb.dataset(), fc.integer({ min: 1, max: 4 }), async (ds, limit) => {
        const store = new InMemoryStore();
        for (const { scope, thread } of ds.threads) await store.saveThread(thread, scope);
        for (const { scope, threadId, item } of ds.items) await store.addThreadItem(threadId, item, scope);
        for (const scope of ds.scopes) {
          const threads = contractOrder(ds.threads.filter((t) => t.scope === scope).map((t) => t.thread));
          expect(await walk(store, null, scope, limit, "asc")).toEqual(threads);
          expect(await walk(store, null, scope, limit, "desc")).toEqual([...threads].reverse());
        }
        for (const { scope, thread } of ds.threads) {
          const items = contractOrder(ds.items.filter((i) => i.scope === scope && i.threadId === thread.id).map((i) => i.item));
          expect(await walk(store, thread.id, scope, limit, "asc")).toEqual(items);
          expect(await walk(store, thread.id, scope, limit, "desc")).toEqual([...items].reverse());
        }
      }),
      { seed: SEED, numRuns: 60 },
    );
  });
});
