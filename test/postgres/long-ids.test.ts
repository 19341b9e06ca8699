/**
 * C-ID at the limits every bundled store shares, on real PostgreSQL, in the worst case: a 512-byte scope
 * key, a 1,024-byte thread id and a 1,024-byte item id, all incompressible (random characters of 1 to 4
 * UTF-8 bytes, no repeats for PostgreSQL's compression to find: an index entry past ~500 bytes is
 * compressed when that helps, so repeated characters would hide the btree's 2,704-byte entry limit). The
 * items' primary key (scope, thread_id, id) is then about 2.6 kB per entry, and every method works on it.
 * One byte more is an InvalidArgumentError naming the argument, before anything is written.
 *
 * Skipped (loudly) without PostgreSQL: pg-mem has no btree entry limit.
 */
import { deflateRawSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type pg from "pg";
import { isNotFoundError } from "chatkit-testkit";
import { PostgresStore } from "chatkit-testkit/postgres";
import { resolveNames } from "../../src/postgres/names.js";
import { buildStatements } from "../../src/postgres/statements.js";
import { newPool, postgresUrl } from "./backends.js";
import { ORDERS, countRows, ids, item, itemsOf, loose, rejection, thread, threadsOf, type AnyStore } from "./support.js";

const { url, note } = postgresUrl();

/** A seeded PRNG (mulberry32): failures replay. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A random character of exactly `bytes` UTF-8 bytes (no controls, no surrogates, no U+FFFE/U+FFFF). */
function char(random: () => number, bytes: 1 | 2 | 3 | 4): string {
  const pick = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  if (bytes === 1) return String.fromCodePoint(pick(0x21, 0x7e));
  if (bytes === 2) return String.fromCodePoint(pick(0xa0, 0x7ff));
  if (bytes === 3) {
    let c: number;
    do c = pick(0x800, 0xfffd);
    while (c >= 0xd800 && c <= 0xdfff);
    return String.fromCodePoint(c);
  }
  return String.fromCodePoint(pick(0x10000, 0x10ffff));
}

/** A string of exactly `bytes` UTF-8 bytes of random 1- to 4-byte characters, starting with `prefix` (ASCII). */
function incompressible(random: () => number, bytes: number, prefix = ""): string {
  let s = prefix;
  let left = bytes - Buffer.byteLength(prefix);
  while (left > 0) {
    const size = (1 + Math.floor(random() * Math.min(4, left))) as 1 | 2 | 3 | 4;
    s += char(random, size);
    left -= size;
  }
  return s;
}

const utf8 = (s: string) => Buffer.byteLength(s, "utf8");

describe("incompressible ids (the generator)", () => {
  it("has exactly the asked length, every UTF-8 width, and nothing deflate or pglz could shorten", () => {
    const random = rng(7);
    for (const bytes of [512, 1024, 1025]) {
      const s = incompressible(random, bytes, "thr_");
      expect(utf8(s)).toBe(bytes);
      const widths = new Set([...s].map((c) => utf8(c)));
      expect([...widths].sort()).toEqual([1, 2, 3, 4]);
      // deflate (LZ77 + Huffman) barely shortens it; pglz is LZ only and needs repeats, which random text lacks.
      expect(deflateRawSync(Buffer.from(s, "utf8")).length).toBeGreaterThan(bytes * 0.85);
      expect(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s)).toBe(false); // no lone surrogate
    }
  });
});

describe.skipIf(url === null)(`ids at the maximum sizes on ${url === null ? `PostgreSQL (SKIPPED: ${note})` : "PostgreSQL"}`, () => {
  const schema = `long_ids_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  let pool: pg.Pool;
  let pgStore: PostgresStore<string>;
  let store: AnyStore;
  const random = rng(1024);
  const scope = incompressible(random, 512, "u_");
  const threadId = incompressible(random, 1024, "thr_");
  const itemId = incompressible(random, 1024, "msg_");
  const attachmentId = incompressible(random, 1024, "atc_");
  // Neighbours with long ids too, so cursors have rows on both sides.
  const otherThreads = Array.from({ length: 4 }, (_, i) => incompressible(random, 1024, `thr${i}_`));
  const otherItems = Array.from({ length: 6 }, (_, i) => incompressible(random, 1024, `msg${i}_`));

  beforeAll(async () => {
    pool = newPool(url!, 4);
    pgStore = new PostgresStore<string>({ client: pool, schema });
    await pgStore.migrate();
    store = loose(pgStore);
  });
  afterAll(async () => {
    await pool?.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await pool?.end();
  });

  it("the sizes are the limits: 512-byte scope, 1,024-byte ids", () => {
    expect([scope, threadId, itemId, attachmentId].map(utf8)).toEqual([512, 1024, 1024, 1024]);
  });

  it("C-ID: every method works with a 512-byte scope, a 1,024-byte thread id and 1,024-byte item and attachment ids", async () => {
    // Threads: the long one in the middle of the order, long-id neighbours on both sides.
    for (const [i, id] of otherThreads.entries()) await store.saveThread(thread(id, `2026-01-01T00:00:0${i < 2 ? i : i + 1}Z`), scope);
    await store.saveThread(thread(threadId, "2026-01-01T00:00:02Z", { title: "long" }), scope);
    expect(await store.loadThread(threadId, scope)).toEqual(thread(threadId, "2026-01-01T00:00:02Z", { title: "long" }));

    // Items: addThreadItem (insert, then replace in place), saveItem, loadItem.
    for (const [i, id] of otherItems.entries()) await store.addThreadItem(threadId, item(id, threadId, `2026-01-01T00:00:0${i < 3 ? i : i + 1}Z`), scope);
    await store.addThreadItem(threadId, item(itemId, threadId, "2026-01-01T00:00:03Z", { n: 1 }), scope);
    await store.addThreadItem(threadId, item(itemId, threadId, "2026-01-01T00:00:03Z", { n: 2 }), scope);
    await store.saveItem(threadId, item(itemId, threadId, "2026-01-01T00:00:03Z", { n: 3 }), scope);
    expect(await store.loadItem(threadId, itemId, scope)).toEqual(item(itemId, threadId, "2026-01-01T00:00:03Z", { n: 3 }));
    const itemOrder = [...otherItems.slice(0, 3), itemId, ...otherItems.slice(3)];
    expect(await ids(itemsOf(store, threadId, scope))).toEqual(itemOrder);

    // The long item id as a cursor: remembered by the store, and not (a new store looks it up), both orders.
    for (const order of ORDERS) {
      const listing = order === "asc" ? itemOrder : [...itemOrder].reverse();
      const rest = listing.slice(listing.indexOf(itemId) + 1);
      for (const s of [store, loose(new PostgresStore({ client: pool, schema }))]) {
        const page = await s.loadThreadItems(threadId, itemId, 2, order, scope);
        expect(page.data.map((m) => m.id)).toEqual(rest.slice(0, 2));
        expect(page.has_more).toBe(true);
        expect(page.after).toBe(rest[1]);
      }
    }

    // The long thread id as a cursor of loadThreads.
    const threadOrder = [otherThreads[0]!, otherThreads[1]!, threadId, otherThreads[2]!, otherThreads[3]!];
    expect(await ids(threadsOf(store, scope))).toEqual(threadOrder);
    for (const order of ORDERS) {
      const listing = order === "asc" ? threadOrder : [...threadOrder].reverse();
      for (const s of [store, loose(new PostgresStore({ client: pool, schema }))]) {
        const page = await s.loadThreads(5, threadId, order, scope);
        expect(page.data.map((t) => t.id)).toEqual(listing.slice(listing.indexOf(threadId) + 1));
        expect(page.has_more).toBe(false);
      }
    }

    // The one-snapshot page statements (the store's fallback under races) with the longest keys.
    const sql = buildStatements(resolveNames("test", { schema }));
    const fromCursor = await pool.query(sql.itemsAfter.asc, [scope, threadId, itemId, 3]);
    expect(fromCursor.rows.map((r: { id: string }) => r.id)).toEqual([itemId, otherItems[3], otherItems[4]]);
    const threadsFromCursor = await pool.query(sql.threadsAfter.desc, [scope, threadId, 3]);
    expect(threadsFromCursor.rows.map((r: { id: string }) => r.id)).toEqual([threadId, otherThreads[1], otherThreads[0]]);

    // Attachments.
    const attachment = { id: attachmentId, type: "file", name: "a.txt", mime_type: "text/plain", thread_id: threadId };
    await store.saveAttachment(attachment, scope);
    await store.saveAttachment({ ...attachment, name: "b.txt" }, scope);
    expect(await store.loadAttachment(attachmentId, scope)).toEqual({ ...attachment, name: "b.txt" });

    // Stored as given, uncompressed: the index entries really are that long.
    const stored = await pool.query(
      `SELECT octet_length(scope) AS s, octet_length(thread_id) AS t, octet_length(id) AS i, pg_column_compression(id) AS c, pg_column_compression(thread_id) AS ct
       FROM ${pgStore.tableNames.items} WHERE scope = $1 AND thread_id = $2 AND id = $3`,
      [scope, threadId, itemId],
    );
    expect(stored.rows).toEqual([{ s: 512, t: 1024, i: 1024, c: null, ct: null }]);
    const longest = await longestIndexEntry(`${pgStore.tableNames.items.replace(/"chatkit_items"$/, '"chatkit_items_pkey"')}`);
    // 512 + 1,024 + 1,024 bytes of keys plus headers, not compressed: within the btree's 2,704-byte limit.
    if (longest !== null) expect(longest).toBeGreaterThanOrEqual(2560);
    if (longest !== null) expect(longest).toBeLessThanOrEqual(2704);

    // Deletes.
    await store.deleteThreadItem(threadId, itemId, scope);
    expect(isNotFoundError(await rejection(store.loadItem(threadId, itemId, scope)))).toBe(true);
    expect(await ids(itemsOf(store, threadId, scope))).toEqual(otherItems);
    await store.deleteThread(threadId, scope);
    expect(isNotFoundError(await rejection(store.loadThread(threadId, scope)))).toBe(true);
    expect(await ids(itemsOf(store, threadId, scope))).toEqual([]);
    expect(await countRows(pgStore, "items", scope)).toBe(0);
    expect(await ids(threadsOf(store, scope))).toEqual(otherThreads);
    expect(await store.loadAttachment(attachmentId, scope)).toEqual({ ...attachment, name: "b.txt" }); // C-DELETE: attachments stay
  });

  /**
   * The longest entry of a btree index in bytes (pageinspect's itemlen), or null when pageinspect is not
   * installed on this server.
   */
  async function longestIndexEntry(index: string): Promise<number | null> {
    try {
      await pool.query("CREATE EXTENSION IF NOT EXISTS pageinspect");
    } catch {
      return null;
    }
    const blocks = await pool.query(`SELECT (pg_relation_size($1::regclass) / current_setting('block_size')::int)::int AS n`, [index]);
    let longest = 0;
    for (let block = 1; block < Number(blocks.rows[0].n); block++) {
      const r = await pool.query(`SELECT coalesce(max(itemlen), 0)::int AS len FROM bt_page_items($1, $2)`, [index, block]);
      longest = Math.max(longest, Number(r.rows[0].len));
    }
    return longest;
  }

  it("C-ID: one byte more (a 1,025-byte id, a 513-byte scope) is an InvalidArgumentError naming the argument, and nothing is written", async () => {
    const r = rng(1025);
    const okScope = incompressible(r, 512, "v_");
    const tooLongScope = incompressible(r, 513, "w_");
    const okThread = incompressible(r, 1024, "thr_");
    const tooLong = incompressible(r, 1025, "x_");
    expect([okScope, tooLongScope, okThread, tooLong].map(utf8)).toEqual([512, 513, 1024, 1025]);
    await store.saveThread(thread(okThread), okScope);
    const counts = async () => [
      ...(await Promise.all((["threads", "items", "attachments"] as const).map((t) => countRows(pgStore, t, okScope)))),
      ...(await Promise.all((["threads", "items", "attachments"] as const).map((t) => countRows(pgStore, t, tooLongScope)))),
    ];
    const before = await counts();
    // Each call with an argument one byte too long; the last field says whether a NotFoundError is also
    // right: a threadId that names an existing thread cannot name one past the limit, so "not found" is true.
    const cases: [string, () => Promise<unknown>, string, boolean?][] = [
      ["saveThread", () => store.saveThread(thread(tooLong), okScope), "thread.id"],
      ["addThreadItem", () => store.addThreadItem(okThread, item(tooLong, okThread), okScope), "item.id"],
      ["saveItem", () => store.saveItem(okThread, item(tooLong, okThread), okScope), "item.id"],
      ["addThreadItem", () => store.addThreadItem(tooLong, item("msg_1", tooLong), okScope), "threadId", true],
      ["saveItem", () => store.saveItem(tooLong, item("msg_1", tooLong), okScope), "threadId", true],
      ["saveAttachment", () => store.saveAttachment({ id: tooLong, type: "file", name: "a", mime_type: "text/plain" }, okScope), "attachment.id"],
      ["saveThread", () => store.saveThread(thread("thr_1"), tooLongScope), "context"],
      ["addThreadItem", () => store.addThreadItem(okThread, item("msg_1", okThread), tooLongScope), "context"],
      ["saveAttachment", () => store.saveAttachment({ id: "atc_1", type: "file", name: "a", mime_type: "text/plain" }, tooLongScope), "context"],
    ];
    const problems: string[] = [];
    for (const [method, call, argument, notFoundToo] of cases) {
      const error = await rejection(call());
      if (notFoundToo && isNotFoundError(error) && (error as { kind?: string }).kind === "thread") continue;
      if (error.name !== "InvalidArgumentError" || error.argument !== argument || !error.message.includes(`${method}: ${argument}`)) {
        problems.push(`${method} (${argument}): ${error.name}${error.argument ? ` naming ${error.argument}` : ""}${"code" in error && error.code ? ` [${error.code}]` : ""}: ${error.message.slice(0, 160)}`);
      }
    }
    expect(problems, problems.join("\n")).toEqual([]);
    expect(await counts()).toEqual(before);
  });
});
