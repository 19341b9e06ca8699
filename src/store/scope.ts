import { show } from "../model/json.js";
import { InvalidArgumentError } from "./errors.js";
import type { ScopeOf } from "./Store.js";

/**
 * The scope a store uses when none is configured (C-SCOPE):
 * - a string context is the scope itself;
 * - an object context with a string `user_id` (the upstream tests' shape) or `userId` uses it;
 * - `undefined`, `null` or any other object is the single shared scope `""` — fine for a single-user
 *   test, wrong for a multi-tenant server: pass `scope` explicitly there.
 *
 * @throws {InvalidArgumentError} when `user_id`/`userId` is present but not a string
 */
export const defaultScope: ScopeOf<unknown> = (context) => {
  if (typeof context === "string") return context;
  if (context === null || context === undefined || typeof context !== "object") return "";
  const c = context as { user_id?: unknown; userId?: unknown };
  const id = c.user_id !== undefined ? c.user_id : c.userId;
  if (id === undefined) return "";
  if (typeof id !== "string") throw new InvalidArgumentError("scope", "context.user_id", `must be a string, got ${show(id)}`);
  return id;
};

/** Applies a scope function and checks its result. @internal */
export function resolveScope<TContext>(scopeOf: ScopeOf<TContext>, method: string, context: TContext): string {
  const scope = scopeOf(context);
  if (typeof scope !== "string") throw new InvalidArgumentError(method, "scope(context)", `must return a string, got ${show(scope)}`);
  return scope;
}
