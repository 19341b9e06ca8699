import * as fc from "fast-check";
import { THREAD_ITEM_TYPES, type ThreadItem, type ThreadItemType } from "../model/items.js";
import { subsetOf } from "./internal/check.js";
import { readItem, registeredItem, type ItemConstraints, type ItemParts } from "./internal/item.js";
import * as ITEMS from "./items.js";

/** Constraints of {@link threadItem}. */
export interface ThreadItemConstraints extends ItemConstraints {
  /**
   * Which item types to generate (each equally likely).
   * @defaultValue every item type: `THREAD_ITEM_TYPES`
   */
  types?: readonly ThreadItemType[];
}

/** One item arbitrary from shared parts per item type. */
type ByType = { readonly [K in ThreadItemType]: (parts: ItemParts) => fc.Arbitrary<ThreadItem> };

type Items = typeof ITEMS;
/** The `type` of the items an arbitrary of `items.ts` generates (`never` for one that is not of items). */
type TypeOf<K extends keyof Items> = ReturnType<Items[K]> extends fc.Arbitrary<infer I extends ThreadItem> ? I["type"] : never;
type Listed = { [K in keyof Items]: TypeOf<K> }[keyof Items];
/** Arbitraries of `items.ts` that generate no item type. */
type NotItems = { [K in keyof Items]: [TypeOf<K>] extends [never] ? K : never }[keyof Items];
/** Arbitraries of `items.ts` that generate the same type as another one of the list. */
type Twins = { [K in keyof Items]: { [J in Exclude<keyof Items, K>]: [TypeOf<J>] extends [never] ? never : TypeOf<J> extends TypeOf<K> ? J : never }[Exclude<keyof Items, K>] }[keyof Items];
type Assert<T extends true> = T;
/**
 * The list in `items.ts` has exactly one arbitrary per `ThreadItemType` and nothing else: a new item type
 * without an arbitrary there fails to compile HERE, naming the type (`missing`), and so does a second
 * arbitrary of one type (`twins`) or an arbitrary of something else (`notItems`).
 */
type _ItemArbitrariesCoverEveryType = Assert<
  [Exclude<ThreadItemType, Listed>, NotItems, Twins] extends [never, never, never]
    ? true
    : { missing: Exclude<ThreadItemType, Listed>; notItems: NotItems & string; twins: Twins & string }
>;

let byType: ByType | undefined;

/** The builder of each type, from what each arbitrary of `items.ts` registered (`defineItem`); on first use. */
function builders(): ByType {
  if (byType === undefined) {
    const table: Record<string, unknown> = Object.create(null);
    for (const arbitrary of Object.values(ITEMS)) {
      const { type, of } = registeredItem(arbitrary);
      table[type] = of;
    }
    byType = table as ByType;
  }
  return byType;
}

/** Items of the given types, drawn in the order of `types` (`THREAD_ITEM_TYPES` by default). @internal */
export function threadItemOf(parts: ItemParts, types: readonly ThreadItemType[] = THREAD_ITEM_TYPES): fc.Arbitrary<ThreadItem> {
  const table = builders();
  return fc.oneof(...types.map((t) => table[t](parts)));
}

/** Reads {@link ThreadItemConstraints} for arbitrary `name`. @internal */
export function readThreadItem(name: string, constraints: unknown) {
  const { c, s, base } = readItem(name, constraints, ["types"]);
  return { s, base, types: subsetOf(name, c, "types", THREAD_ITEM_TYPES) };
}

/**
 * Any thread item (every variant of docs/upstream.md §2.4, C-WIRE), each with optional fields
 * sometimes absent, sometimes `null` (where the model allows) and sometimes set, adversarial ids
 * and text, free-form JSON with `__proto__`-style keys, and every `created_at` form. Every value
 * passes `parseThreadItem`.
 *
 * @param constraints - see {@link ThreadItemConstraints}
 * @returns an arbitrary of thread items
 * @throws {InvalidArgumentError} at once, for a bad constraint: `arb.threadItem: maxLength must be an integer ≥ 0, got -1`
 * @example
 * ```ts
 * // C-ROUNDTRIP for every item variant
 * await fc.assert(fc.asyncProperty(arb.threadItem({ threadId: "thr_1" }), async (item) => {
 *   const store = new InMemoryStore();
 *   await store.saveThread({ id: "thr_1", created_at: "2026-01-01T00:00:00Z" }, "u1");
 *   await store.addThreadItem("thr_1", item, "u1");
 *   expect(await store.loadItem("thr_1", item.id, "u1")).toEqual(item);
 * }), { seed: 42 });
 * ```
 */
export function threadItem(constraints: ThreadItemConstraints = {}): fc.Arbitrary<ThreadItem> {
  const { s, base, types } = readThreadItem("threadItem", constraints);
  return threadItemOf({ s, base }, types);
}
