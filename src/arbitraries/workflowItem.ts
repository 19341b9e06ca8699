import * as fc from "fast-check";
import type { WorkflowItem } from "../model/items.js";
import { assemble, readItem, type ItemConstraints, type ItemParts } from "./internal/item.js";
import { fields } from "./internal/model.js";
import { workflowOf } from "./workflow.js";

/** @internal */
export function workflowItemOf({ s, base }: ItemParts): fc.Arbitrary<WorkflowItem> {
  return assemble("workflow", base, fields({ workflow: workflowOf(s) }));
}

/**
 * A `workflow` item carrying a {@link workflow} (tasks, summary, expanded).
 *
 * @param constraints - see {@link ItemConstraints}
 * @returns an arbitrary of `workflow` items that pass `parseThreadItem`
 * @throws {InvalidArgumentError} at once, for a bad constraint (`arb.workflowItem: …`)
 */
export function workflowItem(constraints: ItemConstraints = {}): fc.Arbitrary<WorkflowItem> {
  return workflowItemOf(readItem("workflowItem", constraints));
}
