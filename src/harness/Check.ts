/**
 * What a conformance check is, what it gets, and what it returns. Checks are plain data: a stable id,
 * a one-line statement, the rules of docs/contract.md it enforces, the capabilities it needs, and `run`.
 * @packageDocumentation
 */
import type { ModelTypes, Store } from "../store/Store.js";
import { prefixed } from "../errors/render.js";

/** The rule ids of docs/contract.md, in the order of its headings. */
export const RULE_IDS = [
  "C-NAMES",
  "C-WIRE",
  "C-ERR",
  "C-ID",
  "C-ROUNDTRIP",
  "C-ISOLATION",
  "C-ORDER",
  "C-PAGE",
  "C-CURSOR",
  "C-LIMIT",
  "C-SCOPE",
  "C-THREAD-SAVE",
  "C-ITEM-ADD",
  "C-ITEM-SAVE",
  "C-MISSING-THREAD",
  "C-DELETE",
  "C-ATTACH",
  "C-CONCURRENT",
] as const;
/** A rule id of docs/contract.md. */
export type RuleId = (typeof RULE_IDS)[number];

/**
 * How bad a failure is, for a store author deciding what to fix first:
 * - `loses-or-leaks-data`: data is lost, corrupted, or shown to another scope;
 * - `breaks-clients`: wrong pages, restarts, duplicates, errors clients cannot tell apart;
 * - `stricter-than-upstream`: the contract asks for more than upstream's reference store does (the
 *   report says what upstream does), so a port of that store fails here on purpose.
 */
export type Severity = "loses-or-leaks-data" | "breaks-clients" | "stricter-than-upstream";

/** Every severity, worst first, with the words reports use. */
export const SEVERITIES: Readonly<Record<Severity, string>> = Object.freeze({
  "loses-or-leaks-data": "loses or leaks data",
  "breaks-clients": "breaks clients",
  "stricter-than-upstream": "stricter than upstream",
});

/** The severity of a failure of a check that does not declare one: by the first rule it enforces. */
export const RULE_SEVERITY: Readonly<Record<RuleId, Severity>> = Object.freeze({
  "C-NAMES": "breaks-clients",
  "C-WIRE": "loses-or-leaks-data",
  "C-ERR": "breaks-clients",
  "C-ID": "loses-or-leaks-data",
  "C-ROUNDTRIP": "loses-or-leaks-data",
  "C-ISOLATION": "loses-or-leaks-data",
  "C-ORDER": "breaks-clients",
  "C-PAGE": "breaks-clients",
  "C-CURSOR": "breaks-clients",
  "C-LIMIT": "breaks-clients",
  "C-SCOPE": "loses-or-leaks-data",
  "C-THREAD-SAVE": "loses-or-leaks-data",
  "C-ITEM-ADD": "breaks-clients",
  "C-ITEM-SAVE": "loses-or-leaks-data",
  "C-MISSING-THREAD": "breaks-clients",
  "C-DELETE": "loses-or-leaks-data",
  "C-ATTACH": "loses-or-leaks-data",
  "C-CONCURRENT": "loses-or-leaks-data",
});

/**
 * Optional behaviour a store declares (abstract-level's `supports` manifest). A check that requires a
 * capability the store lacks is reported as skipped, with the reason.
 */
export interface Capabilities {
  /** The store implements saveAttachment / loadAttachment / deleteAttachment. @defaultValue true */
  attachments?: boolean;
  /** The store separates scopes (users or tenants) derived from the context. @defaultValue true */
  scoping?: boolean;
  /** The store's generateThreadId / generateItemId use the default `<prefix>_<hex>` format (C-ID). @defaultValue true */
  defaultIds?: boolean;
  /** The store is safe under concurrent calls (C-CONCURRENT). @defaultValue true */
  concurrency?: boolean;
}
/** The name of one capability. */
export type Capability = keyof Capabilities;

/** Default capabilities: everything the contract asks for. */
export const DEFAULT_CAPABILITIES: Readonly<Required<Capabilities>> = Object.freeze({
  attachments: true,
  scoping: true,
  defaultIds: true,
  concurrency: true,
});

/** Any store the harness can check, whatever its model types. @internal */
export type AnyStore<TContext> = Store<TContext, ModelTypes>;

/** Property-run parameters a check receives (fast-check's `seed`, `path`, `numRuns`). */
export interface PropertyParams {
  /** The seed of this check's property runs. */
  readonly seed: number;
  /** Runs per property. */
  readonly numRuns: number;
  /** A fast-check path to replay (with `seed`), from a failure's replay line. */
  readonly path?: string;
  /** A model-based `replayPath`, from a failure's replay line. */
  readonly replayPath?: string;
}

/** A fresh store and the contexts of two or more distinct scopes in it. */
export interface Fixture<TContext> {
  readonly store: AnyStore<TContext>;
  /** Contexts of distinct scopes; `contexts[0]` is the main one. */
  readonly contexts: readonly [TContext, TContext, ...TContext[]];
  /** Short names of `contexts` for messages: "A", "B", … */
  readonly scopeNames: readonly string[];
  /**
   * The context of an arbitrary scope key (isolated per store by a prefix), when the harness builds
   * contexts with `makeContext`; absent when the user gave fixed `contexts`.
   */
  readonly contextFor?: (scopeKey: string) => Promise<TContext>;
  /**
   * The context of exactly this scope key, with no prefix added, when the harness builds contexts with
   * `makeContext`. For checks whose keys must differ at their very start (leading whitespace); such
   * keys embed {@link CheckEnv.runId}, so they stay unique in shared storage.
   */
  readonly contextForRawKey?: (scopeKey: string) => Promise<TContext>;
  /** The scope keys of `contexts`, when the harness made them (absent with fixed `contexts`). */
  readonly scopeKeys?: readonly string[];
}

/** What a check's `run` gets. */
export interface CheckEnv<TContext> {
  /**
   * A fresh, isolated store (the user's factory is called for each), plus contexts. Stores made here are
   * destroyed when the check ends. Every call through `store` is recorded for the failure report.
   */
  fresh(): Promise<Fixture<TContext>>;
  /** Property-run parameters for this check. */
  readonly params: PropertyParams;
  /** What the store declared it supports (defaults filled in). */
  readonly capabilities: Readonly<Required<Capabilities>>;
  /** Unique id for this check run, safe to embed in ids when storage is shared. */
  readonly runId: string;
  /** Records an operation for the failure report (calls through `fresh().store` are recorded already). */
  note(operation: string): void;
}

/** A check's result when it did not pass. Thrown as {@link CheckFailure} inside checks. */
export interface FailureDetails {
  /** What a correct store does, for this case. */
  readonly expected: string;
  /** What the store did. */
  readonly seen: string;
  /** The operations that led to the failure, shrunk when a property found it. */
  readonly counterexample?: readonly string[];
  /** How many times fast-check shrank the counterexample. */
  readonly shrinks?: number;
  /** Seed/path/replayPath to replay a property failure. */
  readonly replay?: { seed: number; path: string; replayPath?: string };
  /** The error the store threw, when that is what went wrong. */
  readonly cause?: unknown;
  /**
   * The check that owns the behaviour this failure comes from (a `saveItem` that does not insert, a
   * NotFoundError without its name, `after` set on the last page, desc ties not reversed). When that
   * check fails too, this one is reported as "blocked by" it instead of failing under its own rule.
   */
  readonly blockedBy?: string;
  /** The severity of this failure, when it differs from the check's. */
  readonly severity?: Severity;
}

/** Thrown by a check (or its assertions) to fail with a structured explanation. */
export class CheckFailure extends Error {
  override readonly name = "CheckFailure";
  readonly details: FailureDetails;
  constructor(details: FailureDetails) {
    super(`expected: ${details.expected}\nseen: ${details.seen}`, details.cause === undefined ? undefined : { cause: details.cause });
    this.details = details;
  }
}

/** The severity of a check's failures: its own, or its first rule's. */
export function severityOf(check: Pick<Check, "severity" | "rules">): Severity {
  return check.severity ?? RULE_SEVERITY[check.rules[0] ?? "C-ERR"];
}

/**
 * One conformance check.
 * @typeParam Id - its id, `<prefix>.<slug>`; the harness's own checks have literal ids, from which
 *   {@link CheckId} is derived
 */
export interface Check<Id extends string = string> {
  /** `<prefix>.<slug>`; never renamed, never reused. The prefix names the file the check lives in. */
  readonly id: Id;
  /** What a correct store does, present tense, one line. */
  readonly statement: string;
  /** The rules of docs/contract.md it enforces. */
  readonly rules: readonly RuleId[];
  /** Capabilities it needs; when one is false the check is skipped with a reason. */
  readonly requires?: readonly Capability[];
  /** `example`, `property`, `model` or `concurrency`: how the check explores. */
  readonly kind: "example" | "property" | "model" | "concurrency";
  /** How bad a failure is. @defaultValue by the first rule ({@link RULE_SEVERITY}) */
  readonly severity?: Severity;
  /**
   * What upstream's reference store does here, for checks where the contract is stricter than upstream
   * (`severity: "stricter-than-upstream"`); shown beside the failure.
   */
  readonly upstream?: string;
  /**
   * For `stricter-than-upstream` checks: whether a failure is exactly upstream's behaviour (then that is
   * its severity); any other failure of the check gets its first rule's severity.
   */
  readonly upstreamFailure?: (failure: FailureDetails) => boolean;
  /** Runs the check; resolves when it passes, throws (ideally a CheckFailure) when it fails. */
  run<TContext>(env: CheckEnv<TContext>): Promise<void>;
}

/**
 * Declares the checks of one file of `src/harness/checks/`, named after `prefix`: every id must start
 * with `<prefix>.` (a type error otherwise), and the ids keep their literal types, so the catalogue and
 * {@link CheckId} are derived from the checks themselves and a new check cannot be left out of a list.
 * @internal
 */
export function defineChecks<const P extends string, const T extends readonly Check<`${P}.${string}`>[]>(prefix: P, checks: T): T {
  for (const check of checks) {
    if (!check.id.startsWith(`${prefix}.`)) throw new Error(prefixed(`check ${check.id} is declared in the file of prefix "${prefix}"`));
  }
  return checks;
}
