/**
 * The runner-independent core: plan which checks run (and why others are skipped), run them against
 * fresh stores, and return data. Front-ends (the vitest adapter, the CLI) format and throw.
 * @packageDocumentation
 */
import { show } from "../model/json.js";
import {
  CheckFailure,
  DEFAULT_CAPABILITIES,
  type AnyStore,
  type Capabilities,
  type Check,
  type CheckEnv,
  type FailureDetails,
  type PropertyParams,
  type Severity,
  RULE_SEVERITY,
  severityOf,
} from "./Check.js";
import { ALL_CHECKS, type CheckId } from "./checks/index.js";
import { describeError } from "./expect.js";
import { STORE_METHODS } from "../store/Store.js";
import { declared, DEVIATIONS, REPAIR_OWNERS, UPSTREAM_PROFILE, verificationOf, type Deviation, type Deviations, type Repair } from "./deviations.js";
import { didYouMean } from "./suggest.js";
import { DEFAULT_TIME_ZONE, isKnownTimeZone, withTimeZone } from "./timeZone.js";
import { badOption, misuse } from "./optionErrors.js";
import { checkEnvOf, newRunId, StoreLifetimes, type RunFailure, type RunState } from "./checkEnv.js";

/** A failure to replay: printed by every failing property or model-based check. */
export interface Replay {
  readonly check: CheckId;
  readonly seed: number;
  readonly path?: string;
  readonly replayPath?: string;
}

/**
 * How to check a store. Only `createStore` is required.
 * @typeParam TContext - the store's context type
 */
export interface ConformanceOptions<TContext> {
  /** Returns a fresh, isolated store; called once per check (and per property run that needs one). */
  createStore(): AnyStore<TContext> | Promise<AnyStore<TContext>>;
  /** Releases a store made by `createStore` (close pools, drop schemas). Called once per store. */
  destroyStore?(store: AnyStore<TContext>): void | Promise<void>;
  /**
   * Runs once before the first check (start a container, create a database, open a pool). When it
   * throws, no check runs and the report has one set-up failure. Under vitest it is a `beforeAll`.
   */
  setup?(): void | Promise<void>;
  /** Runs once after the last check, also when checks failed (close what `setup` opened). Under vitest, an `afterAll`. */
  teardown?(): void | Promise<void>;
  /**
   * Builds the context of a scope from a scope key. The harness makes fresh keys for every store it asks
   * for (so a shared database stays isolated), and makes them adversarial: one key is a prefix of
   * another and contains `_`, `%`, `:` (C-SCOPE).
   * @defaultValue `(scope) => ({ user_id: scope })`
   */
  makeContext?: (scope: string) => TContext | Promise<TContext>;
  /**
   * Fixed contexts of two or more distinct scopes, instead of `makeContext`. Each store from
   * `createStore` must then start empty.
   */
  contexts?: readonly [TContext, TContext, ...TContext[]];
  /** What the store supports; unsupported behaviour skips the checks that need it, with the reason. */
  capabilities?: Partial<Capabilities>;
  /**
   * Deliberate deviations from the contract (most of them upstream's): the check owning each one is
   * listed as a declared deviation, and every other check runs around it (see {@link Deviations}).
   */
  deviations?: Deviations;
  /** `"upstream"`: the deviations of upstream's reference SQLite store ({@link UPSTREAM_PROFILE}), plus any in `deviations`. */
  profile?: "upstream";
  /** Named skips, each with a reason (shown in every report). A typo is a type error. */
  skip?: Partial<Record<CheckId, string>>;
  /** Run only these checks (others are reported as skipped: "not selected"). Env: CHATKIT_TESTKIT_ONLY. */
  only?: readonly CheckId[];
  /** Base seed; each check derives its own from it. Env: CHATKIT_TESTKIT_SEED (a number, or `random`). @defaultValue 20261128 */
  seed?: number;
  /** Runs per property / model-based check. Env: CHATKIT_TESTKIT_NUM_RUNS. @defaultValue 100 (1000 when thorough) */
  numRuns?: number;
  /** Ten times the runs. Env: CHATKIT_TESTKIT_THOROUGH=1. @defaultValue false */
  thorough?: boolean;
  /** Replays one failure: the object (or JSON) printed after `replay:`. Env: CHATKIT_TESTKIT_REPLAY. */
  replay?: Replay | string;
  /** Per-check time limit in milliseconds. @defaultValue 120000 (`DEFAULT_TIMEOUT_MS`) */
  timeoutMs?: number;
  /**
   * The IANA time zone every check runs under (`process.env.TZ`, set for the check and restored after),
   * so a store that reads naive timestamps as local time fails on a UTC machine too; `false` keeps the
   * machine's zone. Env: CHATKIT_TESTKIT_TZ (a zone name, or `machine`).
   * @defaultValue "America/St_Johns" (UTC−03:30, −02:30 in summer)
   */
  timeZone?: string | false;
  /** The checks to plan from. @defaultValue every check of the harness */
  checks?: readonly Check[];
  /** Environment variables to read (for tests of the harness). @defaultValue process.env */
  env?: Readonly<Record<string, string | undefined>>;
}

/** A failure of the run itself rather than of a check: set-up, the first store, or tear-down. */
export interface SetupFailure {
  /** The step that failed. */
  readonly step: "setup" | "createStore" | "teardown";
  readonly expected: string;
  readonly seen: string;
  /** The error thrown, if any. */
  readonly cause?: unknown;
}

/** One planned check: it runs, or it is skipped with a reason. */
export interface PlannedCheck {
  readonly check: Check;
  readonly id: string;
  readonly statement: string;
  readonly skipped: boolean;
  readonly reason?: string;
  readonly params: PropertyParams;
  /** The time zone the check runs under, or null for the machine's. */
  readonly timeZone: string | null;
  /**
   * The behaviours the checks see repaired by an adapter: the declared deviations (and, when the
   * harness asks whether a failure comes from another check's behaviour, that behaviour too).
   */
  readonly repairs: ReadonlySet<Repair>;
  /** Set when this is the owner of a declared deviation: the check then verifies the declaration. */
  readonly declared?: Deviation;
}

/** The result of one check. */
export interface CheckResult {
  readonly id: string;
  readonly statement: string;
  readonly rules: readonly string[];
  readonly kind: Check["kind"];
  /**
   * `blocked`: it failed on a behaviour another check owns, and that check failed too (`blockedBy`);
   * fix that one first. A blocked check counts as not passing.
   */
  readonly status: "passed" | "failed" | "skipped" | "blocked";
  /** Why it was skipped. */
  readonly reason?: string;
  readonly durationMs: number;
  readonly params: PropertyParams;
  /** How bad its failure is (for a blocked check: its root cause's). */
  readonly severity: Severity;
  /** What upstream's reference store does, for checks stricter than upstream. */
  readonly upstream?: string;
  /** The failed check whose behaviour this one depends on, when `status` is `blocked`. */
  readonly blockedBy?: string;
  /** Why it failed, and the operations that led there. */
  readonly failure?: FailureDetails & { readonly operations: readonly string[] };
}

/** One distinct failing behaviour: the check that owns it, and the checks it blocks. */
export interface RootCause {
  readonly check: string;
  readonly statement: string;
  readonly severity: Severity;
  /** What upstream's reference store does, when the contract is stricter than upstream here. */
  readonly upstream?: string;
  /** The checks reported as blocked by this one. */
  readonly blocks: readonly string[];
}

/** Every check's result, in plan order. */
export interface ConformanceReport {
  readonly results: readonly CheckResult[];
  /** The deviations declared for the run, each with what it means; their owner checks are skipped as declared. */
  readonly deviations: readonly { readonly name: string; readonly what: string; readonly check: string }[];
  /** Each distinct failing behaviour once, worst severity first, with the checks it blocks. */
  readonly rootCauses: readonly RootCause[];
  /** Checks blocked by another check's failure (not counted in `failed`). */
  readonly blocked: number;
  /** What went wrong before any check could run (`setup`, or `createStore` on its first call); then no check ran. */
  readonly setupFailure?: SetupFailure;
  /** `teardown` threw after the checks ran. */
  readonly teardownFailure?: SetupFailure;
  readonly passed: number;
  readonly failed: number;
  readonly skipped: number;
  readonly durationMs: number;
  /** The base seed, numRuns and thoroughness used. */
  readonly settings: { readonly seed: number; readonly numRuns: number; readonly thorough: boolean };
}

const DEFAULT_SEED = 20261128;
const DEFAULT_RUNS = 100;

/** FNV-1a of a string, as an unsigned 32-bit integer. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** The declared deviations: `profile`'s, then `deviations`; an unknown name or a non-boolean value is a misuse. */
export function resolveDeviations<TContext>(options: ConformanceOptions<TContext>): Readonly<Deviations> {
  if (options.profile !== undefined && options.profile !== "upstream") misuse(`profile must be "upstream", got ${show(options.profile)}${didYouMean(String(options.profile), ["upstream"])}`);
  const given = options.deviations ?? {};
  if (given === null || typeof given !== "object" || Array.isArray(given)) badOption("deviations", "must be an object like { saveItemUpdateOnly: true }", given);
  const known = Object.keys(DEVIATIONS);
  for (const [name, value] of Object.entries(given)) {
    if (!known.includes(name)) misuse(`deviations names an unknown deviation "${name}"${didYouMean(name, known)}; the deviations are ${known.join(", ")}`);
    if (value !== undefined && typeof value !== "boolean") badOption(`deviations.${name}`, "must be true or false", value);
  }
  return { ...(options.profile === "upstream" ? UPSTREAM_PROFILE : {}), ...given };
}

/** The capabilities with defaults filled in; an unknown name or a non-boolean value is a misuse. */
export function resolveCapabilities(given: Partial<Capabilities> | undefined): Readonly<Required<Capabilities>> {
  if (given === undefined) return DEFAULT_CAPABILITIES;
  if (given === null || typeof given !== "object" || Array.isArray(given)) badOption("capabilities", "must be an object like { attachments: false }", given);
  const known = Object.keys(DEFAULT_CAPABILITIES);
  for (const [name, value] of Object.entries(given)) {
    if (!known.includes(name)) misuse(`capabilities names an unknown capability "${name}"${didYouMean(name, known)}; the capabilities are ${known.join(", ")}`);
    if (value !== undefined && typeof value !== "boolean") badOption(`capabilities.${name}`, "must be true or false", value);
  }
  return { ...DEFAULT_CAPABILITIES, ...given };
}

interface Settings {
  seed: number;
  numRuns: number;
  thorough: boolean;
  replay: Replay | null;
  only: Set<string> | null;
  timeZone: string | null;
}

function parseReplay(value: Replay | string | undefined): Replay | null {
  if (value === undefined || value === "") return null;
  let replay: unknown = value;
  if (typeof value === "string") {
    try {
      replay = JSON.parse(value);
    } catch {
      badOption("replay", "must be the JSON printed after `replay:`", value);
    }
  }
  const r = replay as Partial<Replay>;
  if (typeof r !== "object" || r === null || typeof r.check !== "string" || typeof r.seed !== "number") {
    badOption("replay", 'must look like {"check":"paging.walk-property","seed":1,"path":"0:1"}', value);
  }
  return r as Replay;
}

function resolveSettings<TContext>(options: ConformanceOptions<TContext>): Settings {
  const env = options.env ?? (typeof process !== "undefined" ? process.env : {});
  let seed = options.seed ?? DEFAULT_SEED;
  const envSeed = env.CHATKIT_TESTKIT_SEED;
  if (envSeed !== undefined && envSeed !== "") {
    if (envSeed === "random") seed = (Math.random() * 2 ** 31) | 0;
    else if (/^-?\d+$/.test(envSeed)) seed = Number(envSeed);
    else badOption("CHATKIT_TESTKIT_SEED", "must be an integer or `random`", envSeed);
  }
  if (!Number.isSafeInteger(seed)) badOption("seed", "must be an integer", seed);
  const thorough = options.thorough ?? (env.CHATKIT_TESTKIT_THOROUGH === "1" || env.CHATKIT_TESTKIT_THOROUGH === "true");
  let numRuns = options.numRuns ?? DEFAULT_RUNS * (thorough ? 10 : 1);
  const envRuns = env.CHATKIT_TESTKIT_NUM_RUNS;
  if (envRuns !== undefined && envRuns !== "") {
    numRuns = Number(envRuns);
    if (!Number.isSafeInteger(numRuns) || numRuns < 1) badOption("CHATKIT_TESTKIT_NUM_RUNS", "must be an integer ≥ 1", envRuns);
  }
  if (!Number.isSafeInteger(numRuns) || numRuns < 1) badOption("numRuns", "must be an integer ≥ 1", numRuns);
  const replay = parseReplay(options.replay ?? env.CHATKIT_TESTKIT_REPLAY);
  const onlyList = options.only ?? (env.CHATKIT_TESTKIT_ONLY ? env.CHATKIT_TESTKIT_ONLY.split(",").map((s) => s.trim()) : null);
  const only = replay ? new Set([replay.check]) : onlyList ? new Set<string>(onlyList) : null;
  const envZone = env.CHATKIT_TESTKIT_TZ;
  let zone: string | false = options.timeZone ?? DEFAULT_TIME_ZONE;
  if (envZone !== undefined && envZone !== "") zone = envZone === "machine" ? false : envZone;
  if (zone !== false && (typeof zone !== "string" || !isKnownTimeZone(zone))) badOption("timeZone", "must be an IANA time zone name (e.g. \"Asia/Kathmandu\") or false", zone);
  return { seed, numRuns, thorough, replay, only, timeZone: zone === false ? null : zone };
}

/**
 * Decides, for every check, whether it runs and with which parameters. Skips name their reason:
 * a named skip, a missing capability, or not selected by `only` / a replay.
 * @throws {TypeError} for unknown check ids in `skip` or `only`, and malformed options
 */
export function planChecks<TContext>(options: ConformanceOptions<TContext>): PlannedCheck[] {
  const settings = resolveSettings(options);
  return plan(options, settings);
}

function plan<TContext>(options: ConformanceOptions<TContext>, settings: Settings): PlannedCheck[] {
  checkFactory(options);
  const checks = options.checks ?? ALL_CHECKS;
  const known = new Set(checks.map((c) => c.id));
  for (const id of Object.keys(options.skip ?? {})) if (!known.has(id)) misuse(`skip names an unknown check "${id}"${didYouMean(id, known)} (\`chatkit-testkit list\` lists them)`);
  if (settings.only) for (const id of settings.only) if (!known.has(id)) misuse(`only names an unknown check "${id}"${didYouMean(id, known)} (\`chatkit-testkit list\` lists them)`);
  const caps = resolveCapabilities(options.capabilities);
  const deviations = resolveDeviations(options);
  const owners = new Map(declared(deviations).map((d) => [DEVIATIONS[d].owner, d]));
  return checks.map((check) => {
    const replaying = settings.replay?.check === check.id ? settings.replay : null;
    const params: PropertyParams = {
      seed: replaying ? replaying.seed : (hash(check.id) ^ settings.seed) | 0,
      numRuns: settings.numRuns,
      ...(replaying?.path ? { path: replaying.path } : {}),
      ...(replaying?.replayPath ? { replayPath: replaying.replayPath } : {}),
    };
    const base = { check, id: check.id, statement: check.statement, params, timeZone: settings.timeZone, repairs: new Set<Repair>(declared(deviations)) };
    const deviation = owners.get(check.id);
    // The owner of a declared deviation checks the declaration itself, on the store without adapter.
    if (deviation !== undefined) return { ...base, check: verificationOf(deviation, check), repairs: new Set<Repair>(), declared: deviation, skipped: false };
    const named = (options.skip as Record<string, string> | undefined)?.[check.id];
    if (named !== undefined) {
      if (typeof named !== "string" || named.trim() === "") badOption(`skip["${check.id}"]`, "must be a non-empty reason", named);
      return { ...base, skipped: true, reason: named };
    }
    const missing = (check.requires ?? []).filter((c) => !caps[c]);
    if (missing.length) return { ...base, skipped: true, reason: `capabilities.${missing.join(", capabilities.")} is false` };
    if (settings.only && !settings.only.has(check.id)) {
      return { ...base, skipped: true, reason: settings.replay ? `replaying ${settings.replay.check}` : "not selected by `only`" };
    }
    return { ...base, skipped: false };
  });
}

/** The per-check time limit when `timeoutMs` is not given, in milliseconds. */
export const DEFAULT_TIMEOUT_MS = 120_000;

/** How a time-out's `expected` starts: {@link timedOut} recognizes a time-out by it. */
const TIMEOUT_EXPECTED = "the check finishes within";

/** The fields of a check's result that do not depend on how it ran. */
function resultBase(check: Check, params: PropertyParams) {
  return {
    id: check.id,
    statement: check.statement,
    rules: check.rules,
    kind: check.kind,
    params,
    severity: severityOf(check),
    ...(check.upstream ? { upstream: check.upstream } : {}),
  };
}

/** Runs `run`, failing when it has not settled within `timeoutMs`; the timer is cleared when the race settles. */
async function withinTimeout<T>(run: () => Promise<T>, timeoutMs: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await Promise.race([
      run(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new CheckFailure({ expected: `${TIMEOUT_EXPECTED} ${timeoutMs} ms`, seen: "it was still running (a store call never settled?)" })), timeoutMs);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** Runs `run` under the IANA zone `zone` (restored when it settles), or the machine's when null. */
function inTimeZone<T>(zone: string | null, run: () => Promise<T>): Promise<T> {
  return zone === null ? run() : withTimeZone(zone, run);
}

/** What an error thrown by a check means: its CheckFailure's details, or an unexpected error, with the operations. */
function failureOf(error: unknown, operations: readonly string[]): RunFailure {
  const details: FailureDetails =
    error instanceof CheckFailure
      ? error.details
      : { expected: "the check runs without an unexpected error", seen: `it threw ${describeError(error)}`, cause: error };
  return { ...details, operations: details.counterexample ? [] : [...operations] };
}

/** Runs the check under its zone and time limit; why it failed, or undefined when it passed. */
async function attempt<TContext>(planned: PlannedCheck, env: CheckEnv<TContext>, timeoutMs: number, operations: readonly string[]): Promise<RunFailure | undefined> {
  try {
    // The zone is restored when the race settles, also when the check timed out and still runs.
    await inTimeZone(planned.timeZone, () => withinTimeout(() => planned.check.run(env), timeoutMs));
    return undefined;
  } catch (error) {
    return failureOf(error, operations);
  }
}

/** The result of a check that ran: passed, failed (with its severity), or a declared deviation verified. */
function verdictOf(planned: PlannedCheck, base: ReturnType<typeof resultBase>, failure: RunFailure | undefined, durationMs: number): CheckResult {
  if (!failure && planned.declared) return { ...base, status: "skipped", reason: `declared deviation ${planned.declared}: ${DEVIATIONS[planned.declared].what} (verified)`, durationMs };
  if (failure) return { ...base, severity: failure.severity ?? severityOfFailure(planned.check, failure), status: "failed", durationMs, failure };
  return { ...base, status: "passed", durationMs };
}

/**
 * Runs one planned check against fresh stores and returns its result. Never throws for a store's
 * misbehaviour: that is a failed result.
 */
export async function runCheck<TContext>(planned: PlannedCheck, options: ConformanceOptions<TContext>, usedRepairs?: Set<Repair>): Promise<CheckResult> {
  const started = performance.now();
  const base = resultBase(planned.check, planned.params);
  if (planned.skipped) return { ...base, status: "skipped", reason: planned.reason ?? "skipped", durationMs: 0 };
  const state: RunState<TContext> = { runId: newRunId(planned.check.id), operations: [], stores: new StoreLifetimes(options), ...(usedRepairs ? { usedRepairs } : {}) };
  const env = checkEnvOf(planned, options, resolveCapabilities(options.capabilities), state);
  const failed = await attempt(planned, env, options.timeoutMs ?? DEFAULT_TIMEOUT_MS, state.operations);
  const released = await state.stores.releaseAll();
  return verdictOf(planned, base, failed ?? released, performance.now() - started);
}

/** Progress callbacks of {@link runChecks}. */
export interface RunObserver {
  onStart?(planned: PlannedCheck, index: number, total: number): void;
  onResult?(result: CheckResult, index: number, total: number): void;
}

/**
 * Plans and runs every check, one at a time, and returns the report. Never throws for a store's
 * misbehaviour; throws only for malformed options.
 */
export async function runChecks<TContext>(options: ConformanceOptions<TContext>, observer: RunObserver = {}): Promise<ConformanceReport> {
  const settings = resolveSettings(options);
  const planned = plan(options, settings);
  const started = performance.now();
  const results: CheckResult[] = [];
  const setupFailure = await startRun(options);
  let teardownFailure: SetupFailure | null = null;
  try {
    for (let i = 0; i < planned.length; i++) {
      const p = planned[i]!;
      observer.onStart?.(p, i, planned.length);
      const result: CheckResult = setupFailure
        ? { id: p.id, statement: p.statement, rules: p.check.rules, kind: p.check.kind, params: p.params, severity: severityOf(p.check), status: "skipped", reason: `not run: ${setupFailure.step} failed`, durationMs: 0 }
        : await runCheck(p, options);
      results.push(result);
      observer.onResult?.(result, i, planned.length);
    }
  } finally {
    teardownFailure = await finishRun(options);
  }
  const verdicts = await explainFailures(planned, results, options);
  return {
    results: verdicts,
    deviations: declared(resolveDeviations(options)).map((d) => ({ name: d, what: DEVIATIONS[d].what, check: DEVIATIONS[d].owner })),
    rootCauses: rootCausesOf(verdicts),
    blocked: verdicts.filter((r) => r.status === "blocked").length,
    ...(setupFailure ? { setupFailure } : {}),
    ...(teardownFailure ? { teardownFailure } : {}),
    passed: verdicts.filter((r) => r.status === "passed").length,
    failed: verdicts.filter((r) => r.status === "failed").length,
    skipped: verdicts.filter((r) => r.status === "skipped").length,
    durationMs: performance.now() - started,
    settings: { seed: settings.seed, numRuns: settings.numRuns, thorough: settings.thorough },
  };
}

/**
 * Whether a failed check fails only because of a behaviour another failed check owns: it is run again
 * with that behaviour repaired by an adapter (a NotFoundError given its name, `after` cleared on the last
 * page, desc computed as the reverse of asc, an update-only saveItem turned into an upsert…), and if it
 * then passes, that owner blocks it. `ownerResult` gives the owners' own results.
 * @returns the id of the blocking check, or undefined when the failure is the check's own
 */
export async function blockerOf<TContext>(
  planned: PlannedCheck,
  result: CheckResult,
  ownerResult: (id: string) => CheckResult | undefined | Promise<CheckResult | undefined>,
  options: ConformanceOptions<TContext>,
): Promise<string | undefined> {
  if (result.status !== "failed" || planned.declared || timedOut(result)) return undefined;
  const candidates: Repair[] = [];
  for (const repair of Object.keys(REPAIR_OWNERS) as Repair[]) {
    const owner = REPAIR_OWNERS[repair];
    if (owner === result.id || planned.repairs.has(repair)) continue;
    const r = await ownerResult(owner);
    if (r?.status === "failed" && !timedOut(r)) candidates.push(repair);
  }
  if (candidates.length === 0) return undefined;
  // A check that explores with randomness or timing first runs again as it was: when that passes, the
  // failure depends on timing and no other check is to blame for it.
  if (result.kind !== "example" && (await runCheck(planned, options)).status === "passed") return undefined;
  // the owner the failure itself names goes first
  const hint = result.failure?.blockedBy;
  candidates.sort((a, b) => Number(REPAIR_OWNERS[b] === hint) - Number(REPAIR_OWNERS[a] === hint));
  const attempts: Repair[][] = [...candidates.map((c) => [c]), ...(candidates.length > 1 ? [candidates] : [])];
  for (const attempt of attempts) {
    const used = new Set<Repair>();
    const again = await runCheck({ ...planned, repairs: new Set([...planned.repairs, ...attempt]) }, options, used);
    // blame only repairs that changed something on the way to the pass
    const blamed = attempt.filter((r) => used.has(r));
    if (again.status === "passed" && blamed.length === attempt.length) return blamed.map((r) => REPAIR_OWNERS[r]).join(" and ");
  }
  return undefined;
}

/** Marks each failed check that passes once another failed check's behaviour is repaired as blocked by it. */
async function explainFailures<TContext>(planned: readonly PlannedCheck[], results: readonly CheckResult[], options: ConformanceOptions<TContext>): Promise<CheckResult[]> {
  const byId = new Map(results.map((r) => [r.id, r]));
  const blockers = new Map<string, string>();
  for (const [i, r] of results.entries()) {
    const blocker = await blockerOf(planned[i]!, r, (id) => byId.get(id), options);
    if (blocker !== undefined) blockers.set(r.id, blocker);
  }
  // An owner blocked by another owner passes the blame on; two that blame each other both stay failed.
  const rootOf = (id: string): string | undefined => {
    let at = blockers.get(id);
    const seen = new Set([id]);
    while (at !== undefined && blockers.has(at.split(" and ")[0]!)) {
      const next = at.split(" and ")[0]!;
      if (seen.has(next)) return undefined;
      seen.add(next);
      at = blockers.get(next);
    }
    return at;
  };
  return results.map((r) => {
    const root = blockers.has(r.id) ? rootOf(r.id) : undefined;
    if (root === undefined) return r;
    const first = byId.get(root.split(" and ")[0]!);
    // a blocked check keeps the worse of its own severity and its root cause's
    const severity = first && SEVERITY_RANK[first.severity] < SEVERITY_RANK[r.severity] ? first.severity : r.severity;
    return { ...r, status: "blocked", blockedBy: root, severity };
  });
}

const SEVERITY_RANK: Record<Severity, number> = { "loses-or-leaks-data": 0, "breaks-clients": 1, "stricter-than-upstream": 2 };

/** Every failed check is a root cause; the blocked checks are listed under the one that blocks them. */
export function rootCausesOf(results: readonly CheckResult[]): RootCause[] {
  return results
    .filter((r) => r.status === "failed")
    .map((r) => ({
      check: r.id,
      statement: r.statement,
      severity: r.failure?.severity ?? r.severity,
      ...(r.upstream ? { upstream: r.upstream } : {}),
      blocks: results.filter((b) => b.status === "blocked" && (b.blockedBy ?? "").split(" and ").includes(r.id)).map((b) => b.id),
    }))
    .sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]);
}

/** Whether a result is a time-out: such a check is not run again, and never blamed on another. */
function timedOut(result: CheckResult): boolean {
  return result.failure?.expected.startsWith(TIMEOUT_EXPECTED) ?? false;
}

/**
 * A failure's severity: `stricter-than-upstream` only where the check says the failure is exactly what
 * upstream's reference store does (its `upstreamFailure`); otherwise by the check's first rule.
 */
function severityOfFailure(check: Check, failure: FailureDetails): Severity {
  const declared = severityOf(check);
  if (declared !== "stricter-than-upstream") return declared;
  return check.upstreamFailure?.(failure) ? declared : RULE_SEVERITY[check.rules[0] ?? "C-ERR"];
}

/** Whether `value` has every store method; the names of those it lacks. */
function missingMethods(value: unknown): string[] {
  if (value === null || typeof value !== "object") return [...STORE_METHODS];
  return STORE_METHODS.filter((m) => typeof (value as Record<string, unknown>)[m] !== "function");
}

/**
 * Checks the options a run cannot start without (`createStore` a function, not a store), runs `setup`,
 * and makes and releases one store, so a factory that throws is one set-up failure, not one failure per
 * check. Front-ends call it once before the checks (the vitest adapter in `beforeAll`).
 * @throws {TypeError} for misuse of the options (a store instance where the factory belongs)
 */
export async function startRun<TContext>(options: ConformanceOptions<TContext>): Promise<SetupFailure | null> {
  checkFactory(options);
  try {
    await options.setup?.();
  } catch (error) {
    return { step: "setup", expected: "setup() succeeds", seen: `it threw ${describeError(error)}`, cause: error };
  }
  let store: AnyStore<TContext>;
  try {
    store = await options.createStore();
  } catch (error) {
    return { step: "createStore", expected: "createStore() returns a fresh store", seen: `it threw ${describeError(error)}`, cause: error };
  }
  const missing = missingMethods(store);
  if (missing.length) {
    return {
      step: "createStore",
      expected: "createStore() returns a store with the 14 methods of the contract",
      seen: store === null || typeof store !== "object" ? `it returned ${show(store)}` : `it returned an object without ${missing.join(", ")}`,
    };
  }
  try {
    await options.destroyStore?.(store);
  } catch (error) {
    return { step: "createStore", expected: "destroyStore() releases the first store", seen: `it threw ${describeError(error)}`, cause: error };
  }
  return null;
}

/** Runs `teardown`; its failure, if any. Front-ends call it once after the checks (vitest: `afterAll`). */
export async function finishRun<TContext>(options: ConformanceOptions<TContext>): Promise<SetupFailure | null> {
  try {
    await options.teardown?.();
    return null;
  } catch (error) {
    return { step: "teardown", expected: "teardown() succeeds", seen: `it threw ${describeError(error)}`, cause: error };
  }
}

/** `createStore` must be a factory: a store instance (or anything else) there is a misuse, named as such. */
function checkFactory<TContext>(options: ConformanceOptions<TContext>): void {
  if (options === null || typeof options !== "object") misuse("runChecks needs an options object with createStore");
  const o = options as unknown as Record<string, unknown>;
  for (const name of ["destroyStore", "setup", "teardown", "makeContext"]) {
    if (o[name] !== undefined && typeof o[name] !== "function") badOption(name, "must be a function", o[name]);
  }
  if (o.only !== undefined && !Array.isArray(o.only)) badOption("only", 'must be an array of check ids, e.g. ["cursor.unknown"]', o.only);
  if (o.skip !== undefined && (o.skip === null || typeof o.skip !== "object" || Array.isArray(o.skip))) badOption("skip", 'must be an object of { "<check id>": "reason" }', o.skip);
  if (o.timeoutMs !== undefined && (typeof o.timeoutMs !== "number" || !Number.isFinite(o.timeoutMs) || o.timeoutMs <= 0)) badOption("timeoutMs", "must be a positive number of milliseconds", o.timeoutMs);
  if (o.contexts !== undefined && (!Array.isArray(o.contexts) || o.contexts.length < 2 || o.contexts.some((c) => c === undefined || c === null))) {
    badOption("contexts", "must be two or more contexts of distinct scopes", o.contexts);
  }
  const factory = (options as { createStore?: unknown }).createStore;
  if (typeof factory === "function" && /^class[\s{]/.test(Function.prototype.toString.call(factory))) {
    misuse("createStore is a class; it must be a function that returns a fresh store for each check: createStore: () => new MyStore()");
  }
  if (typeof factory === "function") return;
  if (factory !== null && typeof factory === "object" && missingMethods(factory).length < STORE_METHODS.length / 2) {
    misuse("createStore is a store instance; it must be a function that returns a fresh store for each check: createStore: () => new MyStore()");
  }
  badOption("createStore", "must be a function that returns a fresh store", factory);
}
