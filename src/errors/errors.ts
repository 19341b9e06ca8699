/**
 * The errors every store and helper of this toolkit throws: the ground floor of the package (it imports
 * nothing but {@link prefixed}'s module). Each has a stable `name` and `code` (never renamed) and builds its
 * own message from its fields; messages may improve between versions. Recognise errors by `name` or `code`
 * (or the `is…` guards), not only `instanceof`: a second copy of this package, or a store built on another
 * SDK, must still count (C-ERR).
 * @packageDocumentation
 */
import { prefixed, showKey } from "./render.js";

/**
 * Every error code of this toolkit, in thrown errors (`error.code`) and in the simulator's error answers
 * (`{ error: { code } }`):
 * - `CHATKIT_NOT_FOUND` — {@link NotFoundError}; HTTP 404 from the simulator;
 * - `CHATKIT_INVALID_ARGUMENT` — {@link InvalidArgumentError}; 400 when a store or hook rejected an argument;
 * - `CHATKIT_VALIDATION` — {@link ValidationError};
 * - `CHATKIT_CORRUPT_DATA` — {@link CorruptDataError};
 * - `CHATKIT_INVALID_REQUEST` — the simulator's 400 for a body that is not a ChatKit request;
 * - `CHATKIT_METHOD_NOT_ALLOWED` — the simulator's 405 (not a POST);
 * - `CHATKIT_PAYLOAD_TOO_LARGE` — `startChatKitServer`'s 413 (a body over its size limit);
 * - `CHATKIT_SERVER_ERROR` — the simulator's 500 (anything else went wrong).
 */
export type ErrorCode =
  | "CHATKIT_NOT_FOUND"
  | "CHATKIT_INVALID_ARGUMENT"
  | "CHATKIT_VALIDATION"
  | "CHATKIT_CORRUPT_DATA"
  | "CHATKIT_INVALID_REQUEST"
  | "CHATKIT_METHOD_NOT_ALLOWED"
  | "CHATKIT_PAYLOAD_TOO_LARGE"
  | "CHATKIT_SERVER_ERROR";

/** What a {@link NotFoundError} looked up. */
export type NotFoundKind = "thread" | "item" | "attachment" | "cursor";

/** Where a lookup failed: the method, and for items and item cursors the thread. */
export interface NotFoundContext {
  /** The method that looked it up, e.g. `loadItem`. */
  readonly method?: string;
  /** The thread searched, for an item or an item cursor. */
  readonly threadId?: string;
}

function notFoundMessage(kind: NotFoundKind, id: string, where: NotFoundContext): string {
  const inThread = where.threadId === undefined ? "" : ` in thread ${showKey(where.threadId)}`;
  const what = kind === "cursor" ? `cursor ${where.threadId === undefined ? "thread" : "item"}` : kind;
  return prefixed(`${where.method === undefined ? "" : `${where.method}: `}${what} ${showKey(id)} not found${inThread}`);
}

/**
 * A thread, item, attachment or cursor does not exist in the caller's scope (C-ERR, C-CURSOR, C-SCOPE).
 * Same `name` as upstream's `NotFoundError`, so `error.name === "NotFoundError"` works across SDKs.
 *
 * Message: `[chatkit-testkit] loadItem: item "msg_1" not found in thread "thr_1"`; an id longer than 120
 * characters is shown cut, with its length (the `id` field holds it whole).
 */
export class NotFoundError extends Error {
  override readonly name = "NotFoundError" as const;
  readonly code = "CHATKIT_NOT_FOUND" as const;
  /** What was looked up. */
  readonly kind: NotFoundKind;
  /** The id that was not found. */
  readonly id: string;
  /** The method that looked it up, when known. */
  readonly method: string | undefined;
  /** The thread searched, for an item or an item cursor. */
  readonly threadId: string | undefined;
  /**
   * @param where - the method and thread, from which the message is built; or a message of your own (for
   *   a store of yours that words its own; the bundled stores never pass one)
   */
  constructor(kind: NotFoundKind, id: string, where: NotFoundContext | string = {}) {
    super(typeof where === "string" ? where : notFoundMessage(kind, id, where));
    this.kind = kind;
    this.id = id;
    this.method = typeof where === "string" ? undefined : where.method;
    this.threadId = typeof where === "string" ? undefined : where.threadId;
  }
}

/**
 * A method was called with a bad argument: `limit` 0, `order` "ASC", a thread without an id, a `Date`
 * where JSON belongs, a context without a scope key (C-LIMIT, C-ERR, C-SCOPE). The store's state is
 * unchanged. Message: `[chatkit-testkit] <method>: <argument> <what is wrong>, got <value>`.
 */
export class InvalidArgumentError extends TypeError {
  override readonly name = "InvalidArgumentError" as const;
  readonly code = "CHATKIT_INVALID_ARGUMENT" as const;
  /** The method that rejected the call, e.g. `loadThreadItems`. */
  readonly method: string;
  /** The argument (or path inside it), e.g. `limit` or `item.created_at`. */
  readonly argument: string;
  /** What is wrong with it, e.g. `must be an integer ≥ 1, got 0`. */
  readonly problem: string;
  constructor(method: string, argument: string, problem: string, options?: { cause?: unknown }) {
    super(prefixed(`${method}: ${argument} ${problem}`), options);
    this.method = method;
    this.argument = argument;
    this.problem = problem;
  }
}

/** One problem found by validation: where, and what. */
export interface ValidationIssue {
  readonly path: string;
  readonly message: string;
}

/** Untrusted JSON does not match the ChatKit data model. `issues` names every path and problem. */
export class ValidationError extends Error {
  override readonly name = "ValidationError" as const;
  readonly code = "CHATKIT_VALIDATION" as const;
  /** The model type that was expected, e.g. `ThreadItem`. */
  readonly model: string;
  readonly issues: readonly ValidationIssue[];
  constructor(model: string, issues: readonly ValidationIssue[]) {
    const head = issues.slice(0, 5).map((i) => `${i.path}: ${i.message}`);
    const more = issues.length > 5 ? `; and ${issues.length - 5} more` : "";
    super(prefixed(`invalid ${model}: ${head.join("; ")}${more}`));
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
    super(prefixed(`corrupt row in ${table} (id ${showKey(id)}): ${problem}`), options);
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
