import type * as fc from "fast-check";
import type { JsonValue } from "../model/json.js";
import { arbitraryOf, integerIn, readConstraints } from "./internal/check.js";
import { jsonArbitraries } from "./internal/json.js";
import { text } from "./text.js";

/** Constraints of {@link jsonValue} and {@link freeObject}. */
export interface JsonValueConstraints {
  /**
   * Deepest nesting of arrays and objects: 0 gives scalars only. For {@link freeObject} the object
   * itself is the first level (0 and 1 both give an object of scalars).
   * @defaultValue 2
   */
  maxDepth?: number;
  /**
   * Most elements of an array and keys of an object.
   * @defaultValue 4
   */
  maxLength?: number;
  /**
   * Object keys (mixed with a fixed list of adversarial keys: `__proto__`, `constructor`, `""`,
   * `a.b`, `$ref`, `"0"`, `é` and `e` + U+0301, `😀`, …).
   * @defaultValue `text({ maxLength: 12 })`
   */
  keyArbitrary?: fc.Arbitrary<string>;
  /**
   * String values.
   * @defaultValue `text({ maxLength: 32 })`
   */
  stringArbitrary?: fc.Arbitrary<string>;
}

/** @internal */
export const JSON_KEYS = ["maxDepth", "maxLength", "keyArbitrary", "stringArbitrary"] as const;

/** Reads {@link JsonValueConstraints} for arbitrary `name`. @internal */
export function jsonParts(name: string, constraints: unknown) {
  const c = readConstraints(name, constraints, JSON_KEYS);
  return jsonArbitraries({
    maxDepth: integerIn(name, c, "maxDepth", 2, 0, 16),
    maxLength: integerIn(name, c, "maxLength", 4, 0),
    keys: arbitraryOf(name, c, "keyArbitrary", () => text({ maxLength: 12 })),
    strings: arbitraryOf(name, c, "stringArbitrary", () => text({ maxLength: 32 })),
  });
}

/**
 * Any JSON value a store must round-trip (C-ROUNDTRIP): `null` (often, at every level), booleans,
 * numbers (integers, `2 ** 53`, `1e21`, `5e-324`, `1.7976931348623157e308`; never `NaN`, `±Infinity`
 * or `-0`, which JSON cannot carry), adversarial strings, arrays and objects with adversarial keys
 * (`"__proto__"` is an own data property, never a prototype).
 *
 * @param constraints - see {@link JsonValueConstraints}
 * @returns an arbitrary of plain JSON values (`JSON.parse(JSON.stringify(v))` deep-equals `v`)
 * @throws {InvalidArgumentError} at once, for a bad constraint: `arb.jsonValue: maxDepth must be an integer between 0 and 16, got 20`
 */
export function jsonValue(constraints: JsonValueConstraints = {}): fc.Arbitrary<JsonValue> {
  return jsonParts("jsonValue", constraints).value;
}
