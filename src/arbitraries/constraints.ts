/**
 * Constraint types shared by several arbitraries.
 * @packageDocumentation
 */
import type * as fc from "fast-check";

/** Constraints shared by the ChatKit model arbitraries. */
export interface ModelConstraints {
  /**
   * Free text (message text, titles, names, …).
   * @defaultValue `text({ maxLength: 40 })`
   */
  textArbitrary?: fc.Arbitrary<string>;
  /**
   * Most elements of every array inside a value (content parts, annotations, tasks, inputs,
   * attachments, widget children) and keys of free-form objects.
   * @defaultValue 3
   */
  maxLength?: number;
  /**
   * Deepest nesting of free-form JSON (`metadata`, `arguments`, `data`, hidden `content`) and of
   * widget trees.
   * @defaultValue 2
   */
  maxDepth?: number;
}

/** Constraints shared by every item arbitrary. */
export interface ItemConstraints extends ModelConstraints {
  /**
   * The `thread_id` of every item (a non-empty string).
   * @defaultValue drawn from `id()` per item
   */
  threadId?: string;
  /**
   * Item ids.
   * @defaultValue `id()`
   */
  idArbitrary?: fc.Arbitrary<string>;
  /**
   * `created_at` strings.
   * @defaultValue `createdAt()`
   */
  createdAtArbitrary?: fc.Arbitrary<string>;
}
