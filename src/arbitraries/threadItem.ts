import * as fc from "fast-check";
import { THREAD_ITEM_TYPES, type ThreadItem, type ThreadItemType } from "../model/items.js";
import { subsetOf } from "./internal/check.js";
import { readItem, type ItemConstraints, type ItemParts } from "./internal/item.js";
import { assistantMessageItemOf } from "./assistantMessageItem.js";
import { clientToolCallItemOf } from "./clientToolCallItem.js";
import { endOfTurnItemOf } from "./endOfTurnItem.js";
import { generatedImageItemOf } from "./generatedImageItem.js";
import { hiddenContextItemOf } from "./hiddenContextItem.js";
import { sdkHiddenContextItemOf } from "./sdkHiddenContextItem.js";
import { structuredInputItemOf } from "./structuredInputItem.js";
import { taskItemOf } from "./taskItem.js";
import { userMessageItemOf } from "./userMessageItem.js";
import { widgetItemOf } from "./widgetItem.js";
import { workflowItemOf } from "./workflowItem.js";

/** Constraints of {@link threadItem}. */
export interface ThreadItemConstraints extends ItemConstraints {
  /**
   * Which item types to generate (each equally likely).
   * @defaultValue all 11: `THREAD_ITEM_TYPES`
   */
  types?: readonly ThreadItemType[];
}

const BUILDERS: { readonly [K in ThreadItemType]: (parts: ItemParts) => fc.Arbitrary<ThreadItem> } = {
  user_message: userMessageItemOf,
  assistant_message: assistantMessageItemOf,
  client_tool_call: clientToolCallItemOf,
  widget: widgetItemOf,
  generated_image: generatedImageItemOf,
  structured_input: structuredInputItemOf,
  workflow: workflowItemOf,
  task: taskItemOf,
  hidden_context_item: hiddenContextItemOf,
  sdk_hidden_context: sdkHiddenContextItemOf,
  end_of_turn: endOfTurnItemOf,
};

/** Items of the given types. @internal */
export function threadItemOf(parts: ItemParts, types: readonly ThreadItemType[] = THREAD_ITEM_TYPES): fc.Arbitrary<ThreadItem> {
  return fc.oneof(...types.map((t) => BUILDERS[t](parts)));
}

/** Reads {@link ThreadItemConstraints} for arbitrary `name`. @internal */
export function readThreadItem(name: string, constraints: unknown) {
  const { c, s, base } = readItem(name, constraints, ["types"]);
  return { s, base, types: subsetOf(name, c, "types", THREAD_ITEM_TYPES) };
}

/**
 * Any thread item (the 11 variants of docs/upstream.md §2.4, C-WIRE), each with optional fields
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
