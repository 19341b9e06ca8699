import * as fc from "fast-check";
import { THREAD_ITEM_TYPES, type ThreadItem, type ThreadItemType } from "../model/items.js";
import type { ThreadMetadata } from "../model/thread.js";
import { arbitraryOf, booleanOf, integerIn, ordered, readConstraints, subsetOf } from "./internal/check.js";
import { RANGE_KEYS, STYLE_KEYS, readRange, readStyle } from "./internal/createdAtSettings.js";
import { MODEL_KEYS, readModel } from "./internal/model.js";
import { FAMILY_SUFFIXES } from "./internal/strings.js";
import { instant, renderTimestamp, timestampStyle } from "./internal/timestamps.js";
import type { CreatedAtConstraints } from "./createdAt.js";
import type { ModelConstraints } from "./constraints.js";
import { id } from "./id.js";
import { scopeKey } from "./scopeKey.js";
import { threadItemOf } from "./threadItem.js";
import { threadMetadataOf } from "./threadMetadata.js";

/** Constraints of {@link dataset}. */
export interface DatasetConstraints extends ModelConstraints {
  /**
   * Fewest scopes (at least 1).
   * @defaultValue 1
   */
  minScopes?: number;
  /**
   * Most scopes.
   * @defaultValue 3
   */
  maxScopes?: number;
  /**
   * Most threads per scope.
   * @defaultValue 4
   */
  maxThreads?: number;
  /**
   * Most items per thread.
   * @defaultValue 6
   */
  maxItems?: number;
  /**
   * Most distinct instants in one dataset. Every thread and item takes its `created_at` from this
   * small set (each written in its own form), so the fewer, the more ties: with the default, a thread
   * of five items always has a tie.
   * @defaultValue 4
   */
  maxInstants?: number;
  /**
   * Derive most scope keys from an earlier one by appending a suffix (`user` → `user:1`, `user%`,
   * `users`), so that scope keys are prefixes of each other. `false` draws every key independently
   * from `scopeKeyArbitrary`. Either way, a key drawn twice is made distinct by appending a suffix.
   * @defaultValue true
   */
  prefixScopes?: boolean;
  /**
   * Item types.
   * @defaultValue every item type: `THREAD_ITEM_TYPES`
   */
  itemTypes?: readonly ThreadItemType[];
  /**
   * Thread and item ids. About one row in four reuses the id of an earlier thread (in another scope)
   * or item (in another thread) instead.
   * @defaultValue `id()`
   */
  idArbitrary?: fc.Arbitrary<string>;
  /**
   * Scope keys.
   * @defaultValue `scopeKey()`
   */
  scopeKeyArbitrary?: fc.Arbitrary<string>;
  /**
   * Range and forms of the `created_at` strings (see {@link CreatedAtConstraints}; `poolSize` biases
   * the instants of one dataset toward a fixed pool, shared between datasets).
   * @defaultValue `{}`
   */
  createdAt?: CreatedAtConstraints;
}

/** A thread of a {@link Dataset}, to be saved in `scope`. */
export interface DatasetThread {
  /** The scope key the thread belongs to (one of `Dataset.scopes`). */
  scope: string;
  /** The thread's metadata, as `saveThread` takes it. */
  thread: ThreadMetadata;
}

/** An item of a {@link Dataset}, to be added to thread `threadId` of `scope`. */
export interface DatasetItem {
  /** The scope key. */
  scope: string;
  /** The id of a thread of that scope, listed earlier in `Dataset.threads`; equals `item.thread_id`. */
  threadId: string;
  /** The item, as `addThreadItem` takes it. */
  item: ThreadItem;
}

/**
 * A random store content, in insertion order. Replay it by saving every thread in order, then
 * adding every item in order (items of different threads and scopes are interleaved). The contract
 * order of a listing (C-ORDER) is then: by `timestampMicros(created_at)`, ties by position in these
 * arrays.
 */
export interface Dataset {
  /** Distinct scope keys; often prefixes of each other. A scope may have no thread. */
  scopes: string[];
  /** Threads in insertion order; `(scope, thread.id)` is unique. The same id may recur in other scopes. */
  threads: DatasetThread[];
  /** Items in insertion order; `(scope, threadId, item.id)` is unique. The same item id may recur in other threads. */
  items: DatasetItem[];
}

const KNOWN = [
  ...MODEL_KEYS,
  "minScopes", "maxScopes", "maxThreads", "maxItems", "maxInstants", "prefixScopes", "itemTypes", "idArbitrary", "scopeKeyArbitrary", "createdAt",
] as const;

const SUFFIXES = FAMILY_SUFFIXES.filter((s) => s.length > 0);

/** Index of an earlier row to reuse the id of, about one time in four, or null. */
const reuse = fc.oneof({ arbitrary: fc.constant(null), weight: 3 }, { arbitrary: fc.nat(), weight: 1 });

/**
 * A random store dataset for paging, ordering and scoping checks (C-PAGE, C-ORDER, C-SCOPE,
 * C-CURSOR): several scopes whose keys are prefixes of each other, threads per scope, and per-thread
 * item lists whose `created_at` values come from a handful of instants, so that tie groups are the
 * rule (each member written in its own form: naive, `Z`, offset, 0–6 digits). Ids are adversarial,
 * and thread ids recur across scopes and item ids across threads, while `(scope, thread id)` and
 * `(scope, thread id, item id)` stay unique. Every thread and item passes the strict validators.
 *
 * Item bodies default to `maxLength: 1` and `maxDepth: 1` to keep datasets light; raise them for
 * round-trip checks.
 *
 * @param constraints - see {@link DatasetConstraints}
 * @returns an arbitrary of {@link Dataset}s (plain data: replay it into any store)
 * @throws {InvalidArgumentError} at once, for a bad constraint: `arb.dataset: maxScopes must be ≥ minScopes (2), got 1`
 * @example
 * ```ts
 * await fc.assert(fc.asyncProperty(arb.dataset(), fc.integer({ min: 1, max: 5 }), async (ds, limit) => {
 *   const store = new InMemoryStore();
 *   for (const { scope, thread } of ds.threads) await store.saveThread(thread, scope);
 *   for (const { scope, threadId, item } of ds.items) await store.addThreadItem(threadId, item, scope);
 *   for (const { scope, thread } of ds.threads) {
 *     const expected = ds.items
 *       .filter((r) => r.scope === scope && r.threadId === thread.id)
 *       .map((r, i) => ({ id: r.item.id, micros: timestampMicros(r.item.created_at), i }))
 *       .sort((a, b) => (a.micros < b.micros ? -1 : a.micros > b.micros ? 1 : a.i - b.i))
 *       .map((r) => r.id);
 *     const seen: string[] = [];
 *     let after: string | null = null;
 *     do {
 *       const page = await store.loadThreadItems(thread.id, after, limit, "asc", scope);
 *       seen.push(...page.data.map((item) => item.id));
 *       after = page.has_more ? page.after : null;
 *     } while (after !== null);
 *     expect(seen).toEqual(expected);
 *   }
 * }), { seed: 42 });
 * ```
 */
export function dataset(constraints: DatasetConstraints = {}): fc.Arbitrary<Dataset> {
  const c = readConstraints("dataset", constraints, KNOWN);
  const minScopes = integerIn("dataset", c, "minScopes", 1, 1, 64);
  const maxScopes = integerIn("dataset", c, "maxScopes", Math.max(3, minScopes), 1, 64);
  ordered("dataset", "minScopes", minScopes, "maxScopes", maxScopes);
  const maxThreads = integerIn("dataset", c, "maxThreads", 4, 0);
  const maxItems = integerIn("dataset", c, "maxItems", 6, 0);
  const maxInstants = integerIn("dataset", c, "maxInstants", 4, 1, 64);
  const prefixScopes = booleanOf("dataset", c, "prefixScopes", true);
  const itemTypes = subsetOf("dataset", c, "itemTypes", THREAD_ITEM_TYPES);
  const ids = arbitraryOf("dataset", c, "idArbitrary", () => id());
  const scopeKeys = arbitraryOf("dataset", c, "scopeKeyArbitrary", () => scopeKey());
  const tc = readConstraints("dataset", c.createdAt, [...STYLE_KEYS, ...RANGE_KEYS], "createdAt.");
  const style = readStyle("dataset", tc, "createdAt.");
  const range = readRange("dataset", tc, style.step, "createdAt.");
  const s = readModel("dataset", { ...c, maxLength: c.maxLength ?? 1, maxDepth: c.maxDepth ?? 1 });

  const styles = timestampStyle(style);
  const instants = fc.uniqueArray(instant(range.min, range.max, style.step, range.poolSize), { minLength: 1, maxLength: maxInstants });
  const scopeSteps = fc.array(
    fc.record({ derive: prefixScopes ? fc.nat(2).map((n) => n > 0) : fc.constant(false), parent: fc.nat(), suffix: fc.constantFrom(...SUFFIXES), fresh: scopeKeys }),
    { minLength: minScopes - 1, maxLength: maxScopes - 1 },
  );
  const scopes = fc.tuple(scopeKeys, scopeSteps).map(([first, steps]) => {
    const out = [first];
    for (const step of steps) {
      let key = step.derive ? out[step.parent % out.length]! + step.suffix : step.fresh;
      while (out.includes(key)) key += step.suffix;
      out.push(key);
    }
    return out;
  });
  const placeholder = fc.constant({ id: "_", thread_id: "_", created_at: "_" });
  const itemRow = fc.record({ id: ids, reuse, instant: fc.nat(), style: styles, order: fc.nat(), body: threadItemOf({ s, base: placeholder }, itemTypes) });
  const threadRows = fc.array(
    fc.record({
      scope: fc.nat(),
      id: ids,
      reuse,
      instant: fc.nat(),
      style: styles,
      meta: threadMetadataOf(s, fc.constant("_"), fc.constant("_")),
      items: fc.array(itemRow, { maxLength: maxItems }),
    }),
    { maxLength: maxScopes * maxThreads },
  );

  return fc.tuple(scopes, instants, threadRows).map(([scopeList, instantList, rows]) => {
    const at = (index: number, st: (typeof rows)[number]["style"]) => renderTimestamp(instantList[index % instantList.length]!, st);
    const threads: DatasetThread[] = [];
    const itemRows: { owner: DatasetThread; row: (typeof rows)[number]["items"][number] }[] = [];
    const threadIds = new Map<string, string[]>();
    for (const r of rows) {
      const scope = scopeList[r.scope % scopeList.length]!;
      const threadId = r.reuse !== null && threads.length > 0 ? threads[r.reuse % threads.length]!.thread.id : r.id;
      const taken = threadIds.get(scope) ?? [];
      if (taken.includes(threadId) || taken.length >= maxThreads) continue;
      taken.push(threadId);
      threadIds.set(scope, taken);
      const owner = { scope, thread: { ...r.meta, id: threadId, created_at: at(r.instant, r.style) } };
      threads.push(owner);
      for (const row of r.items) itemRows.push({ owner, row });
    }
    // Interleave the threads' items: a stable sort on a random key (shrinks toward thread by thread).
    const ordered = itemRows.map((x, i) => ({ ...x, i })).sort((a, b) => a.row.order - b.row.order || a.i - b.i);
    const items: DatasetItem[] = [];
    const itemIds = new Map<DatasetThread, string[]>();
    for (const { owner, row } of ordered) {
      const itemId = row.reuse !== null && items.length > 0 ? items[row.reuse % items.length]!.item.id : row.id;
      const taken = itemIds.get(owner) ?? [];
      if (taken.includes(itemId)) continue;
      taken.push(itemId);
      itemIds.set(owner, taken);
      const item = { ...row.body, id: itemId, thread_id: owner.thread.id, created_at: at(row.instant, row.style) } as ThreadItem;
      items.push({ scope: owner.scope, threadId: owner.thread.id, item });
    }
    return { scopes: scopeList, threads, items };
  });
}
