import * as fc from "fast-check";
import type { WorkflowItem } from "../model/items.js";
import { defineItem, readItem, type ItemConstraints } from "./internal/item.js";
import { fields } from "./internal/model.js";
import { workflowOf } from "./workflow.js";

/** `workflow` items from shared parts: for {@link workflowItem}, and registered under it for `threadItem`. */
const workflowItemOf = defineItem(workflowItem, "workflow", (s) => fields({ workflow: workflowOf(s) }));

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
