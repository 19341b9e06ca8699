import type * as fc from "fast-check";
import { booleanOf, integerIn, readConstraints } from "./internal/check.js";
import { ID_BASES, ID_CHAINS, adversarialString } from "./internal/strings.js";

/** Constraints of {@link id}. */
export interface IdConstraints {
  /**
   * Draw more than half of the ids from a small family: prefixes of a few fixed chains (`a`, `a%`,
   * `a%_`, `a%_*`, …; `t`, `thr_1`, `thr_1_0`, …; `😀e`, `😀e` + U+0301, …) and bases with suffixes
   * (`ab`, `thr_10`, `x:y`, `é`, …), so that ids equal each other and are prefixes of each other often
   * enough (four draws hold a prefix pair about a third of the time) to catch `LIKE 'a%'`-style and
   * prefix-range bugs. `false` keeps every other kind of adversarial id.
   * @defaultValue true
   */
  prefixFamily?: boolean;
  /**
   * Most code points in an id. The default keeps every id, even with a suffix that makes a repeated draw
   * unique, within the 1,024 UTF-8 bytes every store must accept (C-ID) and the bundled stores' limit.
   * @defaultValue 240
   */
  maxLength?: number;
  /**
   * Allow U+0000. PostgreSQL rejects NUL in `text` and `jsonb`, so it is excluded by default.
   * @defaultValue false
   */
  allowNul?: boolean;
  /**
   * Allow lone UTF-16 surrogates (not valid Unicode).
   * @defaultValue false
   */
  allowLoneSurrogates?: boolean;
}

const KNOWN = ["prefixFamily", "maxLength", "allowNul", "allowLoneSurrogates"] as const;

/**
 * Adversarial ids for threads, items and attachments: never empty (the contract requires non-empty
 * string ids), and otherwise anything a caller may pass (C-ID): ids that are prefixes of each other,
 * `%`, `_`, `*`, `:`, quotes `'` `"`, backslash, spaces and tabs, emoji, combining marks, right-to-left
 * and zero-width marks, SQL and JavaScript keywords (`'; DROP TABLE threads; --`, `__proto__`), and
 * very long ids.
 *
 * @param constraints - see {@link IdConstraints}
 * @returns an arbitrary of non-empty strings
 * @throws {InvalidArgumentError} at once, for a bad constraint: `arb.id: maxLength must be an integer ≥ 1, got 0`
 * @example
 * ```ts
 * // Two ids, often equal or one a prefix of the other: a store must still tell them apart.
 * await fc.assert(fc.asyncProperty(arb.id(), arb.id(), async (a, b) => {
 *   const store = new InMemoryStore();
 *   await store.saveThread({ id: a, created_at: "2026-01-01T00:00:00Z" }, "u1");
 *   if (a !== b) await expect(store.loadThread(b, "u1")).rejects.toThrow(NotFoundError);
 * }), { seed: 42 });
 * ```
 */
export function id(constraints: IdConstraints = {}): fc.Arbitrary<string> {
  const c = readConstraints("id", constraints, KNOWN);
  const prefixFamily = booleanOf("id", c, "prefixFamily", true);
  const policy = {
    maxLength: integerIn("id", c, "maxLength", 240, 1),
    allowNul: booleanOf("id", c, "allowNul", false),
    allowLoneSurrogates: booleanOf("id", c, "allowLoneSurrogates", false),
  };
  return adversarialString(prefixFamily ? { bases: ID_BASES, chains: ID_CHAINS } : null, policy);
}
