/**
 * A transparent proxy that records every store call as a readable operation, so a failing example
 * check prints the script that led to it (`saveThread(thr_a) @A · loadThreadItems(thr_a, after=null, 2, "asc") @A`).
 * @internal
 */
import { show } from "../errors/render.js";
import { interceptMethods } from "../store/intercept.js";
import { STORE_METHODS } from "../store/Store.js";
import type { AnyStore } from "./Check.js";
import { describeError } from "./expect.js";

/** An argument in the call log: scalars as {@link show} renders them (strings cut at 40), records by type, id and created_at. */
function brief(value: unknown): string {
  if (value === null || value === undefined || typeof value === "string" || typeof value === "number" || typeof value === "boolean") return show(value, { max: 40 });
  if (typeof value === "object") {
    const v = value as Record<string, unknown>;
    const parts: string[] = [];
    for (const k of ["type", "id", "created_at"]) if (k in v) parts.push(`${k}: ${brief(v[k])}`);
    if ("items" in v) parts.push("items: …");
    return parts.length ? `{ ${parts.join(", ")} }` : "{…}";
  }
  return typeof value;
}

/** The recorded entry of each call's result promise and of each error a call threw. */
const entries = new WeakMap<object, string>();

/**
 * The recorded entry (`saveThread({ id: "thr_a", … }) @A`) of the call that returned `promise` or
 * threw `error`, so assertions can name the call without a hand-written label.
 */
export function recordedCall(value: unknown): string | undefined {
  return value !== null && (typeof value === "object" || typeof value === "function") ? entries.get(value) : undefined;
}

function remember(value: unknown, entry: string): void {
  if (value !== null && (typeof value === "object" || typeof value === "function") && !entries.has(value)) entries.set(value, entry);
}

/**
 * Wraps `store` so each call is appended to `log` as `method(args) @scope`, with `→ ErrorName` when it
 * threw. `scopeName(context)` names the context's scope ("A", "B").
 */
export function recordCalls<TContext>(store: AnyStore<TContext>, log: string[], scopeName: (context: unknown) => string): AnyStore<TContext> {
  const failed = (error: unknown, entry: string, index: number) => {
    log[index] = `${entry} → ${describeError(error).split(":")[0]}`;
    remember(error, entry);
  };
  const wrapped = interceptMethods<{ entry: string; index: number }>(store, STORE_METHODS, {
    before(method, args) {
      const entry = `${method}(${args.slice(0, -1).map(brief).join(", ")}) @${scopeName(args[args.length - 1])}`;
      log.push(entry);
      return { entry, index: log.length - 1 };
    },
    error: (error, _method, _args, { entry, index }) => failed(error, entry, index),
    promised: (promise, _method, _args, { entry }) => remember(promise, entry),
  });
  return new Proxy(store, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof prop !== "string" || !Object.prototype.hasOwnProperty.call(wrapped, prop) || typeof value !== "function") return value;
      return wrapped[prop];
    },
  });
}
