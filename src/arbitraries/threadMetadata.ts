import * as fc from "fast-check";
import type { ThreadMetadata } from "../model/thread.js";
import { arbitraryOf } from "./internal/check.js";
import { fields, list, readModelConstraints, type ModelConstraints, type ModelSettings } from "./internal/model.js";
import { createdAt } from "./createdAt.js";
import { id } from "./id.js";
import { threadStatusOf } from "./threadStatus.js";

/** Constraints of {@link threadMetadata}. */
export interface ThreadMetadataConstraints extends ModelConstraints {
  /**
   * Thread ids.
   * @defaultValue `id()`
   */
  idArbitrary?: fc.Arbitrary<string>;
  /**
   * `created_at` strings.
   * @defaultValue `createdAt()`
   */
  createdAtArbitrary?: fc.Arbitrary<string>;
}

/** @internal */
export const THREAD_METADATA_KEYS = ["idArbitrary", "createdAtArbitrary"] as const;

/** Thread metadata. @internal */
export function threadMetadataOf(s: ModelSettings, ids: fc.Arbitrary<string>, createdAts: fc.Arbitrary<string>): fc.Arbitrary<ThreadMetadata> {
  const domain = fc.oneof(fc.domain(), fc.constantFrom("*.example.com", "EXAMPLE.com", "bücher.example", "localhost:8080"));
  return fields(
    { id: ids, created_at: createdAts },
    { status: threadStatusOf(s), metadata: s.object },
    { title: s.text, allowed_image_domains: list(s, domain) },
  );
}

/** Reads {@link ThreadMetadataConstraints} (plus `extra` keys). @internal */
export function readThreadMetadata(name: string, constraints: unknown, extra: readonly string[] = []) {
  const { c, s } = readModelConstraints(name, constraints, [...THREAD_METADATA_KEYS, ...extra]);
  const ids = arbitraryOf(name, c, "idArbitrary", () => id());
  const createdAts = arbitraryOf(name, c, "createdAtArbitrary", () => createdAt());
  return { c, s, metadata: threadMetadataOf(s, ids, createdAts) };
}

/**
 * Thread metadata, what `saveThread` persists (docs/upstream.md §2.3): an adversarial `id`, any
 * `created_at` form, `title` and `allowed_image_domains` absent, `null` or set, `status` absent or
 * set, and integration-only `metadata` (free-form, `__proto__` keys included). Passes
 * `parseThreadMetadata`.
 *
 * @param constraints - see {@link ThreadMetadataConstraints}
 * @returns an arbitrary of thread metadata
 * @throws {InvalidArgumentError} at once, for a bad constraint (`arb.threadMetadata: …`)
 * @example
 * ```ts
 * await fc.assert(fc.asyncProperty(arb.threadMetadata(), async (thread) => {
 *   const store = new InMemoryStore();
 *   await store.saveThread(thread, "u1");
 *   expect(await store.loadThread(thread.id, "u1")).toEqual(thread);
 * }), { seed: 42 });
 * ```
 */
export function threadMetadata(constraints: ThreadMetadataConstraints = {}): fc.Arbitrary<ThreadMetadata> {
  return readThreadMetadata("threadMetadata", constraints).metadata;
}
