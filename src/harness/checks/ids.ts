import { ID_PREFIXES, STORE_ITEM_TYPES } from "../../model/ids.js";
import type { Attachment } from "../../model/attachment.js";
import type { ThreadItem } from "../../model/items.js";
import type { ThreadMetadata } from "../../model/thread.js";
import { defineChecks, type AnyStore } from "../Check.js";
import { expectEqual, expectNotFound, expectOk, expectThat, idsOf } from "../expect.js";
import { ODD_IDS } from "./samples.js";
import { at, fileAttachment, lister, message, thread, walkAndCheck } from "./support.js";
import { prefixed, show } from "../../errors/render.js";

/** C-ID: default ids, caller-supplied ids, exact string identity of ids and the id length every store accepts. */
export const checks = defineChecks("ids", [
  {
    id: "ids.default-format",
    statement: "generateThreadId and generateItemId return `<prefix>_<hex>` with the upstream prefix and more than 8 hex digits",
    rules: ["C-ID", "C-NAMES"],
    requires: ["defaultIds"],
    kind: "example",
    async run(env) {
      const { store, contexts } = await env.fresh();
      const [ctx] = contexts;
      const t = thread("thr_for_ids", "2026-01-01T00:00:00Z");
      const threadId = store.generateThreadId(ctx);
      expectThat(typeof threadId === "string" && /^thr_[0-9a-f]{9,}$/.test(threadId), "generateThreadId() matches /^thr_[0-9a-f]{9,}$/ (synchronous)", () => `got ${JSON.stringify(threadId)}`);
      for (const type of STORE_ITEM_TYPES) {
        if (type === "thread" || type === "attachment") continue;
        const id = store.generateItemId(type, t, ctx);
        const re = new RegExp(`^${ID_PREFIXES[type]}_[0-9a-f]{9,}$`);
        expectThat(typeof id === "string" && re.test(id), `generateItemId("${type}") matches ${re}`, () => `got ${JSON.stringify(id)}`);
      }
    },
  },
  {
    id: "ids.distinct",
    statement: "1,000 generated ids of each item type are distinct",
    rules: ["C-ID"],
    kind: "example",
    async run(env) {
      const { store, contexts } = await env.fresh();
      const [ctx] = contexts;
      const t = thread("thr_for_ids", "2026-01-01T00:00:00Z");
      const threads = new Set(Array.from({ length: 1000 }, () => store.generateThreadId(ctx)));
      expectThat(threads.size === 1000, "1,000 distinct thread ids", () => `${1000 - threads.size} duplicates`);
      const messages = new Set(Array.from({ length: 1000 }, () => store.generateItemId("message", t, ctx)));
      expectThat(messages.size === 1000, "1,000 distinct message ids", () => `${1000 - messages.size} duplicates`);
    },
  },
  {
    id: "ids.caller-ids-roundtrip",
    statement:
      "threads, items and attachments with caller-supplied ids (odd characters such as `%`, `_`, `*`, quotes and a backslash, SQL, unicode, surrounding spaces, long) are stored and loaded by those ids; the threads and one thread's items are listed exactly once each, in order, and each id works as the `after` cursor of its listing in both orders (attachments only where the store has them)",
    rules: ["C-ID", "C-ROUNDTRIP"],
    kind: "example",
    async run(env) {
      const { store, contexts } = await env.fresh();
      const [ctx] = contexts;
      // Created in an order against the ids' own, so neither an order by id nor insertion order passes by chance.
      const { asc, createdAt } = timeline(ODD_IDS);
      // The thread that holds every odd id as an item (its own id has quotes and a backslash).
      const hub = ODD_IDS.find((id) => id.includes("\\")) ?? ODD_IDS[0];
      const threads = new Map<string, ThreadMetadata>(ODD_IDS.map((id) => [id, thread(id, createdAt.get(id)!, { title: `caller id ${id}` })]));
      for (const [id, t] of threads) {
        await expectOk(() => store.saveThread(t, ctx), `saveThread(${shown(id)})`);
        expectEqual(await expectOk(() => store.loadThread(id, ctx), `loadThread(${shown(id)})`), t, `loadThread(${shown(id)})`);
      }
      for (const [i, id] of ODD_IDS.entries()) {
        if (id === hub) continue;
        const m = message(id, ODD_IDS[(i + 1) % ODD_IDS.length]!, createdAt.get(id)!);
        await expectOk(() => store.addThreadItem(id, m, ctx), `addThreadItem(${shown(id)}, ${shown(m.id)})`);
        expectEqual(await expectOk(() => store.loadItem(id, m.id, ctx), `loadItem(${shown(id)}, ${shown(m.id)})`), m, `loadItem(${shown(id)}, ${shown(m.id)}): the item as added`);
      }
      const items = new Map<string, ThreadItem>(ODD_IDS.map((id) => [id, message(hub, id, createdAt.get(id)!)]));
      for (const [id, m] of items) {
        await expectOk(() => store.addThreadItem(hub, m, ctx), `addThreadItem(${shown(hub)}, ${shown(id)})`);
        expectEqual(await expectOk(() => store.loadItem(hub, id, ctx), `loadItem(${shown(hub)}, ${shown(id)})`), m, `loadItem(${shown(hub)}, ${shown(id)}): the item as added`);
      }
      const n = ODD_IDS.length;
      await expectWholePage(store.loadThreads(n + 1, null, "asc", ctx), asc.map((id) => threads.get(id)), `loadThreads(${n + 1}, null, "asc") (caller-supplied thread ids)`);
      await expectWholePage(store.loadThreadItems(hub, null, n + 1, "asc", ctx), asc.map((id) => items.get(id)), `loadThreadItems(${shown(hub)}, null, ${n + 1}, "asc") (caller-supplied item ids)`);
      await expectEveryCursor(lister(store, null), ctx, asc, "loadThreads");
      await expectEveryCursor(lister(store, hub), ctx, asc, `loadThreadItems(${shown(hub)})`);
      if (env.capabilities.attachments) {
        for (const [i, id] of ODD_IDS.entries()) {
          const a = fileAttachment(id, { name: `caller id ${i}.txt`, thread_id: hub, metadata: { id } });
          await expectOk(() => store.saveAttachment(a, ctx), `saveAttachment(${shown(id)})`);
          expectEqual(await expectOk(() => store.loadAttachment(id, ctx), `loadAttachment(${shown(id)})`), a, `loadAttachment(${shown(id)}): the attachment as saved`);
        }
      }
    },
  },
  {
    id: "ids.thread-twins",
    statement:
      "thread ids that differ only by case, accents, Unicode normalisation (NFC/NFD, NFKC), leading or trailing whitespace or an invisible character (`thr_a`/`thr_A`, `thr_e`/`thr_é`/`thr_e\\u0301`, `thr_ﬁ`/`thr_fi`, `thr_x`/` thr_x`/`thr_x `/`thr_x\\t`/`thr_x\\u00a0`/`thr_x\\u200b`) are distinct threads: saved together, each loads its own record and is listed and paged exactly once; deleted one by one, the deleted one raises NotFoundError and every other still loads and lists",
    rules: ["C-ID", "C-ROUNDTRIP", "C-DELETE"],
    kind: "example",
    async run(env) {
      const { store, contexts } = await env.fresh();
      await exerciseThreads(store, contexts[0], identityTwins("thr_"), "thread-id twins");
    },
  },
  {
    id: "ids.item-twins",
    statement:
      "item ids that differ only by case, accents, Unicode normalisation, leading or trailing whitespace or an invisible character (the twins of ids.thread-twins, `msg_…`) are distinct items, in one thread and, with the same ids, in a second thread whose id differs from the first only by case: added together, each loads its own record and is listed and paged exactly once in its own thread; deleted one by one, the deleted one raises NotFoundError and every other still loads and lists, in both threads",
    rules: ["C-ID", "C-ROUNDTRIP", "C-DELETE"],
    kind: "example",
    async run(env) {
      const { store, contexts } = await env.fresh();
      await exerciseItems(store, contexts[0], ["thr_twins", "THR_twins"], identityTwins("msg_"), "item-id twins");
    },
  },
  {
    id: "ids.attachment-twins",
    statement:
      "attachment ids that differ only by case, accents, Unicode normalisation, leading or trailing whitespace or an invisible character (the twins of ids.thread-twins, `atc_…`) are distinct attachments: saved together, each loads its own record; deleted one by one, the deleted one raises NotFoundError and every other still loads",
    rules: ["C-ID", "C-ATTACH", "C-DELETE"],
    requires: ["attachments"],
    kind: "example",
    async run(env) {
      const { store, contexts } = await env.fresh();
      await exerciseAttachments(store, contexts[0], identityTwins("atc_"), "attachment-id twins");
    },
  },
  {
    id: "ids.max-length",
    statement:
      "thread, item and attachment ids of exactly 1,024 UTF-8 bytes, in ASCII and in 2-, 3- and 4-byte characters (and items in threads with such ids), are accepted and round-trip: each loads exactly as saved, is listed and works as a cursor, and is deleted",
    rules: ["C-ID", "C-ROUNDTRIP"],
    kind: "example",
    async run(env) {
      const { store, contexts } = await env.fresh();
      const [ctx] = contexts;
      const threads = maxLengthIds("thr_");
      await exerciseThreads(store, ctx, threads, "1,024-byte thread ids");
      await exerciseItems(store, ctx, [threads[0]!, threads[3]!], maxLengthIds("msg_"), "1,024-byte item ids");
      if (env.capabilities.attachments) await exerciseAttachments(store, ctx, maxLengthIds("atc_"), "1,024-byte attachment ids");
    },
  },
  {
    id: "ids.long-twins",
    statement:
      "ids that share their first 64 characters, 255 bytes (ASCII, and 3-byte characters), 256 bytes or 1,023 bytes and differ only after them (a column or key cut at VARCHAR(64), VARCHAR(255) or any length under 1,024 bytes) are distinct threads, items and attachments: written together, each loads its own record and is listed once; deleted one by one, the others stay",
    rules: ["C-ID", "C-ROUNDTRIP"],
    kind: "example",
    async run(env) {
      const { store, contexts } = await env.fresh();
      const [ctx] = contexts;
      await exerciseThreads(store, ctx, longTwins("thr_"), "long thread-id twins");
      const start = ofBytes("thr_", "t", 1023);
      await exerciseItems(store, ctx, [`${start}a`, `${start}b`], longTwins("msg_"), "long item-id twins");
      if (env.capabilities.attachments) await exerciseAttachments(store, ctx, longTwins("atc_"), "long attachment-id twins");
    },
  },
]);

// ------------------------------------------------------------------ id families (C-ID)

/**
 * Ids that real stores conflate although the contract keeps them apart: case (MySQL `_ci` collations),
 * accents (`_ai_` collations), NFC/NFD and NFKC normalisation, leading and trailing whitespace (trimming
 * sanitizers, PAD SPACE collations, CHAR columns), a no-break space (`String.prototype.trim`) and a
 * zero-width space (sanitizers that strip invisible characters, ICU collations that ignore them).
 */
function identityTwins(prefix: string): string[] {
  const x = `${prefix}x`;
  return [`${prefix}a`, `${prefix}A`, `${prefix}e`, `${prefix}\u00e9`, `${prefix}e\u0301`, `${prefix}\ufb01`, `${prefix}fi`, x, ` ${x}`, `${x} `, `${x}\t`, `${x}\u00a0`, `${x}\u200b`];
}

const utf8 = new TextEncoder();

/** The UTF-8 length of a string. */
function utf8Length(text: string): number {
  return utf8.encode(text).length;
}

/** `prefix`, then as many `unit`s as fit, then ASCII `k`s: exactly `bytes` UTF-8 bytes. */
function ofBytes(prefix: string, unit: string, bytes: number): string {
  const room = bytes - utf8Length(prefix);
  const units = Math.floor(room / utf8Length(unit));
  const id = `${prefix}${unit.repeat(units)}${"k".repeat(room - units * utf8Length(unit))}`;
  if (utf8Length(id) !== bytes) throw new Error(prefixed(`ofBytes: ${utf8Length(id)} bytes, not ${bytes}`));
  return id;
}

/** Ids of exactly 1,024 UTF-8 bytes (the longest every store accepts, C-ID): ASCII, 2-, 3- and 4-byte characters. */
function maxLengthIds(prefix: string): string[] {
  return ["k", "\u00e9", "\u20ac", "\u{1f600}"].map((unit) => ofBytes(prefix, unit, 1024));
}

/**
 * Pairs of ids that share a long start and differ only after it: 64 characters, 255 bytes (ASCII, and
 * 3-byte characters, which a character-counted VARCHAR(255) keeps apart), 256 bytes, 1,023 bytes.
 */
function longTwins(prefix: string): string[] {
  const shared = [ofBytes(prefix, "c", 64), ofBytes(prefix, "v", 255), ofBytes(prefix, "\u20ac", 255), ofBytes(prefix, "w", 256), ofBytes(prefix, "m", 1023)];
  return shared.flatMap((start) => [`${start}a`, `${start}b`]);
}

/** An id for messages: JSON with every non-ASCII or control character escaped, long ids abbreviated. */
function shown(id: string): string {
  const escape = (text: string) => show(text, { max: Infinity, ascii: true });
  if (id.length <= 40) return escape(id);
  return `${escape(id.slice(0, 12)).slice(0, -1)}…${escape(id.slice(-6)).slice(1)} (${utf8Length(id)} UTF-8 bytes)`;
}

/**
 * The contract order of a family: ids sorted against their code-unit order (the lexically first id is
 * the newest), so neither an order by id nor insertion order (the family's own order) can pass.
 */
function timeline(ids: readonly string[]): { asc: string[]; createdAt: Map<string, string> } {
  const asc = [...ids].sort().reverse();
  return { asc, createdAt: new Map(asc.map((id, i) => [id, at(i + 1)])) };
}

/** Walks a listing in both orders: `asc` with limit 1 (every id but the last is a cursor), `desc` with limit 3. */
async function walkSmall<TContext>(list: Parameters<typeof walkAndCheck<TContext>>[0], ctx: TContext, asc: readonly string[], what: string): Promise<void> {
  await walkAndCheck(list, ctx, 1, "asc", asc, what);
  await walkAndCheck(list, ctx, 3, "desc", [...asc].reverse(), what);
}

/**
 * Each id as the `after` cursor, in both orders, with a limit past the end: the page holds exactly the
 * rows after that id in that order (none after the last), and `has_more` is false.
 */
async function expectEveryCursor<TContext>(list: Parameters<typeof walkAndCheck<TContext>>[0], ctx: TContext, asc: readonly string[], what: string): Promise<void> {
  for (const order of ["asc", "desc"] as const) {
    const ordered = order === "asc" ? asc : [...asc].reverse();
    for (const [k, cursor] of ordered.entries()) {
      const call = `${what} with after ${shown(cursor)}, limit ${asc.length + 1}, ${order}`;
      const page = await expectOk(() => list(cursor, asc.length + 1, order, ctx), call);
      expectEqual({ ids: idsOf(page), has_more: page.has_more }, { ids: ordered.slice(k + 1), has_more: false }, `${call}: the rows after ${shown(cursor)}`);
    }
  }
}

/** One page holding every live row: exactly the records, in contract order. */
async function expectWholePage(page: Promise<{ data: unknown[]; has_more: boolean }>, expected: readonly unknown[], what: string): Promise<void> {
  const seen = await expectOk(() => page, what);
  expectEqual({ data: seen.data, has_more: seen.has_more }, { data: expected, has_more: false }, `${what}: every row once, in order`);
}

/** Saves threads of the given ids together, re-reads and lists them all, then deletes them one by one. */
async function exerciseThreads<TContext>(store: AnyStore<TContext>, ctx: TContext, ids: readonly string[], what: string): Promise<void> {
  const { asc, createdAt } = timeline(ids);
  const records = new Map<string, ThreadMetadata>(ids.map((id, i) => [id, thread(id, createdAt.get(id)!, { title: `${what} #${i}`, metadata: { twin: i } })]));
  for (const record of records.values()) await expectOk(() => store.saveThread(record, ctx));
  const live = new Set(ids);
  const expectAll = async (when: string) => {
    for (const id of live) {
      const loaded = await expectOk(() => store.loadThread(id, ctx), `loadThread(${shown(id)}) ${when}`);
      expectEqual(loaded, records.get(id), `loadThread(${shown(id)}) ${when}: its own record`);
    }
    const rows = asc.filter((id) => live.has(id)).map((id) => records.get(id));
    await expectWholePage(store.loadThreads(ids.length + 1, null, "asc", ctx), rows, `loadThreads(${ids.length + 1}, null, "asc") ${when} (${what})`);
  };
  await expectAll("after saving them all");
  await walkSmall(lister(store, null), ctx, asc, `loadThreads (${what})`);
  for (const id of ids) {
    await expectOk(() => store.deleteThread(id, ctx), `deleteThread(${shown(id)})`);
    live.delete(id);
    await expectNotFound(() => store.loadThread(id, ctx), `loadThread(${shown(id)}) after deleteThread(${shown(id)})`);
    await expectAll(`after deleteThread(${shown(id)})`);
  }
}

/**
 * Adds items of the given ids to each of `threadIds` (the same ids in every thread), re-reads and lists
 * them all, then deletes them one by one, thread after thread; the other threads are re-read after each.
 */
async function exerciseItems<TContext>(store: AnyStore<TContext>, ctx: TContext, threadIds: readonly string[], ids: readonly string[], what: string): Promise<void> {
  const { asc, createdAt } = timeline(ids);
  const records = threadIds.map((t, k) => new Map<string, ThreadItem>(ids.map((id, i) => [id, message(t, id, createdAt.get(id)!, `${what} #${i} in thread ${k + 1}`)])));
  for (const t of threadIds) await expectOk(() => store.saveThread(thread(t, at(0)), ctx), `saveThread(${shown(t)})`);
  for (const [k, t] of threadIds.entries()) for (const item of records[k]!.values()) await expectOk(() => store.addThreadItem(t, item, ctx), `addThreadItem(${shown(t)}, ${shown(item.id)})`);
  const live = threadIds.map(() => new Set(ids));
  const rowsOf = (k: number) => asc.filter((id) => live[k]!.has(id)).map((id) => records[k]!.get(id));
  const pageOf = (k: number, when: string) =>
    expectWholePage(store.loadThreadItems(threadIds[k]!, null, ids.length + 1, "asc", ctx), rowsOf(k), `loadThreadItems(${shown(threadIds[k]!)}, null, ${ids.length + 1}, "asc") ${when} (${what})`);
  const expectThread = async (k: number, when: string) => {
    const t = threadIds[k]!;
    for (const id of live[k]!) {
      const loaded = await expectOk(() => store.loadItem(t, id, ctx), `loadItem(${shown(t)}, ${shown(id)}) ${when}`);
      expectEqual(loaded, records[k]!.get(id), `loadItem(${shown(t)}, ${shown(id)}) ${when}: its own record`);
    }
    await pageOf(k, when);
  };
  for (const [k, t] of threadIds.entries()) {
    await expectThread(k, "after adding them all");
    await walkSmall(lister(store, t), ctx, asc, `loadThreadItems(${shown(t)}) (${what})`);
  }
  for (const [k, t] of threadIds.entries()) {
    for (const id of ids) {
      const when = `after deleteThreadItem(${shown(t)}, ${shown(id)})`;
      await expectOk(() => store.deleteThreadItem(t, id, ctx), `deleteThreadItem(${shown(t)}, ${shown(id)})`);
      live[k]!.delete(id);
      await expectNotFound(() => store.loadItem(t, id, ctx), `loadItem(${shown(t)}, ${shown(id)}) ${when}`);
      await expectThread(k, when);
      for (const other of threadIds.keys()) if (other !== k) await pageOf(other, when);
    }
    for (const other of threadIds.keys()) if (other !== k) await expectThread(other, `after deleting every item of ${shown(t)}`);
  }
}

/** Saves attachments of the given ids together, re-reads them all, then deletes them one by one. */
async function exerciseAttachments<TContext>(store: AnyStore<TContext>, ctx: TContext, ids: readonly string[], what: string): Promise<void> {
  const records = new Map<string, Attachment>(ids.map((id, i) => [id, fileAttachment(id, { name: `${what} #${i}.txt`, metadata: { twin: i } })]));
  for (const record of records.values()) await expectOk(() => store.saveAttachment(record, ctx), `saveAttachment(${shown(record.id)})`);
  const live = new Set(ids);
  const expectAll = async (when: string) => {
    for (const id of live) {
      const loaded = await expectOk(() => store.loadAttachment(id, ctx), `loadAttachment(${shown(id)}) ${when}`);
      expectEqual(loaded, records.get(id), `loadAttachment(${shown(id)}) ${when}: its own record`);
    }
  };
  await expectAll("after saving them all");
  for (const id of ids) {
    await expectOk(() => store.deleteAttachment(id, ctx), `deleteAttachment(${shown(id)})`);
    live.delete(id);
    await expectNotFound(() => store.loadAttachment(id, ctx), `loadAttachment(${shown(id)}) after deleteAttachment(${shown(id)})`);
    await expectAll(`after deleteAttachment(${shown(id)})`);
  }
}
