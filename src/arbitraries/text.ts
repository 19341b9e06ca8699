import * as fc from "fast-check";
import { booleanOf, integerIn, ordered, readConstraints } from "./internal/check.js";
import { ADVERSARIAL_PIECES, KEYWORD_STRINGS, codePoints, extraPieces, longString, sanitize } from "./internal/strings.js";

/** Constraints of {@link text}. */
export interface TextConstraints {
  /**
   * Fewest code points. Short results are padded with `"x"`.
   * @defaultValue 0
   */
  minLength?: number;
  /**
   * Most code points (Unicode code points, as PostgreSQL's `length()` counts them; an emoji is one
   * code point but two UTF-16 units). Raise it for large payloads: about one draw in ten is a long
   * string of at least half this length.
   * @defaultValue 64
   */
  maxLength?: number;
  /**
   * Allow U+0000. PostgreSQL rejects it in `text` and `jsonb`, so it is excluded by default.
   * @defaultValue false
   */
  allowNul?: boolean;
  /**
   * Allow lone UTF-16 surrogates (not valid Unicode; PostgreSQL and most JSON encoders reject them).
   * @defaultValue false
   */
  allowLoneSurrogates?: boolean;
}

const KNOWN = ["minLength", "maxLength", "allowNul", "allowLoneSurrogates"] as const;

/**
 * Free text for message content, titles, names and other string fields: ASCII, any printable Unicode
 * grapheme (emoji, combining marks, right-to-left scripts), control characters, adversarial pieces
 * (`% _ * : ' " \`, zero-width and bidi marks, `e` + U+0301 versus `é`), keywords (`'; DROP TABLE …`,
 * `__proto__`) and, now and then, a long string. May be empty unless `minLength` says otherwise.
 *
 * @param constraints - see {@link TextConstraints}
 * @returns an arbitrary of strings without NUL or lone surrogates (unless allowed)
 * @throws {InvalidArgumentError} at once, for a bad constraint: `arb.text: maxLength must be an integer ≥ 0, got -1`
 * @example
 * ```ts
 * fc.assert(fc.property(arb.text({ maxLength: 5000 }), (s) => JSON.parse(JSON.stringify(s)) === s));
 * ```
 */
export function text(constraints: TextConstraints = {}): fc.Arbitrary<string> {
  const c = readConstraints("text", constraints, KNOWN);
  const minLength = integerIn("text", c, "minLength", 0, 0);
  const maxLength = integerIn("text", c, "maxLength", Math.max(64, minLength), 0);
  ordered("text", "minLength", minLength, "maxLength", maxLength);
  const policy = {
    maxLength,
    allowNul: booleanOf("text", c, "allowNul", false),
    allowLoneSurrogates: booleanOf("text", c, "allowLoneSurrogates", false),
  };
  const small = Math.min(maxLength, 16);
  const arbitrary = fc.oneof(
    { arbitrary: fc.string({ unit: "grapheme-ascii", maxLength: small }), weight: 3 },
    { arbitrary: fc.string({ unit: "grapheme", maxLength: small }), weight: 3 },
    { arbitrary: fc.array(fc.constantFrom(...ADVERSARIAL_PIECES, ...extraPieces(policy)), { maxLength: 5 }).map((p) => p.join("")), weight: 2 },
    { arbitrary: fc.constantFrom(...KEYWORD_STRINGS), weight: 1 },
    { arbitrary: fc.string({ unit: "binary", maxLength: small }), weight: 1 },
    { arbitrary: maxLength === 0 ? fc.constant("") : longString(maxLength), weight: 1 },
  );
  return arbitrary.map((s) => {
    const clean = sanitize(s, policy);
    const n = codePoints(clean);
    return n < minLength ? clean + "x".repeat(minLength - n) : clean;
  });
}
