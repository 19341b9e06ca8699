import * as fc from "fast-check";
import type { Workflow, WorkflowSummary } from "../model/items.js";
import { fields, iconName, list, readModelConstraints, type ModelConstraints, type ModelSettings } from "./internal/model.js";
import { taskOf } from "./task.js";

/** A workflow summary: `{ title, icon? }` or `{ duration }` (undiscriminated upstream). @internal */
export function workflowSummaryOf(s: ModelSettings): fc.Arbitrary<WorkflowSummary> {
  return fc.oneof(
    fields<WorkflowSummary>({ title: s.text }, {}, { icon: iconName(s) }),
    fields<WorkflowSummary>({ duration: fc.oneof(fc.nat(600), fc.integer({ min: 0, max: 2 ** 31 - 1 })) }),
  );
}

/** A workflow. @internal */
export function workflowOf(s: ModelSettings): fc.Arbitrary<Workflow> {
  return fields({ type: fc.constantFrom("custom", "reasoning"), tasks: list(s, taskOf(s)) }, { expanded: fc.boolean() }, { summary: workflowSummaryOf(s) });
}

/**
 * A workflow (docs/upstream.md §2.7): `custom` or `reasoning`, a list of {@link task}s, an optional
 * summary (a `{ title, icon? }` or a `{ duration }`, told apart by their keys) and `expanded`.
 *
 * @param constraints - see {@link ModelConstraints}
 * @returns an arbitrary of workflows
 * @throws {InvalidArgumentError} at once, for a bad constraint (`arb.workflow: …`)
 */
export function workflow(constraints: ModelConstraints = {}): fc.Arbitrary<Workflow> {
  return workflowOf(readModelConstraints("workflow", constraints).s);
}
