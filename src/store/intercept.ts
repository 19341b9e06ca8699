/**
 * `interceptMethods`: the one place where a wrapper around a store's methods (the harness's call log,
 * `recordingStore`, `faultyStore`) sees a call start and end, whatever the method does: return a value,
 * return a promise, throw, or reject.
 * @internal
 */
import { prefixed } from "../errors/render.js";

/** What a wrapper does around each call. `S` is what `before` hands to the other hooks for that call. */
export interface Interceptor<S = undefined> {
  /** As the call starts, before the target's method runs. Throwing here fails the call synchronously. */
  before?(method: string, args: unknown[]): S;
  /**
   * Runs the call instead of calling the target directly: `proceed()` calls the target's method with the
   * arguments. It may wait, throw, or call `proceed` late or never. @defaultValue `proceed()`
   */
  around?(proceed: () => unknown, method: string, args: unknown[], state: S): unknown;
  /** When the call returned a value, or its promise resolved. */
  after?(result: unknown, method: string, args: unknown[], state: S): void;
  /** When the call threw, or its promise rejected (the error is re-thrown unchanged afterwards). */
  error?(error: unknown, method: string, args: unknown[], state: S): void;
  /** The promise the wrapper returns for an asynchronous call (the hooks' chain, when there is one). */
  promised?(promise: Promise<unknown>, method: string, args: unknown[], state: S): void;
}

function isThenable(value: unknown): value is Promise<unknown> {
  return value !== null && (typeof value === "object" || typeof value === "function") && typeof (value as { then?: unknown }).then === "function";
}

/**
 * Wraps `methods` of `target`: each wrapper looks the method up on `target` when called (a missing one
 * is a TypeError naming `owner`), calls it with `this` the target and runs the hooks. A synchronous
 * result stays synchronous (a throw is thrown, a value returned); a promise is returned chained through
 * `after` and `error` when either is given, else as it is.
 * @param target - the wrapped object (a store)
 * @param methods - the names to wrap
 * @param hooks - what to do around each call
 * @param owner - who wraps, for the missing-method error (`recordingStore: the wrapped store has no method …`)
 * @returns one function per name
 */
export function interceptMethods<S = undefined>(target: object, methods: readonly string[], hooks: Interceptor<S>, owner = "interceptMethods"): Record<string, (...args: unknown[]) => unknown> {
  const out: Record<string, (...args: unknown[]) => unknown> = {};
  for (const method of methods) {
    out[method] = (...args: unknown[]) => {
      const fn = (target as Record<string, unknown>)[method];
      if (typeof fn !== "function") throw new TypeError(prefixed(`${owner}: the wrapped store has no method ${method}`));
      const state = hooks.before ? hooks.before(method, args) : (undefined as S);
      const proceed = () => (fn as (...a: unknown[]) => unknown).apply(target, args);
      let result: unknown;
      try {
        result = hooks.around ? hooks.around(proceed, method, args, state) : proceed();
      } catch (error) {
        hooks.error?.(error, method, args, state);
        throw error;
      }
      if (isThenable(result)) {
        const { after, error } = hooks;
        const promise =
          after || error
            ? result.then(
                (value) => {
                  after?.(value, method, args, state);
                  return value;
                },
                (e: unknown) => {
                  error?.(e, method, args, state);
                  throw e;
                },
              )
            : result;
        hooks.promised?.(promise, method, args, state);
        return promise;
      }
      hooks.after?.(result, method, args, state);
      return result;
    };
  }
  return out;
}
