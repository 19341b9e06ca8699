/**
 * JSON values: what every store can persist and hand back unchanged (C-ROUNDTRIP, C-ISOLATION).
 * @packageDocumentation
 */

import { show, showKey } from "../errors/render.js";

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
  // The path is a stack of keys, rendered only when there is a problem: a valid record costs no strings.
  const keys: (string | number)[] = [];
  const seen: object[] = [];
  let problem: JsonProblem | null = null;
  let size = 0;
  const fail = (text: string, atRoot = false): undefined => {
    problem = { path: atRoot ? path : renderPath(path, keys), problem: text };
    return undefined;
  };
  const tooBig = () => fail(`is larger than ${maxSize} (characters of its strings and keys, plus one per other value: the limit of every bundled store)`, true);

  const visit = (v: unknown, depth: number): JsonValue | undefined => {
    switch (typeof v) {
      case "string":
        size += v.length;
        return size > maxSize ? tooBig() : v;
      case "boolean":
        return ++size > maxSize ? tooBig() : v;
      case "number":
        if (++size > maxSize) return tooBig();
        if (!Number.isFinite(v)) return fail(`must be a finite number, got ${show(v, { as: "kind" })}`);
        return v === 0 ? 0 : v; // -0 is 0 in JSON: every store gives back the same number
      case "object": {
        if (++size > maxSize) return tooBig();
        if (v === null) return null;
        // Reported at the root: the path of the offending level would be hundreds of segments long.
        if (depth > MAX_JSON_DEPTH) return fail(`nests deeper than ${MAX_JSON_DEPTH} levels of objects and arrays (the limit of every bundled store)`, true);
        if (seen.includes(v)) return fail("is a circular reference");
        if (Array.isArray(v)) {
          seen.push(v);
          const n = v.length;
          const out: JsonValue[] = new Array(n);
          for (let i = 0; i < n; i++) {
            keys.push(i);
            if (!(i in v)) return fail("is a hole in a sparse array");
            const c = visit(v[i], depth + 1);
            if (problem) return undefined;
            out[i] = c as JsonValue;
            keys.pop();
          }
          seen.pop();
          return out;
        }
        const proto = Object.getPrototypeOf(v);
        if (proto !== Object.prototype && proto !== null) return fail(`must be plain JSON, got ${show(v, { as: "kind" })}`);
        seen.push(v);
        const out: JsonObject = {};
        for (const k of Object.keys(v)) {
          const raw = (v as Record<string, unknown>)[k];
          if (raw === undefined) continue;
          size += k.length;
          keys.push(k);
          const c = visit(raw, depth + 1);
          if (problem) return undefined;
          keys.pop();
          // A "__proto__" key stays data: plain assignment would change the copy's prototype instead.
          if (k === "__proto__") defineData(out, k, c);
          else out[k] = c as JsonValue;
        }
        seen.pop();
        return out;
      }
      default:
        return fail(`must be plain JSON, got ${show(v, { as: "kind" })}`);
    }
  };

  const copy = visit(value, 1);
  if (problem) return { ok: false, problem };
  return { ok: true, value: copy as JsonValue };
}

/**
 * `content[2].data.when`: the path of a value below `root`, the way JavaScript would spell it: `[2]` for an
 * index, `.name` for an identifier key (no dot at the very start), `["a b"]` for any other key (cut like an
 * id, {@link showKey}). Bounded like every message: a path more than 12 keys deep shows its first and last 4
 * keys. An empty path is `$`. The one path renderer of the toolkit (stores, validators, simulator). @internal
 */
export function renderPath(root: string, keys: readonly PropertyKey[]): string {
  const segment = (k: PropertyKey) =>
    typeof k === "number" ? `[${k}]` : typeof k === "string" && k.length <= 60 && /^[A-Za-z_$][\w$]*$/.test(k) ? `.${k}` : `[${showKey(String(k))}]`;
  const parts = keys.length <= 12 ? keys.map(segment) : [...keys.slice(0, 4).map(segment), `…(${keys.length - 8} more)`, ...keys.slice(-4).map(segment)];
  const out = root + parts.join("");
  return (root === "" && out.startsWith(".") ? out.slice(1) : out) || "$";
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

/**
 * A deep copy of any value as it is now, for a record of what happened (the recording store's calls, the
 * simulator's requests): `structuredClone` when the value can be cloned, else the value itself (a
 * function, a symbol, an object holding one). Never throws. @internal
 */
export function snapshot<T>(value: T): T {
  if (value === undefined || value === null || typeof value !== "object") return value;
  try {
    return structuredClone(value);
  } catch {
    return value;
  }
}

/**
 * Deep equality of JSON values: key order and `undefined` properties do not matter; -0 equals 0. With
 * `{ nullish: true }` (pydantic fields, as upstream compares them), `null`, `undefined` and a missing key
 * are also the same, and `NaN` equals `NaN`. Only own properties are read. @internal
 */
export function jsonEqual(a: unknown, b: unknown, options: { readonly nullish?: boolean } = {}): boolean {
  const nullish = options.nullish === true;
  const same = (x: unknown, y: unknown): boolean => {
    if (x === y) return true;
    if (nullish && (x === null || x === undefined) && (y === null || y === undefined)) return true;
    if (typeof x === "number" && typeof y === "number") return nullish && Number.isNaN(x) && Number.isNaN(y);
    if (x === null || y === null || typeof x !== "object" || typeof y !== "object" || Array.isArray(x) !== Array.isArray(y)) return false;
    if (Array.isArray(x)) {
      const ys = y as unknown[];
      if (x.length !== ys.length) return false;
      for (let i = 0; i < x.length; i++) if (!same(x[i], ys[i])) return false;
      return true;
    }
    const xo = x as Record<string, unknown>;
    const yo = y as Record<string, unknown>;
    const own = (o: Record<string, unknown>, k: string) => (Object.prototype.hasOwnProperty.call(o, k) ? o[k] : undefined);
    for (const k of Object.keys(xo)) if (!same(xo[k], own(yo, k))) return false;
    for (const k of Object.keys(yo)) if (!Object.prototype.hasOwnProperty.call(xo, k) && !same(undefined, yo[k])) return false;
    return true;
  };
  return same(a, b);
}

export { show } from "../errors/render.js";
