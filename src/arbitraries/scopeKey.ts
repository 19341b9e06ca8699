import * as fc from "fast-check";
import { booleanOf, integerIn, readConstraints } from "./internal/check.js";
import { SCOPE_BASES, SCOPE_CHAINS, adversarialString } from "./internal/strings.js";

/** Constraints of {@link scopeKey}. */
export interface ScopeKeyConstraints {
  /**
   * Draw more than half of the keys from a small family (prefixes of `user:10/archive`, `u_%*:'"\`
   * and `tenant😀é`; `user`, `users`, `user-archive`, `user:1`, `user%`, … plus suffixes), so that
   * scope keys are prefixes of each other: the Keyv namespace bugs (clearing `users` also cleared
   * `users-archive`) need exactly that.
   * @defaultValue true
   */
  prefixFamily?: boolean;
  /**
   * Also generate `""`, the key of a store constructed with `scope: "single-tenant"` (no context derives it: C-SCOPE fails closed).
   * @defaultValue false
   */
  allowEmpty?: boolean;
  /**
   * Most code points in a key. The default keeps every key, with a prefix of up to 60 ASCII characters
   * (the harness's run and check name), within the 256 UTF-8 bytes every store must accept (C-SCOPE).
   * @defaultValue 48
   */
  maxLength?: number;
  /**
   * Allow U+0000 (PostgreSQL rejects it in `text`).
   * @defaultValue false
   */
  allowNul?: boolean;
  /**
   * Allow lone UTF-16 surrogates (not valid Unicode).
   * @defaultValue false
   */
  allowLoneSurrogates?: boolean;
}

const KNOWN = ["prefixFamily", "allowEmpty", "maxLength", "allowNul", "allowLoneSurrogates"] as const;

/**
 * Adversarial scope keys (the user or tenant a store derives from the context, C-SCOPE): keys that
 * are prefixes of each other, LIKE and glob metacharacters (`%`, `_`, `*`), separators (`:`, `/`),
 * quotes, backslash, case and Unicode-normalisation twins, emoji. Non-empty unless `allowEmpty`.
 *
 * @param constraints - see {@link ScopeKeyConstraints}
 * @returns an arbitrary of strings
 * @throws {InvalidArgumentError} at once, for a bad constraint: `arb.scopeKey: allowEmpty must be a boolean, got 1`
 * @example
 * ```ts
 * await fc.assert(fc.asyncProperty(fc.uniqueArray(arb.scopeKey(), { minLength: 2, maxLength: 2 }), async ([a, b]) => {
 *   const store = new InMemoryStore<{ user_id: string }>();
 *   await store.saveThread({ id: "thr_1", created_at: "2026-01-01T00:00:00Z" }, { user_id: a });
 *   expect((await store.loadThreads(10, null, "asc", { user_id: b })).data).toEqual([]);
 * }), { seed: 42 });
 * ```
 */
export function scopeKey(constraints: ScopeKeyConstraints = {}): fc.Arbitrary<string> {
  const c = readConstraints("scopeKey", constraints, KNOWN);
  const prefixFamily = booleanOf("scopeKey", c, "prefixFamily", true);
  const allowEmpty = booleanOf("scopeKey", c, "allowEmpty", false);
  const policy = {
    maxLength: integerIn("scopeKey", c, "maxLength", 48, 1),
    allowNul: booleanOf("scopeKey", c, "allowNul", false),
    allowLoneSurrogates: booleanOf("scopeKey", c, "allowLoneSurrogates", false),
  };
  const keys = adversarialString(prefixFamily ? { bases: SCOPE_BASES, chains: SCOPE_CHAINS } : null, policy);
  return allowEmpty ? fc.oneof({ arbitrary: keys, weight: 9 }, { arbitrary: fc.constant(""), weight: 1 }) : keys;
}
