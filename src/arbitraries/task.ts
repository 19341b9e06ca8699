import * as fc from "fast-check";
import type { Task } from "../model/items.js";
import { subsetOf } from "./internal/check.js";
import { fields, iconName, list, readModelConstraints, type ModelConstraints, type ModelSettings } from "./internal/model.js";
import { fileSourceOf, urlSourceOf } from "./source.js";

/** The `type` of a {@link Task}. */
export type TaskType = Task["type"];
const TYPES: readonly TaskType[] = ["custom", "web_search", "thought", "file", "image"];

/** Constraints of {@link task}. */
export interface TaskConstraints extends ModelConstraints {
  /**
   * Which tasks to generate.
   * @defaultValue `["custom", "web_search", "thought", "file", "image"]`
   */
  types?: readonly TaskType[];
}

/** Tasks of the given types. @internal */
export function taskOf(s: ModelSettings, types: readonly TaskType[] = TYPES): fc.Arbitrary<Task> {
  const status = { status_indicator: fc.constantFrom("none", "loading", "complete") };
  const byType = {
    custom: fields<Task>({ type: fc.constant("custom") }, status, { title: s.text, icon: iconName(s), content: s.text }),
    web_search: fields<Task>(
      { type: fc.constant("web_search") },
      { ...status, queries: list(s, s.text), sources: list(s, urlSourceOf(s)) },
      { title: s.text, title_query: s.text },
    ),
    thought: fields<Task>({ type: fc.constant("thought"), content: s.text }, status, { title: s.text }),
    file: fields<Task>({ type: fc.constant("file") }, { ...status, sources: list(s, fileSourceOf(s)) }, { title: s.text }),
    image: fields<Task>({ type: fc.constant("image") }, status, { title: s.text }),
  };
  return fc.oneof(...types.map((t) => byType[t]));
}

/**
 * A workflow task (docs/upstream.md §2.7): `custom`, `web_search` (with URL sources), `thought`, `file`
 * (with file sources) or `image`, with `status_indicator` sometimes absent.
 *
 * @param constraints - see {@link TaskConstraints}
 * @returns an arbitrary of tasks
 * @throws {InvalidArgumentError} at once, for a bad constraint (`arb.task: …`)
 */
export function task(constraints: TaskConstraints = {}): fc.Arbitrary<Task> {
  const { c, s } = readModelConstraints("task", constraints, ["types"]);
  return taskOf(s, subsetOf("task", c, "types", TYPES));
}
