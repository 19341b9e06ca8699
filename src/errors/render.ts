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

/** Renders a value for an error message: short, one line, never throws. @internal */
export function show(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value.length > 80 ? `${value.slice(0, 77)}...` : value);
  if (typeof value === "number" || typeof value === "boolean" || value === null || value === undefined) return String(value);
  if (typeof value === "bigint") return `${value}n`;
  if (typeof value === "function") return "a function";
  if (typeof value === "symbol") return value.toString();
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (value instanceof Date) return `a Date (${Number.isNaN(value.getTime()) ? "invalid" : value.toISOString()})`;
  try {
    const s = JSON.stringify(value);
    return s.length > 80 ? `${s.slice(0, 77)}...` : s;
  } catch {
    return "an object";
  }
}
