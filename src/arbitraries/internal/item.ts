/**
 * What every item arbitrary shares: the constraints for `id`, `thread_id` and `created_at`, and the
 * assembly of `{ type, id, thread_id, created_at, …fields }`.
 * @internal
 */
import * as fc from "fast-check";
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

/** `{ type, id, thread_id, created_at, ...rest }`. @internal */
export function assemble<T>(type: string, base: fc.Arbitrary<ItemBase>, rest: fc.Arbitrary<object> = fc.constant({})): fc.Arbitrary<T> {
  return fc.tuple(base, rest).map(([b, r]) => ({ type, ...b, ...r }) as T);
}
