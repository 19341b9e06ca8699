/**
 * How every message of this toolkit is written: one prefix, and bounded renderings of values and ids, so
 * that a message never embeds a 20 MB cursor or a whole record.
 * @packageDocumentation
 */

/** Prefix of every message thrown by this toolkit; {@link prefixed} is the only place it is added. @internal */
export const PREFIX = "[chatkit-testkit]";

/** `text` with the toolkit's prefix: `[chatkit-testkit] <text>`. @internal */
export function prefixed(text: string): string {
  return `${PREFIX} ${text}`;
}

/** Longest id or key shown whole in a message; longer ones are cut and their length given. */
const KEY_SHOWN = 120;

/**
 * An id or scope key for a message: quoted as JSON, whole up to 120 characters, else its first 100
 * characters and its length (`"aaaa…" (20000000 characters)`). The error's own fields keep the whole value.
 * @internal
 */
export function showKey(key: string): string {
  if (key.length <= KEY_SHOWN) return JSON.stringify(key);
  return `${JSON.stringify(key.slice(0, 100))}… (${key.length} characters)`;
}

/** How {@link show} renders a value. @internal */
export interface ShowOptions {
  /** The longest string (before quoting) or JSON text shown whole; longer ones keep `max - 3` characters and `...`. @defaultValue 80 */
  readonly max?: number;
  /** What `undefined` reads as. @defaultValue `"undefined"` */
  readonly undefinedAs?: string;
  /**
   * - `"value"`: the value itself, short: strings quoted, arrays, Dates and functions named by kind, other
   *   objects as JSON (`an object` when they cannot be);
   * - `"json"`: the value's JSON text, cut after quoting (`String(value)` where there is none);
   * - `"kind"`: what a value that is not plain JSON is (`a Map`, `a symbol`, `10n (bigint)`), for
   *   `must be plain JSON, got …`; plain strings, booleans and `null` as JSON.
   * @defaultValue `"value"`
   */
  readonly as?: "value" | "json" | "kind";
  /** Escape every character outside printable ASCII as `\uXXXX` (ids and scope keys that differ by an invisible character). */
  readonly ascii?: boolean;
}

function cut(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 3)}...` : text;
}

function kindOf(value: unknown): string {
  if (typeof value === "number") return String(value);
  if (typeof value === "bigint") return `${value}n (bigint)`;
  if (typeof value === "function") return "a function";
  if (typeof value === "symbol") return "a symbol";
  if (value instanceof Date) return "a Date (pass an ISO-8601 string)";
  if (value !== null && typeof value === "object") return `a ${value.constructor?.name ?? "null-prototype object"}`;
  return JSON.stringify(value);
}

function jsonText(value: unknown, max: number): string {
  let s: string;
  try {
    s = JSON.stringify(value) ?? String(value);
  } catch {
    try {
      s = String(value);
    } catch {
      s = "an object"; // a null-prototype object JSON cannot render either
    }
  }
  return cut(s, max);
}

/**
 * The primitive inside a String, Number or Boolean object, which JSON would unwrap so that it reads like
 * a valid value. Tested by the brand (the prototype's valueOf throws on anything else), not by
 * `instanceof`, so `Object.create(String.prototype)` and a throwing `valueOf` are no boxed primitive.
 */
function boxedPrimitive(value: unknown): { kind: "String" | "Number" | "Boolean"; value: string | number | boolean } | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  for (const [kind, unbox] of [["String", String.prototype.valueOf], ["Number", Number.prototype.valueOf], ["Boolean", Boolean.prototype.valueOf]] as const) {
    try {
      return { kind, value: (unbox as (this: unknown) => string | number | boolean).call(value) };
    } catch {
      // not of this brand
    }
  }
  return undefined;
}

function valueOf(value: unknown, max: number): string {
  if (typeof value === "string") return JSON.stringify(cut(value, max));
  if (typeof value === "number" || typeof value === "boolean" || value === null) return String(value);
  if (typeof value === "bigint") return `${value}n`;
  if (typeof value === "function") return "a function";
  if (typeof value === "symbol") return value.toString();
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (value instanceof Date) return `a Date (${Number.isNaN(value.getTime()) ? "invalid" : value.toISOString()})`;
  const boxed = boxedPrimitive(value);
  if (boxed) return `a ${boxed.kind} object (${typeof boxed.value === "string" ? JSON.stringify(cut(boxed.value, max)) : String(boxed.value)})`;
  try {
    return cut(JSON.stringify(value), max);
  } catch {
    return "an object";
  }
}

/**
 * Renders a value for a message: short, one line, never throws. The one value renderer of the toolkit:
 * every message that shows a value, a record or a path key renders it here ({@link ShowOptions}).
 * @internal
 */
export function show(value: unknown, options: ShowOptions = {}): string {
  const { max = 80, undefinedAs = "undefined", as = "value" } = options;
  const text = value === undefined ? undefinedAs : as === "kind" ? kindOf(value) : as === "json" ? jsonText(value, max) : valueOf(value, max);
  return options.ascii ? text.replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`) : text;
}
