import { show } from "../model/json.js";
import { InvalidArgumentError } from "../errors/errors.js";
import type { ScopeOf } from "./Store.js";

/**
 * The `scope` option every bundled store takes (C-SCOPE):
 * - omitted: {@link defaultScope} (a non-empty string context, or a non-empty string `user_id` / `userId`);
 * - a function: derives the key from the context; it must return a non-empty string;
 * - `"single-tenant"`: every call, whatever its context, uses one shared scope (the key
 *   {@link SINGLE_TENANT_KEY}). Only for an application with exactly one user or tenant.
 */
export type ScopeOption<TContext> = ScopeOf<TContext> | "single-tenant";

/** The scope key of a store constructed with `scope: "single-tenant"` (what `snapshot()` shows). */
export const SINGLE_TENANT_KEY = "";

/** The key the default rule derives, or why there is none. */
function deriveDefault(context: unknown): string | { problem: string } {
  if (typeof context === "string") return context;
  if (context === null || typeof context !== "object" || Array.isArray(context)) return { problem: "" };
  // Own properties only: a user_id inherited from a polluted Object.prototype must not become everyone's scope.
  const own = (key: string): unknown => (Object.hasOwn(context, key) ? (context as Record<string, unknown>)[key] : undefined);
  const userId = own("user_id");
  const id = userId !== undefined ? userId : own("userId");
  if (id === undefined) return { problem: "" };
  if (typeof id !== "string") return { problem: ` (its ${userId !== undefined ? "user_id" : "userId"} is ${show(id)})` };
  return id;
}

const HINT = 'for one shared scope, construct the store with { scope: "single-tenant" }';

/**
 * The one place a missing scope key becomes an error (C-SCOPE fails closed): every method of every
 * bundled store throws exactly this for a context from which no key can be derived.
 */
function noScopeKey(method: string, context: unknown, detail: string): InvalidArgumentError {
  return new InvalidArgumentError(method, "context", `${detail}, got ${show(context)}; ${HINT}`);
}

function checkDefault(method: string, context: unknown): string {
  const key = deriveDefault(context);
  if (typeof key === "string" && key.length > 0) return key;
  const why = typeof key === "string" ? "" : key.problem;
  throw noScopeKey(method, context, `must give a scope key: a non-empty string, or an object with a non-empty string user_id or userId${why}`);
}

/**
 * The scope rule the stores use when none is configured (C-SCOPE):
 * - a non-empty string context is the scope itself;
 * - an object context with a non-empty string `user_id` (the upstream tests' shape) or `userId` uses it
 *   (`user_id` wins when both are present);
 * - anything else (`undefined`, `null`, `{}`, `{ user_id: "" }`, a number, an array, a non-string
 *   `user_id`) has no scope key and is an {@link InvalidArgumentError} naming `context` — never a shared
 *   default scope. Single-tenant use is the explicit store option `scope: "single-tenant"`.
 *
 * @throws {InvalidArgumentError} when no scope key can be derived
 */
export const defaultScope: ScopeOf<unknown> = (context) => checkDefault("defaultScope", context);

/** Resolves the scope key of a call; the one implementation of the `scope` option. @internal */
export type ScopeResolver<TContext> = (method: string, context: TContext) => string;

/**
 * Builds the scope resolver of a store from its `scope` option (checked here, at construction).
 * @param owner - the constructor, for the error message (`InMemoryStore`)
 * @throws {InvalidArgumentError} for an option that is not a function, `"single-tenant"` or undefined
 * @internal
 */
export function scopeResolver<TContext>(owner: string, option: unknown): ScopeResolver<TContext> {
  if (option === undefined) return checkDefault;
  if (option === "single-tenant") return () => SINGLE_TENANT_KEY;
  if (typeof option === "function") {
    const scopeOf = option as ScopeOf<TContext>;
    return (method, context) => resolveScope(scopeOf, method, context);
  }
  throw new InvalidArgumentError(owner, "options.scope", `must be a function of the context or "single-tenant", got ${show(option)}`);
}

/**
 * Applies a scope function and checks its result: a non-empty string, else the context has no scope key.
 * @internal
 */
export function resolveScope<TContext>(scopeOf: ScopeOf<TContext>, method: string, context: TContext): string {
  if (scopeOf === defaultScope) return checkDefault(method, context);
  const scope: unknown = scopeOf(context);
  if (typeof scope === "string" && scope.length > 0) return scope;
  throw noScopeKey(method, context, `must give a scope key: the scope option returned ${show(scope)}, not a non-empty string`);
}
