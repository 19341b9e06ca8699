/**
 * `faultyStore(store, plan)`: a {@link Store} that delegates every call, except that chosen calls fail or
 * are delayed: to test what a server (or the simulator) does when its store breaks.
 * @packageDocumentation
 */
import { show } from "../model/json.js";
import { InvalidArgumentError } from "../errors/errors.js";
import type { ChatKitModel, ModelTypes, Store } from "../store/Store.js";
import { STORE_METHODS } from "../store/Store.js";
import type { StoreMethod } from "./recordingStore.js";
import { prefixed } from "../errors/render.js";
import { interceptMethods } from "../store/intercept.js";

/** A call as a fault rule sees it. */
export interface FaultCall {
  readonly method: StoreMethod;
  /** The arguments without the context. */
  readonly args: readonly unknown[];
  readonly context: unknown;
  /** 1-based: this is the n-th call of `method`. */
  readonly n: number;
}

/** One rule of a fault plan. A call is affected by the first rule that matches it. */
export interface FaultRule {
  /** Which methods: a name, several, or `"*"` for all. */
  method: StoreMethod | readonly StoreMethod[] | "*";
  /** Only the n-th call(s) of the method (1-based, counted per method over the store's life). @defaultValue every call */
  nth?: number | readonly number[];
  /** Only calls for which this returns true. */
  when?: (call: FaultCall) => boolean;
  /**
   * Fail the call: `true` for a default error, an error value to throw, or a function building one.
   * @defaultValue `true` unless `delay` is given (then the call only waits)
   */
  fail?: boolean | unknown;
  /**
   * Wait this many milliseconds before the call. Asynchronous methods only: naming a synchronous id
   * generator with a delay is an error, and a delay-only `"*"` rule skips them. @defaultValue 0
   */
  delay?: number;
  /**
   * `"before"`: fail without calling the wrapped store (nothing is written). `"after"`: call it, then fail
   * (the write happened but the caller sees an error). @defaultValue `"before"`
   */
  phase?: "before" | "after";
  /** Apply the rule at most this many times. @defaultValue unlimited */
  times?: number;
}

/** What a {@link FaultyStore} did to one call. */
export interface InjectedFault {
  readonly method: StoreMethod;
  readonly n: number;
  /** Index of the rule in the plan. */
  readonly rule: number;
  readonly kind: "fail" | "delay";
  readonly error?: unknown;
}

/** A {@link Store} with injected faults. */
export interface FaultyStore<TContext = unknown, M extends ModelTypes = ChatKitModel> extends Store<TContext, M> {
  /** Every fault injected so far, in order. */
  readonly injected: readonly InjectedFault[];
  /** Replaces the plan (call counts are kept). */
  setPlan(plan: FaultRule | readonly FaultRule[]): void;
  /** The wrapped store. */
  readonly inner: Store<TContext, M>;
}

/** The error a rule with `fail: true` throws. Recognised by `name` (`"InjectedFault"`). */
export class InjectedFaultError extends Error {
  override readonly name = "InjectedFault" as const;
  readonly method: StoreMethod;
  readonly n: number;
  constructor(method: StoreMethod, n: number) {
    super(prefixed(`faultyStore: injected failure in ${method} (call ${n})`));
    this.method = method;
    this.n = n;
  }
}

const SYNC_METHODS: readonly StoreMethod[] = ["generateThreadId", "generateItemId"];

function checkPlan(plan: FaultRule | readonly FaultRule[]): FaultRule[] {
  const rules = (Array.isArray(plan) ? plan : [plan]) as FaultRule[];
  rules.forEach((r, i) => {
    const at = `plan[${i}]`;
    if (r === null || typeof r !== "object") throw new InvalidArgumentError("faultyStore", at, `must be a rule object, got ${show(r)}`);
    const methods = r.method === "*" ? [...STORE_METHODS] : Array.isArray(r.method) ? r.method : [r.method];
    for (const m of methods) {
      if (!(STORE_METHODS as readonly string[]).includes(m as string)) {
        throw new InvalidArgumentError("faultyStore", `${at}.method`, `must be "*" or one of ${STORE_METHODS.join(", ")}, got ${show(m)}`);
      }
    }
    const nths = r.nth === undefined ? [] : Array.isArray(r.nth) ? r.nth : [r.nth];
    for (const n of nths) {
      if (!Number.isSafeInteger(n) || (n as number) < 1) throw new InvalidArgumentError("faultyStore", `${at}.nth`, `must be an integer ≥ 1, got ${show(n)}`);
    }
    if (r.delay !== undefined && (typeof r.delay !== "number" || !(r.delay >= 0) || !Number.isFinite(r.delay))) {
      throw new InvalidArgumentError("faultyStore", `${at}.delay`, `must be a finite number ≥ 0, got ${show(r.delay)}`);
    }
    if (r.delay && r.method !== "*" && methods.some((m) => SYNC_METHODS.includes(m as StoreMethod))) {
      throw new InvalidArgumentError("faultyStore", `${at}.delay`, `cannot delay the synchronous methods generateThreadId and generateItemId, got ${show(r.delay)}`);
    }
    if (r.phase !== undefined && r.phase !== "before" && r.phase !== "after") {
      throw new InvalidArgumentError("faultyStore", `${at}.phase`, `must be "before" or "after", got ${show(r.phase)}`);
    }
    if (r.times !== undefined && (!Number.isSafeInteger(r.times) || r.times < 0)) {
      throw new InvalidArgumentError("faultyStore", `${at}.times`, `must be an integer ≥ 0, got ${show(r.times)}`);
    }
  });
  return rules;
}

function matches(rule: FaultRule, call: FaultCall): boolean {
  const methods = rule.method === "*" ? null : Array.isArray(rule.method) ? rule.method : [rule.method];
  if (methods && !methods.includes(call.method)) return false;
  if (rule.nth !== undefined && !(Array.isArray(rule.nth) ? rule.nth : [rule.nth]).includes(call.n)) return false;
  return !rule.when || rule.when(call);
}

/** Whether a rule fails the call (else it only delays it). */
function failsOf(rule: FaultRule): boolean {
  return rule.fail !== false && !(rule.fail === undefined && rule.delay !== undefined);
}

function errorOf(rule: FaultRule, call: FaultCall): unknown {
  const f = rule.fail;
  if (f === true || f === undefined) return new InjectedFaultError(call.method, call.n);
  if (typeof f === "function") return (f as (c: FaultCall) => unknown)(call);
  return f;
}

/**
 * Wraps a store so that chosen calls fail or wait. Rules are matched in order; the first rule that
 * matches a call applies (counting toward its `times`). Calls no rule matches are delegated unchanged.
 *
 * @param store - the store to wrap
 * @param plan - one rule or several
 * @returns a faulty store
 * @throws {InvalidArgumentError} for a malformed plan (an unknown method name, `nth` 0, a delay on a synchronous method)
 * @example
 * ```ts
 * // the second addThreadItem fails (the reply): the simulator sends an error event
 * const store = faultyStore(new InMemoryStore(), { method: "addThreadItem", nth: 2 });
 * ```
 */
export function faultyStore<TContext, M extends ModelTypes = ChatKitModel>(store: Store<TContext, M>, plan: FaultRule | readonly FaultRule[] = []): FaultyStore<TContext, M> {
  if (typeof store !== "object" || store === null) throw new TypeError(prefixed(`faultyStore: store must be a Store, got ${store === null ? "null" : typeof store}`));
  let rules = checkPlan(plan);
  let used = rules.map(() => 0);
  const counts = new Map<StoreMethod, number>();
  const injected: InjectedFault[] = [];
  const wrapper = {
    get injected() {
      return injected;
    },
    setPlan(next: FaultRule | readonly FaultRule[]) {
      rules = checkPlan(next);
      used = rules.map(() => 0);
    },
    inner: store,
  } as Record<string, unknown>;

  type Planned = { call: FaultCall; sync: boolean; index: number };
  const wrapped = interceptMethods<Planned>(store, STORE_METHODS, {
    before(name, all) {
      const method = name as StoreMethod;
      const sync = SYNC_METHODS.includes(method);
      const n = (counts.get(method) ?? 0) + 1;
      counts.set(method, n);
      const call: FaultCall = { method, args: all.slice(0, -1), context: all[all.length - 1], n };
      // A delay-only rule never matches the synchronous id generators ("*" included): they cannot wait.
      const index = rules.findIndex((r, i) => (r.times === undefined || used[i]! < r.times) && !(sync && !failsOf(r)) && matches(r, call));
      if (index !== -1) used[index]!++;
      return { call, sync, index };
    },
    around(delegate, _name, _all, { call, sync, index }) {
      if (index === -1) return delegate();
      const rule = rules[index]!;
      const { method, n } = call;
      const fails = failsOf(rule);
      if (sync) {
        if (!fails) return delegate();
        const error = errorOf(rule, call);
        injected.push({ method, n, rule: index, kind: "fail", error });
        if (rule.phase === "after") delegate();
        throw error;
      }
      return (async () => {
        if (rule.delay) {
          if (!fails) injected.push({ method, n, rule: index, kind: "delay" });
          await new Promise((r) => setTimeout(r, rule.delay));
        }
        if (!fails) return delegate();
        const error = errorOf(rule, call);
        injected.push({ method, n, rule: index, kind: "fail", error });
        if (rule.phase === "after") await delegate();
        throw error;
      })();
    },
  }, "faultyStore");
  Object.assign(wrapper, wrapped);
  return wrapper as unknown as FaultyStore<TContext, M>;
}
