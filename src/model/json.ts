/**
 * JSON values: what every store can persist and hand back unchanged (C-ROUNDTRIP, C-ISOLATION).
 * @packageDocumentation
 */

/** A JSON value as it travels on the wire. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** A JSON object. */
export type JsonObject = { [key: string]: JsonValue };

/**
 * Why a value is not plain JSON, with the path of the offending part, or `null` when it is.
 * Used by {@link copyJson}; exported for the stores' argument checks.
 * @internal
 */
export interface JsonProblem {
  readonly path: string;
  readonly problem: string;
}

function describe(value: unknown): string {
  if (value === undefined) return "undefined";
  if (typeof value === "number") return String(value);
  if (typeof value === "bigint") return `${value}n (bigint)`;
  if (typeof value === "function") return "a function";
  if (typeof value === "symbol") return "a symbol";
  if (value instanceof Date) return "a Date (pass an ISO-8601 string)";
  if (value !== null && typeof value === "object") return `a ${value.constructor?.name ?? "null-prototype object"}`;
  return JSON.stringify(value);
}

/**
 * The deepest nesting of objects and arrays a record may have (the record itself is level 1), the same on
 * every bundled store (C-ID). 512 is far above any real ChatKit record (widget trees nest a few dozen
 * levels) and far below where recursion runs out of stack in this package's copy, `JSON.stringify` /
 * `JSON.parse` or pg-mem (a few thousand levels, varying with the engine, the caller's stack and JIT
 * warm-up), and below the Python SDK's default recursion limit of 1,000, so a record accepted here can
 * also be read by upstream.
 */
export const MAX_JSON_DEPTH = 512;

/**
 * Deep-copies a plain JSON value, or reports where it is not one.
 *
 * Plain objects (prototype `Object.prototype` or `null`), arrays, strings, finite numbers, booleans and
 * `null` are copied. Object properties whose value is `undefined` are dropped, as `JSON.stringify` does.
 * Anything else (functions, symbols, bigints, `NaN`, `Infinity`, `Date`, `Map`, class instances, cycles,
 * sparse arrays) is a problem, reported with its path (`content[2].data.when`). So is a value whose size
 * passes `maxSize`: the characters of its strings and keys, plus one for every other value.
 *
 * Every property is read exactly once, so what is checked afterwards is the copy, never a second read of
 * a getter that may answer differently.
 *
 * @internal
 */
export function copyJson(value: unknown, path = "$", maxSize = Infinity): { ok: true; value: JsonValue } | { ok: false; problem: JsonProblem } {
  const seen: unknown[] = [];
  let problem: JsonProblem | null = null;
  let size = 0;
  const tooBig = (): boolean => {
    if (size <= maxSize) return false;
    problem = { path, problem: `is larger than ${maxSize} (characters of its strings and keys, plus one per other value: the limit of every bundled store)` };
    return true;
  };

  const visit = (v: unknown, p: string, depth: number): JsonValue | undefined => {
    switch (typeof v) {
      case "string":
        size += v.length;
        return tooBig() ? undefined : v;
      case "boolean":
        size += 1;
        return tooBig() ? undefined : v;
      case "number":
        size += 1;
        if (tooBig()) return undefined;
        if (Number.isFinite(v)) return v;
        problem = { path: p, problem: `must be a finite number, got ${describe(v)}` };
        return undefined;
      case "object": {
        size += 1;
        if (tooBig()) return undefined;
        if (v === null) return null;
        if (depth > MAX_JSON_DEPTH) {
          // Reported at the root: the path of the offending level would be hundreds of segments long.
          problem = { path, problem: `nests deeper than ${MAX_JSON_DEPTH} levels of objects and arrays (the limit of every bundled store)` };
          return undefined;
        }
        if (seen.includes(v)) {
          problem = { path: p, problem: "is a circular reference" };
          return undefined;
        }
        if (Array.isArray(v)) {
          seen.push(v);
          const out: JsonValue[] = new Array(v.length);
          for (let i = 0; i < v.length; i++) {
            if (!(i in v)) {
              problem = { path: `${p}[${i}]`, problem: "is a hole in a sparse array" };
              return undefined;
            }
            const c = visit(v[i], `${p}[${i}]`, depth + 1);
            if (problem) return undefined;
            out[i] = c as JsonValue;
          }
          seen.pop();
          return out;
        }
        const proto = Object.getPrototypeOf(v);
        if (proto !== Object.prototype && proto !== null) {
          problem = { path: p, problem: `must be plain JSON, got ${describe(v)}` };
          return undefined;
        }
        seen.push(v);
        const out: JsonObject = {};
        for (const k of Object.keys(v)) {
          const raw = (v as Record<string, unknown>)[k];
          if (raw === undefined) continue;
          size += k.length;
          const c = visit(raw, /^[A-Za-z_$][\w$]*$/.test(k) ? `${p}.${k}` : `${p}[${JSON.stringify(k)}]`, depth + 1);
          if (problem) return undefined;
          // defineProperty keeps a "__proto__" key as data instead of changing the prototype.
          Object.defineProperty(out, k, { value: c, enumerable: true, writable: true, configurable: true });
        }
        seen.pop();
        return out;
      }
      default:
        problem = { path: p, problem: `must be plain JSON, got ${describe(v)}` };
        return undefined;
    }
  };

  const copy = visit(value, path, 1);
  if (problem) return { ok: false, problem };
  return { ok: true, value: copy as JsonValue };
}

/**
 * Sets `key` as an own enumerable data property, so a key named `"__proto__"` stays data instead of
 * changing the prototype. @internal
 */
export function defineData(target: object, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/**
 * Deep-copies a value already known to be plain JSON (it came out of {@link copyJson}).
 * Faster than `structuredClone` for this shape; used on every read so callers never hold store internals.
 * @internal
 */
export function cloneJson<T>(value: T): T {
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) {
    const out = new Array(value.length);
    for (let i = 0; i < value.length; i++) out[i] = cloneJson(value[i]);
    return out as T;
  }
  const out: Record<string, unknown> = {};
  // Own keys only: `for…in` would also copy enumerable inherited properties (a polluted Object.prototype).
  for (const k of Object.keys(value)) {
    if (k === "__proto__") {
      Object.defineProperty(out, k, { value: cloneJson((value as Record<string, unknown>)[k]), enumerable: true, writable: true, configurable: true });
    } else {
      out[k] = cloneJson((value as Record<string, unknown>)[k]);
    }
  }
  return out as T;
}

export { show } from "../errors/render.js";
