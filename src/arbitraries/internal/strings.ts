/**
 * Building blocks of the adversarial strings (ids, scope keys, text, JSON keys).
 *
 * Why these pieces: stores that key on strings break on SQL `LIKE`/glob metacharacters (`% _ *`),
 * separators they use themselves (`:` `/`), quotes and backslashes (string-built SQL), keys that are
 * prefixes of each other (Keyv #1495 and PR #2147: clearing namespace `users` also cleared
 * `users-archive`), case and trailing-space folding (case-insensitive or PAD SPACE collations),
 * Unicode normalisation (`é` precomposed versus `e` + U+0301), right-to-left and zero-width marks, and
 * astral characters (UTF-16 surrogate pairs).
 * @internal
 */
import * as fc from "fast-check";

/** Pieces glued together into adversarial strings. Never NUL, never a lone surrogate. @internal */
export const ADVERSARIAL_PIECES: readonly string[] = [
  "a", "A", "0", "%", "_", "*", ":", "'", "\"", "\\", " ", "%%", "\\%", "\\_", "[", "]", "^", "$", "?", "{", "}",
  "(", ")", "|", "+", ".", "/", "#", "&", "=", ",", ";", "-", "~", "`", "\n", "\r\n", "\t",
  "😀", "👩‍💻", "🏳️‍🌈", "é", "e\u0301", "\u0301", "\u202e", "\u200f", "\u200d", "\u200b", "\u00a0", "\u3000", "\ufeff", "\u2028",
  "עברית", "عربى", "中文", "ß", "İ", "ﬁ", "Ω", "Ω",
];

/** Whole strings that mean something to SQL, JSON, JavaScript objects, shells or URLs. @internal */
export const KEYWORD_STRINGS: readonly string[] = [
  "'; DROP TABLE threads; --", "' OR '1'='1", "\" OR \"1\"=\"1", "1 OR 1=1", "NULL", "null", "undefined", "NaN", "true",
  "SELECT", "select * from items", "ORDER BY 1", "COLLATE \"C\"", "$1", "?", "%s", "${id}", "{{id}}",
  "__proto__", "constructor", "prototype", "toString", "hasOwnProperty", "valueOf",
  "0", "-0", "1e309", "[]", "{}", "*", "%", "_", "\\", "..", "../etc/passwd", "a/../b", "%2F", "%00",
];

/** Endings appended to a family base so that family members are prefixes of each other. @internal */
export const FAMILY_SUFFIXES: readonly string[] = [
  "", "%", "_", "*", ":", ":1", "'", "\"", "\\", " ", "%_", "0", "1", "10", "-archive", "/", ".", "?", "#",
  "😀", "\u0301", "\u200d", "\u202e", "a", "b", "A", "\n", "$1", "[0]", "s",
];

/** Bases of the id family: chains of prefixes (`a` ⊂ `ab` ⊂ `abc`, `a` ⊂ `a%`, `thr_1` ⊂ `thr_10`). @internal */
export const ID_BASES: readonly string[] = [
  "a", "ab", "abc", "a b", "a%", "a_", "a*", "a:1", "a:10", "A", "thr_1", "thr_10", "thr_1_", "msg_01",
  "x:y", "x%", "é", "e\u0301", "😀", "👩‍💻", "שלום", "ß", "0",
];

/** Chains for ids: any two prefixes of one chain (cut at code points) are prefixes of each other. @internal */
export const ID_CHAINS: readonly string[] = ["a%_*:'\"\\ b", "thr_1_0:x", "😀e\u0301ü%"];

/** Chains for scope keys. @internal */
export const SCOPE_CHAINS: readonly string[] = ["user:10/archive", "u_%*:'\"\\", "tenant😀é"];

/** Bases of the scope-key family. @internal */
export const SCOPE_BASES: readonly string[] = [
  "user", "users", "user-archive", "user:1", "user:10", "user_1", "user%", "user*", "tenant/a", "u", "U", "ü", "😀", "org:1:user:2",
];

/** Units repeated into long strings. @internal */
export const LONG_UNITS: readonly string[] = ["a", "é", "😀", "%", "e\u0301", "ab", "中"];

const NUL = /\u0000/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** How strings are cleaned after generation. @internal */
export interface StringPolicy {
  readonly maxLength: number;
  readonly allowNul: boolean;
  readonly allowLoneSurrogates: boolean;
}

/**
 * Applies a policy: removes NUL and lone surrogates unless allowed, and cuts to `maxLength` code
 * points. Cutting may split a grapheme (an emoji ZWJ sequence, a letter and its combining mark); the
 * result is still well-formed UTF-16.
 * @internal
 */
export function sanitize(value: string, policy: StringPolicy): string {
  let s = value;
  if (!policy.allowNul) s = s.replace(NUL, "");
  if (!policy.allowLoneSurrogates) s = s.replace(LONE_SURROGATE, "");
  const points = Array.from(s);
  return points.length > policy.maxLength ? points.slice(0, policy.maxLength).join("") : s;
}

/** Number of code points of a string. @internal */
export function codePoints(value: string): number {
  let n = 0;
  for (const _ of value) n++;
  return n;
}

/** Extra pieces a policy allows beyond the safe ones. @internal */
export function extraPieces(policy: Pick<StringPolicy, "allowNul" | "allowLoneSurrogates">): string[] {
  const extra: string[] = [];
  if (policy.allowNul) extra.push("\u0000", "a\u0000");
  if (policy.allowLoneSurrogates) extra.push("\uD800", "\uDFFF", "\uD83D");
  return extra;
}

/** A long string: one unit repeated up to `maxLength` code points. @internal */
export function longString(maxLength: number, minLength = 1): fc.Arbitrary<string> {
  const lo = Math.max(minLength, Math.ceil(maxLength / 2));
  return fc
    .tuple(fc.constantFrom(...LONG_UNITS), fc.integer({ min: Math.min(lo, maxLength), max: maxLength }))
    .map(([unit, n]) => unit.repeat(Math.ceil(n / codePoints(unit))));
}

/** Concatenations of 1–4 adversarial pieces (plus the extras a policy allows). @internal */
export function piecesString(policy: Pick<StringPolicy, "allowNul" | "allowLoneSurrogates">): fc.Arbitrary<string> {
  return fc.array(fc.constantFrom(...ADVERSARIAL_PIECES, ...extraPieces(policy)), { minLength: 1, maxLength: 4 }).map((p) => p.join(""));
}

/** `base` + 0–2 suffixes from a small set: members of one family are often prefixes of each other. @internal */
export function familyString(bases: readonly string[], policy: Pick<StringPolicy, "allowNul" | "allowLoneSurrogates">): fc.Arbitrary<string> {
  return fc
    .tuple(fc.constantFrom(...bases), fc.array(fc.constantFrom(...FAMILY_SUFFIXES, ...extraPieces(policy)), { maxLength: 2 }))
    .map(([base, suffixes]) => base + suffixes.join(""));
}

/**
 * A prefix (1 code point or more) of one of `chains`, the first chain three times as likely as each
 * other one: two draws are prefixes of each other (or equal) about half the time.
 * @internal
 */
export function chainPrefix(chains: readonly string[]): fc.Arbitrary<string> {
  const [first, ...rest] = chains.map((c) => Array.from(c));
  const cut = (points: string[]) => fc.integer({ min: 1, max: points.length }).map((n) => points.slice(0, n).join(""));
  return fc.oneof({ arbitrary: cut(first!), weight: 3 }, ...rest.map((points) => ({ arbitrary: cut(points), weight: 1 })));
}

/**
 * A non-empty adversarial string: a prefix of a chain or a family member (when `family` is given),
 * glued pieces, a keyword, random Unicode, random code points, or a long string, then sanitised by the
 * policy. Never empty.
 * @internal
 */
export function adversarialString(family: { bases: readonly string[]; chains: readonly string[] } | null, policy: StringPolicy): fc.Arbitrary<string> {
  const arbs: fc.WeightedArbitrary<string>[] = [];
  if (family) arbs.push({ arbitrary: chainPrefix(family.chains), weight: 8 }, { arbitrary: familyString(family.bases, policy), weight: 5 });
  arbs.push(
    { arbitrary: piecesString(policy), weight: 3 },
    { arbitrary: fc.constantFrom(...KEYWORD_STRINGS), weight: 1 },
    { arbitrary: fc.string({ unit: "grapheme", minLength: 1, maxLength: 12 }), weight: 2 },
    { arbitrary: fc.string({ unit: "binary", minLength: 1, maxLength: 8 }), weight: 1 },
    { arbitrary: longString(policy.maxLength), weight: 1 },
  );
  // The first arbitrary of oneof is what shrinking heads for: a short family member, or a piece.
  return fc.oneof(...arbs).map((s) => {
    const clean = sanitize(s, policy);
    return clean.length > 0 ? clean : "a";
  });
}
