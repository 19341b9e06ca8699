/**
 * What every item arbitrary shares: the constraints for `id`, `thread_id` and `created_at`, the
 * assembly of `{ type, id, thread_id, created_at, …fields }`, and the registry that maps each public
 * item arbitrary to its type and its builder from shared parts (read by `threadItem.ts`).
 * @internal
 */
import * as fc from "fast-check";
import { prefixed } from "../../errors/render.js";
import type { ThreadItem, ThreadItemType } from "../../model/items.js";
import { createdAt } from "../createdAt.js";
import { id } from "../id.js";
import { arbitraryOf, nonEmptyStringOf } from "./check.js";
import { readModelConstraints, type ModelSettings } from "./model.js";
import type { ItemConstraints } from "../constraints.js";

export type { ItemConstraints };

/** The three fields every item has. @internal */
export interface ItemBase {
  id: string;
  thread_id: string;
  created_at: string;
}

/** Keys of {@link ItemConstraints} beyond the model keys. @internal */
export const ITEM_KEYS = ["threadId", "idArbitrary", "createdAtArbitrary"] as const;

/** Reads item constraints (plus `extra` keys) for arbitrary `name`. @internal */
export function readItem(name: string, constraints: unknown, extra: readonly string[] = []) {
  const { c, s } = readModelConstraints(name, constraints, [...ITEM_KEYS, ...extra]);
  const threadId = nonEmptyStringOf(name, c, "threadId");
  const ids = arbitraryOf(name, c, "idArbitrary", () => id());
  const createdAts = arbitraryOf(name, c, "createdAtArbitrary", () => createdAt());
  const base: fc.Arbitrary<ItemBase> = fc.record(
    { id: ids, thread_id: threadId === undefined ? id() : fc.constant(threadId), created_at: createdAts },
    { noNullPrototype: true },
  );
  return { c, s, base };
}

/** Settings an item builder needs. @internal */
export interface ItemParts {
  readonly s: ModelSettings;
  readonly base: fc.Arbitrary<ItemBase>;
}

/** `{ type, id, thread_id, created_at, ...rest }`. */
function assemble<T>(type: string, base: fc.Arbitrary<ItemBase>, rest: fc.Arbitrary<object> = fc.constant({})): fc.Arbitrary<T> {
  return fc.tuple(base, rest).map(([b, r]) => ({ type, ...b, ...r }) as T);
}

/** The item variant whose `type` is `K`. */
type ItemOf<K extends ThreadItemType> = Extract<ThreadItem, { type: K }>;

/** An item type and its arbitrary from shared parts, as registered by {@link defineItem}. @internal */
export interface RegisteredItem {
  readonly type: ThreadItemType;
  readonly of: (parts: ItemParts) => fc.Arbitrary<ThreadItem>;
}

/** Each public item arbitrary (`userMessageItem`, …), by the function itself: no name is read. */
const REGISTERED = new WeakMap<object, RegisteredItem>();

/**
 * Defines the items of one type from shared parts, `{ type, id, thread_id, created_at, ...rest(s) }`, and
 * registers them under the public arbitrary of that type (a hoisted function declaration of the same
 * file), so that `threadItem.ts` finds them from the list of public arbitraries in `items.ts`. Returns
 * the builder the public arbitrary calls with `readItem(…)`: the only way to make an item arbitrary, so
 * it cannot go unregistered.
 *
 * @param arbitrary - the public arbitrary of the type, e.g. `userMessageItem`
 * @param type - the item type, e.g. `"user_message"`; must be the type `arbitrary` returns
 * @param rest - the fields beyond the shared four (none when absent)
 * @internal
 */
export function defineItem<K extends ThreadItemType>(
  arbitrary: (constraints?: ItemConstraints) => fc.Arbitrary<NoInfer<ItemOf<K>>>,
  type: K,
  rest?: (s: ModelSettings) => fc.Arbitrary<object>,
): (parts: ItemParts) => fc.Arbitrary<ItemOf<K>> {
  const of = ({ s, base }: ItemParts): fc.Arbitrary<ItemOf<K>> => assemble(type, base, rest?.(s));
  REGISTERED.set(arbitrary, { type, of });
  return of;
}

/** The type and builder {@link defineItem} registered for a public item arbitrary. @internal */
export function registeredItem(arbitrary: object): RegisteredItem {
  const registered = REGISTERED.get(arbitrary);
  if (registered === undefined) {
    const name = typeof arbitrary === "function" ? arbitrary.name : String(arbitrary);
    throw new Error(prefixed(`internal: arb.${name} is listed in src/arbitraries/items.ts but its file does not call defineItem`));
  }
  return registered;
}
