import * as fc from "fast-check";
import type { TaskItem } from "../model/items.js";
import { defineItem, readItem, type ItemConstraints } from "./internal/item.js";
import { fields } from "./internal/model.js";
import { taskOf } from "./task.js";

/** `task` items from shared parts: for {@link taskItem}, and registered under it for `threadItem`. */
const taskItemOf = defineItem(taskItem, "task", (s) => fields({ task: taskOf(s) }));

/**
 * A `task` item carrying one {@link task}.
 *
 * @param constraints - see {@link ItemConstraints}
 * @returns an arbitrary of `task` items that pass `parseThreadItem`
 * @throws {InvalidArgumentError} at once, for a bad constraint (`arb.taskItem: …`)
 */
export function taskItem(constraints: ItemConstraints = {}): fc.Arbitrary<TaskItem> {
  return taskItemOf(readItem("taskItem", constraints));
}
