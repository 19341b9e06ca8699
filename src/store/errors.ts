/**
 * The errors every store and helper of this toolkit throws. Each has a stable `name` and `code`
 * (never renamed); messages may improve between versions. Recognise errors by `name` or `code`
 * (or the `is…` guards), not only `instanceof`: a second copy of this package, or a store built on
 * another SDK, must still count (C-ERR).
 * @packageDocumentation
 */

/** Stable error codes. */
export type ErrorCode = "CHATKIT_NOT_FOUND" | "CHATKIT_INVALID_ARGUMENT" | "CHATKIT_VALIDATION" | "CHATKIT_CORRUPT_DATA";

/** Prefix of every message thrown by this toolkit. @internal */
export const PREFIX = "[chatkit-testkit]";

/**
 * A thread, item, attachment or cursor does not exist in the caller's scope (C-ERR, C-CURSOR, C-SCOPE).
 * Same `name` as upstream's `NotFoundError`, so `error.name === "NotFoundError"` works across SDKs.
 */
export class NotFoundError extends Error {
  override readonly name = "NotFoundError" as const;
  readonly code = "CHATKIT_NOT_FOUND" as const;
  /** What was looked up. */
  readonly kind: "thread" | "item" | "attachment" | "cursor";
  /** The id that was not found. */
  readonly id: string;
  constructor(kind: NotFoundError["kind"], id: string, message?: string) {
    super(message ?? `${PREFIX} ${kind} ${JSON.stringify(id)} not found`);
    this.kind = kind;
    this.id = id;
  }
}

/**
 * A method was called with a bad argument: `limit` 0, `order` "ASC", a thread without an id, a `Date`
 * where JSON belongs (C-LIMIT, C-ERR). The store's state is unchanged.
 * Message format: `[chatkit-testkit] <method>: <argument> <what is wrong>, got <value>`.
 */
export class InvalidArgumentError extends TypeError {
  override readonly name = "InvalidArgumentError" as const;
  readonly code = "CHATKIT_INVALID_ARGUMENT" as const;
  /** The method that rejected the call, e.g. `loadThreadItems`. */
  readonly method: string;
  /** The argument (or path inside it), e.g. `limit` or `item.created_at`. */
  readonly argument: string;
  constructor(method: string, argument: string, problem: string, options?: { cause?: unknown }) {
    super(`${PREFIX} ${method}: ${argument} ${problem}`, options);
    this.method = method;
    this.argument = argument;
  }
}

/** Untrusted JSON does not match the ChatKit data model. `issues` names every path and problem. */
export class ValidationError extends Error {
  override readonly name = "ValidationError" as const;
  readonly code = "CHATKIT_VALIDATION" as const;
  /** The model type that was expected, e.g. `ThreadItem`. */
  readonly model: string;
  readonly issues: readonly { readonly path: string; readonly message: string }[];
  constructor(model: string, issues: readonly { path: string; message: string }[]) {
    const head = issues.slice(0, 5).map((i) => `${i.path}: ${i.message}`);
    const more = issues.length > 5 ? `; and ${issues.length - 5} more` : "";
    super(`${PREFIX} invalid ${model}: ${head.join("; ")}${more}`);
    this.model = model;
    this.issues = issues;
  }
}

/**
 * Data read back from storage does not match the data model (a hand-edited row, an older schema).
 * Names the table (or collection) and the row's id; the original problem is the `cause`.
 */
export class CorruptDataError extends Error {
  override readonly name = "CorruptDataError" as const;
  readonly code = "CHATKIT_CORRUPT_DATA" as const;
  readonly table: string;
  readonly id: string;
  constructor(table: string, id: string, problem: string, options?: { cause?: unknown }) {
    super(`${PREFIX} corrupt row in ${table} (id ${JSON.stringify(id)}): ${problem}`, options);
    this.table = table;
    this.id = id;
  }
}

function hasName(error: unknown, name: string): boolean {
  return typeof error === "object" && error !== null && (error as { name?: unknown }).name === name;
}

/** Whether `error` is a NotFoundError from any package (by `name`, C-ERR). */
export function isNotFoundError(error: unknown): error is Error {
  return hasName(error, "NotFoundError");
}

/** Whether `error` is this toolkit's InvalidArgumentError (by `name`). */
export function isInvalidArgumentError(error: unknown): error is InvalidArgumentError {
  return hasName(error, "InvalidArgumentError");
}
