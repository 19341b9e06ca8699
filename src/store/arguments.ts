/**
 * The argument rules every store obeys (C-LIMIT, C-CURSOR, C-ERR), in one place so no store carries its
 * own copy. Each check returns the normalised value or throws {@link InvalidArgumentError}; none of them
 * touches state, so a rejected call never corrupts a store.
 * @packageDocumentation
 */
import { copyJson, show, type JsonObject } from "../model/json.js";
import { parseTimestamp, timestampProblem } from "../model/timestamp.js";
import { parseAttachment, parseThreadItem, parseThreadMetadata } from "../model/validate.js";
import { InvalidArgumentError, ValidationError } from "../errors/errors.js";
import { keyProblem, MAX_RECORD_SIZE } from "./limits.js";
import type { Order } from "./Store.js";

/**
 * `limit` must be an integer ≥ 1 (C-LIMIT). There is no upper bound in the store.
 * @throws {InvalidArgumentError} `[chatkit-testkit] loadThreadItems: limit must be an integer ≥ 1, got 1.5`
 */
export function checkLimit(method: string, limit: unknown): number {
  if (typeof limit !== "number" || !Number.isSafeInteger(limit) || limit < 1) {
    throw new InvalidArgumentError(method, "limit", `must be an integer ≥ 1, got ${show(limit)}`);
  }
  return limit;
}

/**
 * `order` must be exactly `"asc"` or `"desc"` (C-LIMIT). It is never interpolated into anything.
 * @throws {InvalidArgumentError}
 */
export function checkOrder(method: string, order: unknown): Order {
  if (order !== "asc" && order !== "desc") {
    throw new InvalidArgumentError(method, "order", `must be "asc" or "desc", got ${show(order)}`);
  }
  return order;
}

/**
 * `after` is `null`, `undefined`, `""` (all meaning "no cursor", C-CURSOR) or a row id.
 * @throws {InvalidArgumentError} for any other type
 */
export function normalizeAfter(method: string, after: unknown): string | null {
  if (after === null || after === undefined || after === "") return null;
  if (typeof after !== "string") throw new InvalidArgumentError(method, "after", `must be a string id or null, got ${show(after)}`);
  return after;
}

/**
 * An id argument (`threadId`, `itemId`, `attachmentId`) must be a non-empty string.
 * @throws {InvalidArgumentError}
 */
export function checkId(method: string, argument: string, id: unknown): string {
  if (typeof id !== "string" || id.length === 0) {
    throw new InvalidArgumentError(method, argument, `must be a non-empty string, got ${show(id)}`);
  }
  return id;
}

/** How strictly a store checks the records it is given. */
export interface RecordCheckOptions {
  /**
   * `false` (the default) checks only what the store needs — a plain JSON object with a non-empty string
   * `id`, a valid `created_at` and (items, attachments) a string `type` — so records of other SDK versions
   * round-trip untouched. `true` also validates the record against this package's ChatKit model.
   */
  strict?: boolean;
}

/** A checked record: a private deep copy of the caller's value, and its order key when it has one. */
export interface CheckedRecord {
  readonly value: JsonObject;
  /** `created_at` as microseconds since the epoch (C-ORDER); 0n for attachments. */
  readonly micros: bigint;
}

/**
 * What is wrong with a stored or given record, or `null`: the shared envelope every store needs.
 * Used for arguments here and for rows read back from storage (where it becomes a CorruptDataError).
 * @internal
 */
export function envelopeProblem(kind: "thread" | "item" | "attachment", value: unknown): { path: string; problem: string } | null {
  const envelope = readEnvelope(kind, value, false);
  return "problem" in envelope ? envelope : null;
}

/** The envelope check, and the order key it parsed on the way (so no timestamp is parsed twice). */
function readEnvelope(kind: "thread" | "item" | "attachment", value: unknown, withMicros = true): { path: string; problem: string } | { micros: bigint } {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    return { path: kind, problem: `must be an object, got ${show(value)}` };
  }
  // Own properties only: an id or created_at inherited from a polluted Object.prototype is not the record's.
  const v = ownFields(value as Record<string, unknown>);
  if (typeof v.id !== "string" || v.id.length === 0) return { path: `${kind}.id`, problem: `must be a non-empty string, got ${show(v.id)}` };
  if (kind !== "thread" && typeof v.type !== "string") return { path: `${kind}.type`, problem: `must be a string, got ${show(v.type)}` };
  let micros = 0n;
  if (kind !== "attachment") {
    if (typeof v.created_at !== "string") return { path: `${kind}.created_at`, problem: `must be an ISO-8601 string, got ${show(v.created_at)}` };
    if (withMicros) {
      const ts = parseTimestamp(v.created_at);
      if (!ts.ok) return { path: `${kind}.created_at`, problem: `${ts.reason}, got ${show(v.created_at)}` };
      micros = ts.micros;
    } else {
      const reason = timestampProblem(v.created_at);
      if (reason !== null) return { path: `${kind}.created_at`, problem: `${reason}, got ${show(v.created_at)}` };
    }
  }
  if (kind === "item" && v.thread_id !== undefined && typeof v.thread_id !== "string") {
    return { path: "item.thread_id", problem: `must be a string, got ${show(v.thread_id)}` };
  }
  return { micros };
}

/**
 * What the ChatKit model (strict mode) finds wrong with a record, or null: the issues as one line, and the
 * ValidationError. Used for records written (an argument error) and rows read back (a CorruptDataError).
 * @internal
 */
export function modelProblem(kind: "thread" | "item" | "attachment", record: JsonObject): { issues: string; error: ValidationError } | null {
  try {
    if (kind === "thread") parseThreadMetadata(record, kind);
    else if (kind === "item") parseThreadItem(record, kind);
    else parseAttachment(record, kind);
    return null;
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    return { issues: error.issues.map((i) => `${i.path}: ${i.message}`).join("; "), error };
  }
}

/**
 * C-THREAD-SAVE: a Thread may be passed to `saveThread`; only its metadata is persisted, so its `items`
 * (a page of any size) are neither copied nor checked. The spread reads every other property once.
 */
/** The envelope fields a record has as own properties (each read once). */
function ownFields(value: Record<string, unknown>): { id?: unknown; type?: unknown; created_at?: unknown; thread_id?: unknown } {
  const get = (k: string) => (Object.hasOwn(value, k) ? value[k] : undefined);
  return { id: get("id"), type: get("type"), created_at: get("created_at"), thread_id: get("thread_id") };
}

function withoutItems(kind: "thread" | "item" | "attachment", value: unknown): unknown {
  if (kind !== "thread" || value === null || typeof value !== "object" || !Object.hasOwn(value, "items")) return value;
  // Only a plain object is spread: anything else (a class instance, a Date, an array) goes to copyJson as
  // it is, which refuses it.
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return value;
  const { items: _items, ...metadata } = value as Record<string, unknown>;
  return metadata;
}

function checkRecord(method: string, kind: "thread" | "item" | "attachment", value: unknown, options: RecordCheckOptions): CheckedRecord {
  // Copy first, then check the copy: every property is read once, so what is checked is exactly what is
  // stored, even when a getter or a proxy would answer differently on a second read.
  const copy = copyJson(withoutItems(kind, value), kind, MAX_RECORD_SIZE);
  if (!copy.ok) throw new InvalidArgumentError(method, copy.problem.path, copy.problem.problem);
  const envelope = readEnvelope(kind, copy.value);
  if ("problem" in envelope) throw new InvalidArgumentError(method, envelope.path, envelope.problem);
  const record = copy.value as JsonObject;
  const idProblem = keyProblem(record.id as string);
  if (idProblem) throw new InvalidArgumentError(method, `${kind}.id`, `${idProblem}, got ${show(record.id)}`);
  if (options.strict) {
    const invalid = modelProblem(kind, record);
    if (invalid) throw new InvalidArgumentError(method, kind, `does not match the ChatKit model (strict mode): ${invalid.issues}`, { cause: invalid.error });
  }
  return { value: record, micros: envelope.micros };
}

/** Checks and copies a thread for `saveThread`; strips a `Thread`'s `items` (C-THREAD-SAVE). @throws {InvalidArgumentError} */
export function checkThread(method: string, thread: unknown, options: RecordCheckOptions = {}): CheckedRecord {
  return checkRecord(method, "thread", thread, options);
}

/** Checks and copies an item for `addThreadItem` / `saveItem`. @throws {InvalidArgumentError} */
export function checkItem(method: string, item: unknown, options: RecordCheckOptions = {}): CheckedRecord {
  return checkRecord(method, "item", item, options);
}

/** Checks and copies an attachment for `saveAttachment`. @throws {InvalidArgumentError} */
export function checkAttachment(method: string, attachment: unknown, options: RecordCheckOptions = {}): CheckedRecord {
  return checkRecord(method, "attachment", attachment, options);
}
