/**
 * The assertions checks use. Each failure is a {@link CheckFailure} that says what was expected and
 * what was seen, in words a store author can act on.
 * @internal
 */
import { isInvalidArgumentError, isNotFoundError } from "../errors/errors.js";
import { show } from "../errors/render.js";
import { jsonEqual } from "../model/json.js";
import { CheckFailure } from "./Check.js";
import { recordedCall } from "./recording.js";

export { jsonEqual };

/** The first path where two JSON values differ, e.g. `data[2].created_at`, or null. */
export function firstDifference(a: unknown, b: unknown, path = "$"): string | null {
  if (jsonEqual(a, b)) return null;
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object" || Array.isArray(a) !== Array.isArray(b)) return path;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    for (let i = 0; i < Math.max(a.length, bb.length); i++) {
      const d = firstDifference(a[i], bb[i], `${path}[${i}]`);
      if (d) return d;
    }
    return path;
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  for (const k of new Set([...Object.keys(ao), ...Object.keys(bo)])) {
    const d = firstDifference(ao[k], bo[k], `${path}.${k}`);
    if (d) return d;
  }
  return path;
}

/** Short, one-line rendering of a value: pages as their ids, records as their id, long JSON cut. */
export function describeValue(value: unknown, max = 160): string {
  if (value === undefined) return "undefined";
  if (isPage(value)) {
    const ids = value.data.map((r) => (r && typeof r === "object" && "id" in r ? JSON.stringify((r as { id: unknown }).id) : "?"));
    return `Page { data: [${ids.join(", ")}], has_more: ${String(value.has_more)}, after: ${JSON.stringify(value.after ?? null)} }`;
  }
  if (value instanceof Error) return describeError(value);
  return show(value, { as: "json", max });
}

/**
 * `NotFoundError: message`, with the whole message: a multi-line message (a ZodError's JSON, an
 * aggregate) keeps every line, and reports indent them. Very long messages are cut at 4,000 characters.
 */
export function describeError(error: unknown): string {
  if (error instanceof Error || (error && typeof error === "object" && "message" in error)) {
    const e = error as { name?: string; message?: string };
    const message = String(e.message ?? "");
    const cut = message.length > 4000 ? `${message.slice(0, 4000)}… (${message.length - 4000} more characters)` : message;
    return `${e.name ?? "Error"}: ${cut}`;
  }
  return `a thrown ${typeof error} (${String(error)})`;
}

function isPage(v: unknown): v is { data: unknown[]; has_more: unknown; after?: unknown } {
  return typeof v === "object" && v !== null && Array.isArray((v as { data?: unknown }).data) && "has_more" in v;
}

/** Fails unless `seen` deep-equals `expected` (JSON semantics). */
export function expectEqual(seen: unknown, expected: unknown, what: string): void {
  if (jsonEqual(seen, expected)) return;
  const at = firstDifference(seen, expected);
  const where = at && at !== "$" ? ` (first difference at ${at})` : "";
  throw new CheckFailure({ expected: `${what}: ${describeValue(expected)}`, seen: `${describeValue(seen)}${where}` });
}

/** Fails unless `condition` holds. */
export function expectThat(condition: boolean, expected: string, seen: () => string): void {
  if (!condition) throw new CheckFailure({ expected, seen: seen() });
}

/**
 * Runs `call` and names it for a failure message: `what` when given, else the store call it made as the
 * recorder logged it (`addThreadItem("thr_a", { type: "assistant_message", id: "msg1", … }) @A`).
 */
async function settle<T>(call: () => Promise<T>, what: string | undefined): Promise<{ ok: true; value: T; label: string } | { ok: false; error: unknown; label: string; call?: string }> {
  let promise: Promise<T> | undefined;
  try {
    promise = call();
    const value = await promise;
    return { ok: true, value, label: what ?? recordedCall(promise) ?? "the call" };
  } catch (error) {
    const recorded = recordedCall(promise) ?? recordedCall(error);
    return { ok: false, error, label: what ?? recorded ?? "the call", ...(recorded ? { call: recorded } : {}) };
  }
}

/**
 * Awaits a store call that must succeed; a throw becomes a failure naming the call (by `what`, or by
 * the recorded call when `what` is omitted).
 */
export async function expectOk<T>(call: () => Promise<T>, what?: string): Promise<T> {
  const outcome = await settle(call, what);
  if (outcome.ok) return outcome.value;
  const { error, label } = outcome;
  if (error instanceof Error && error.name === "CheckFailure") throw error;
  const owner = ownerOfRejection(outcome.call ?? label, error);
  throw new CheckFailure({ expected: `${label} succeeds`, seen: `it threw ${describeError(error)}`, cause: error, ...(owner ? { blockedBy: owner } : {}) });
}

/**
 * Checks that own behaviours many other checks lean on. A failure that comes from one of these is
 * reported as "blocked by" its owner when the owner fails too (one root cause, not nine failures).
 */
export const OWNERS = {
  /** A missing thread, item or attachment raises an error named NotFoundError. */
  notFoundName: "arguments.not-found-name",
  /** saveItem inserts an item that does not exist yet. */
  saveItemInserts: "item-save.inserts-missing",
  /** addThreadItem of an existing id replaces it instead of throwing. */
  duplicateAddReplaces: "item-add.duplicate-replaces",
  /** Every created_at form (naive, Z, offsets, 0–6 digits) is accepted. */
  timestampForms: "roundtrip.timestamp-forms",
  /** The last page has `after: null`. */
  lastPageAfter: "paging.limit-equals-count",
  /** desc is the exact reverse of asc, ties included. */
  descReversesTies: "order.ties-insertion",
} as const;

/** An error that says "not found" in words but is not named NotFoundError. */
export function looksLikeNotFound(error: unknown): boolean {
  if (isNotFoundError(error)) return false;
  const message = error instanceof Error ? error.message : typeof error === "string" ? error : "";
  return /not[\s_-]*found|does not exist|doesn't exist|no such|unknown (thread|item|attachment)/i.test(message);
}

/** The check owning the behaviour a rejected call shows, from the call (`saveItem(…)`) and the error. */
function ownerOfRejection(call: string, error: unknown): string | undefined {
  if (looksLikeNotFound(error) && !call.startsWith("saveItem(")) return OWNERS.notFoundName;
  const blamed = blamedArgument(error) ?? "";
  const message = error instanceof Error ? error.message : String(error);
  if (/created_at/.test(blamed) || (blamed === "" && /created_at|timestamp|datetime|date/i.test(message))) return OWNERS.timestampForms;
  if (call.startsWith("saveItem(")) return OWNERS.saveItemInserts;
  if (call.startsWith("addThreadItem(") && !isNotFoundError(error)) return OWNERS.duplicateAddReplaces;
  return undefined;
}

/** Awaits a store call that must reject with an error named `NotFoundError` (C-ERR). */
export async function expectNotFound(call: () => Promise<unknown>, what: string): Promise<void> {
  let result: unknown;
  try {
    result = await call();
  } catch (error) {
    if (isNotFoundError(error)) return;
    const blocked = looksLikeNotFound(error) ? { blockedBy: OWNERS.notFoundName } : {};
    throw new CheckFailure({ expected: `${what} raises NotFoundError`, seen: `it threw ${describeError(error)}`, cause: error, ...blocked });
  }
  throw new CheckFailure({ expected: `${what} raises NotFoundError`, seen: `it returned ${describeValue(result)}` });
}

/** The argument an error blames: its `argument` property (InvalidArgumentError and look-alikes), if any. */
export function blamedArgument(error: unknown): string | undefined {
  const argument = error !== null && typeof error === "object" ? (error as { argument?: unknown }).argument : undefined;
  return typeof argument === "string" ? argument : undefined;
}

/** Messages of errors the JavaScript engine throws from inside code, not from an argument check. */
const ENGINE_ERROR =
  /is not a function|is not iterable|Cannot read propert|Cannot set propert|Cannot convert|Cannot destructure|undefined is not|null is not|is not defined|Invalid time value|Maximum call stack|Invalid array length|is not a constructor/;

/**
 * Why `error` is not an acceptable rejection of a bad `argument`, or null when it is (C-ERR, C-LIMIT).
 * An error that names the argument it blames (`error.argument`, as InvalidArgumentError does) must
 * blame this one (`thread.created_at` names `created_at`); otherwise its message must name the argument,
 * and it must not be an engine error from deep inside the store (`order.toUpperCase is not a function`).
 */
export function argumentErrorProblem(error: unknown, argument: string): string | null {
  if (isNotFoundError(error)) return "it is a NotFoundError, not an argument error";
  const blamed = blamedArgument(error);
  if (blamed !== undefined) {
    const parts = blamed.split(/[.[\]]+/).filter(Boolean);
    return parts.includes(argument) ? null : `it blames \`${blamed}\``;
  }
  if (isInvalidArgumentError(error)) return null;
  const message = error instanceof Error ? error.message : String(error);
  if (ENGINE_ERROR.test(message)) return "it is an error from inside the store, not a check of the argument";
  const named = new RegExp(`(^|[^A-Za-z0-9_])${argument.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}($|[^A-Za-z0-9_])`, "i").test(message);
  return named ? null : `its message does not name \`${argument}\``;
}

/**
 * Awaits a call that must be rejected as a bad argument (C-LIMIT, C-ERR): it throws, the error is not a
 * NotFoundError, and it blames `argument` ({@link argumentErrorProblem}). This toolkit's stores throw
 * InvalidArgumentError; any error class passes as long as it says, correctly, what was wrong.
 */
export async function expectArgumentError(call: () => Promise<unknown>, what: string, argument: string): Promise<void> {
  let result: unknown;
  try {
    result = await call();
  } catch (error) {
    const problem = argumentErrorProblem(error, argument);
    if (problem === null) return;
    throw new CheckFailure({
      expected: `${what} is rejected with an argument error naming \`${argument}\``,
      seen: `it threw ${describeError(error)}${blamedArgument(error) === undefined ? "" : ` (argument: ${JSON.stringify(blamedArgument(error))})`}: ${problem}`,
      cause: error,
    });
  }
  throw new CheckFailure({ expected: `${what} is rejected with an argument error naming \`${argument}\``, seen: `it returned ${describeValue(result)}` });
}

/** Ids of a page's rows, for comparisons and messages. */
export function idsOf(page: { data: readonly unknown[] }): string[] {
  return page.data.map((r) => String((r as { id?: unknown }).id));
}

/**
 * Runs `each` for every case and fails once with every case that failed, each on its own line, instead
 * of stopping at the first (a store that rejects one timestamp form still has every other form judged).
 */
export async function expectEach<T>(cases: readonly T[], name: (c: T) => string, each: (c: T) => Promise<void>): Promise<void> {
  const failures: { name: string; details: CheckFailure["details"] }[] = [];
  for (const c of cases) {
    try {
      await each(c);
    } catch (error) {
      const details = error instanceof CheckFailure ? error.details : { expected: `${name(c)} works`, seen: `it threw ${describeError(error)}`, cause: error };
      failures.push({ name: name(c), details });
    }
  }
  if (failures.length === 0) return;
  if (failures.length === 1) throw new CheckFailure(failures[0]!.details);
  const first = failures[0]!.details;
  throw new CheckFailure({
    ...first,
    expected: `every case works; ${failures.length} of ${cases.length} do not:\n${failures.map((f) => `- ${f.name}: ${f.details.expected}`).join("\n")}`,
    seen: failures.map((f) => `- ${f.name}: ${f.details.seen}`).join("\n"),
  });
}
