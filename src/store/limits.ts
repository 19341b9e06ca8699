/**
 * The limits every bundled store shares (C-ID): checked by the store kernel before anything is written, so
 * a value that one backend could not hold is refused the same way, with the same message, on all of them.
 *
 * Each limit is what the strictest backend can hold, with room to spare:
 * - an id (thread, item, attachment) of up to {@link MAX_ID_BYTES} UTF-8 bytes, the contract's minimum;
 * - a scope key of up to {@link MAX_SCOPE_KEY_BYTES} UTF-8 bytes: PostgreSQL's btree index entries hold at
 *   most 2,704 bytes, and the items' primary key is (scope, thread_id, id): 512 + 1,024 + 1,024 bytes of
 *   incompressible text and their headers fit (test/postgres/long-ids.test.ts);
 * - no U+0000 and no lone UTF-16 surrogate in an id or key: PostgreSQL `text` cannot hold U+0000, and
 *   node-postgres sends a lone surrogate as U+FFFD, so two different ids could become one row;
 * - {@link MAX_JSON_DEPTH} levels of nesting in a record and {@link MAX_RECORD_SIZE} of size.
 *
 * On reads, an id that breaks these rules cannot name anything stored: a load raises `NotFoundError`, a
 * page is empty, a delete does nothing.
 * @packageDocumentation
 */
import { MAX_JSON_DEPTH } from "../model/json.js";

export { MAX_JSON_DEPTH };

/** The longest id (thread, item, attachment) every bundled store accepts, in UTF-8 bytes (C-ID). */
export const MAX_ID_BYTES = 1024;

/** The longest scope key every bundled store accepts, in UTF-8 bytes. */
export const MAX_SCOPE_KEY_BYTES = 512;

/**
 * The largest record every bundled store accepts: the characters (UTF-16 code units) of all its strings and
 * keys, plus one for every other value. 32 Mi is far above any ChatKit record (a long message is kilobytes)
 * and leaves PostgreSQL's 1 GB `text` limit and node-postgres' message size far behind.
 */
export const MAX_RECORD_SIZE = 32 * 1024 * 1024;

const NUL = /\u0000/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** UTF-8 length of `s`, counting only until `cap` is passed. */
function utf8Bytes(s: string, cap: number): number {
  let bytes = 0;
  for (let i = 0; i < s.length && bytes <= cap; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/**
 * Why `key` (an id, or a scope key with `maxBytes` {@link MAX_SCOPE_KEY_BYTES}) cannot be stored, or null.
 * @internal
 */
export function keyProblem(key: string, maxBytes: number = MAX_ID_BYTES): string | null {
  if (key.length > maxBytes || (key.length * 3 > maxBytes && utf8Bytes(key, maxBytes) > maxBytes)) {
    return `is longer than ${maxBytes} UTF-8 bytes (the limit of every bundled store)`;
  }
  if (NUL.test(key)) return "contains U+0000, which no bundled store can hold (PostgreSQL text cannot)";
  if (LONE_SURROGATE.test(key)) return "contains a lone UTF-16 surrogate, which is not valid Unicode";
  return null;
}
