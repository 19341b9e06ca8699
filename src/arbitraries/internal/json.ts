/**
 * JSON values for free-form fields (`metadata`, `arguments`, `data`, hidden `content`, widget props).
 * @internal
 */
import * as fc from "fast-check";
import type { JsonObject, JsonValue } from "../../model/json.js";

/** Object keys that trip up JavaScript objects, JSON paths, SQL JSON operators and key-ordering code. @internal */
export const ADVERSARIAL_KEYS: readonly string[] = [
  "__proto__", "constructor", "prototype", "toString", "hasOwnProperty", "valueOf", "__defineGetter__",
  "", " ", "a", "A", "a.b", "a[0]", "a->b", "$", "$ref", "$set", "$where", "0", "1", "-1", "01", "1.5", "9007199254740993",
  "é", "e\u0301", "😀", "\u202eevil", "key with space", "null", "undefined", "true",
  "id", "type", "created_at", "thread_id", "\"", "'", "\\", "%", "_", "*", ":", "{}", "\n",
];

/** Numbers that survive JSON, JSONB and every engine exactly (no NaN, no ±Infinity, no −0). @internal */
export function jsonNumber(): fc.Arbitrary<number> {
  return fc.oneof(
    fc.integer(),
    fc.constantFrom(0, 1, -1, 0.1, 0.5, 1e21, 1e-7, 2 ** 53 - 1, -(2 ** 53 - 1), 2 ** 53, 2 ** 63, 1.7976931348623157e308, 5e-324, 123456.789),
    fc.double({ noNaN: true, noDefaultInfinity: true }).map((x) => (Object.is(x, -0) ? 0 : x)),
  );
}

/** Builds an object from entries; `defineProperty` keeps a `"__proto__"` key as plain data. @internal */
export function objectOf(entries: readonly (readonly [string, JsonValue])[]): JsonObject {
  const out: JsonObject = {};
  for (const [k, v] of entries) Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
  return out;
}

/** Settings of {@link jsonArbitraries}. @internal */
export interface JsonSettings {
  readonly maxDepth: number;
  readonly maxLength: number;
  readonly keys: fc.Arbitrary<string>;
  readonly strings: fc.Arbitrary<string>;
}

/** A JSON object of `values` with at most `maxLength` unique keys. @internal */
export function objectArbitrary(values: fc.Arbitrary<JsonValue>, settings: Pick<JsonSettings, "maxLength" | "keys">): fc.Arbitrary<JsonObject> {
  const keys = fc.oneof({ arbitrary: fc.constantFrom(...ADVERSARIAL_KEYS), weight: 1 }, { arbitrary: settings.keys, weight: 2 });
  return fc.uniqueArray(fc.tuple(keys, values), { maxLength: settings.maxLength, selector: ([k]) => k }).map(objectOf);
}

/**
 * `value(d)` is any JSON value nested at most `d` levels; `object(d)` an object whose values nest at
 * most `d − 1` further levels. Null is common at every level.
 * @internal
 */
export function jsonArbitraries(settings: JsonSettings): { value: fc.Arbitrary<JsonValue>; object: fc.Arbitrary<JsonObject> } {
  const leaf: fc.Arbitrary<JsonValue> = fc.oneof(
    { arbitrary: fc.constant(null), weight: 2 },
    { arbitrary: fc.boolean(), weight: 1 },
    { arbitrary: jsonNumber(), weight: 2 },
    { arbitrary: settings.strings, weight: 3 },
  );
  let value = leaf;
  let object: fc.Arbitrary<JsonObject> = objectArbitrary(leaf, settings);
  for (let d = 1; d <= settings.maxDepth; d++) {
    const inner = value;
    object = objectArbitrary(inner, settings);
    value = fc.oneof(
      { arbitrary: leaf, weight: 3 },
      { arbitrary: fc.array(inner, { maxLength: settings.maxLength }), weight: 1 },
      { arbitrary: object, weight: 1 },
    );
  }
  return { value, object };
}
