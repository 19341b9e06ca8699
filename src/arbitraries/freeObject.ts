import type * as fc from "fast-check";
import type { JsonObject } from "../model/json.js";
import { jsonParts, type JsonValueConstraints } from "./jsonValue.js";

/**
 * A free-form JSON object, like `metadata`, tool-call `arguments` or an entity's `data`: keys such as
 * `"__proto__"`, `"constructor"`, `""`, `"a.b"`, unicode and normalisation twins, values nested up to
 * `maxDepth` levels with `null` inside. May be empty.
 *
 * Compare such values with `toEqual` or `util.isDeepStrictEqual`: vitest's `toStrictEqual` reports
 * two equal objects with an own `"constructor"` key as different (it compares `a.constructor`).
 *
 * @param constraints - see {@link JsonValueConstraints}; `maxDepth` counts the object itself as the first level
 * @returns an arbitrary of plain JSON objects (prototype `Object.prototype`)
 * @throws {InvalidArgumentError} at once, for a bad constraint (`arb.freeObject: …`)
 * @example
 * ```ts
 * await fc.assert(fc.asyncProperty(arb.freeObject(), async (metadata) => {
 *   const store = new InMemoryStore();
 *   await store.saveThread({ id: "thr_1", created_at: "2026-01-01T00:00:00Z", metadata }, "u1");
 *   expect((await store.loadThread("thr_1", "u1")).metadata).toEqual(metadata);
 * }), { seed: 42 });
 * ```
 */
export function freeObject(constraints: JsonValueConstraints = {}): fc.Arbitrary<JsonObject> {
  return jsonParts("freeObject", constraints).object;
}
