import * as fc from "fast-check";
import * as arb from "../../arbitraries/index.js";
import type { Attachment } from "../../model/attachment.js";
import { THREAD_ITEM_TYPES, type ThreadItem } from "../../model/items.js";
import type { JsonValue } from "../../model/json.js";
import type { ThreadMetadata } from "../../model/thread.js";
import { defineChecks, type AnyStore } from "../Check.js";
import { expectEach, expectEqual, expectOk, idsOf } from "../expect.js";
import { checkProperty } from "../property.js";
import { TIMESTAMP_FORMS, sampleAttachments, sampleItems, sampleThreads } from "./samples.js";
import { at, fileAttachment, message, thread } from "./support.js";
import { prefixed } from "../../errors/render.js";

/** UTF-8 length of a string. */
function utf8Bytes(text: string): number {
  return new TextEncoder().encode(text).length;
}

/** `length` characters of a visible, position-dependent ASCII pattern (a cut, a shift or a repeat shows). */
function asciiRun(length: number): string {
  let out = "";
  for (let i = 0; out.length < length; i++) out += `${String(i).padStart(6, "0")}:abcdefghijklmnopqrstuvwxyz|`;
  return out.slice(0, length);
}

/**
 * Strings just past the sizes where columns, buffers and chunks cut: 65,536 (64 KiB, in UTF-16 code units
 * and in bytes) and 65,535 UTF-8 bytes (a MySQL TEXT column), in ASCII and in 2-, 3- and 4-byte characters,
 * the 3- and 4-byte ones placed so that a character straddles byte 65,536.
 */
function stringsPast64k(): Record<string, string> {
  const strings = {
    ascii: asciiRun(65_537), // 65,537 chars, 65,537 bytes
    twoByte: "é".repeat(32_768), // 32,768 chars, 65,536 bytes
    threeByte: `ab${"€".repeat(21_846)}`, // 21,848 chars, 65,540 bytes; one € spans bytes 65,534–65,536
    fourByte: `a${"😀".repeat(16_384)}`, // 32,769 UTF-16 units, 65,537 bytes; one emoji spans bytes 65,533–65,536
    wide: `x${"中".repeat(65_536)}`, // 65,537 UTF-16 units, 196,609 bytes
  };
  for (const [name, text] of Object.entries(strings)) {
    if (utf8Bytes(text) <= 65_535) throw new Error(prefixed(`roundtrip: the ${name} sample must pass 65,535 UTF-8 bytes`));
  }
  return strings;
}

/** A text of about `bytes` UTF-8 bytes: numbered lines of ASCII and multi-byte characters. */
function megabyteText(bytes: number): string {
  const lines: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const line = `line ${String(i).padStart(6, "0")}: the quick brown fox — ünïcødé, 中文, emoji 😀🧵, the last code point \u{10FFFF}\u0301\u0308, and some more ASCII to fill it up.\n`;
    lines.push(line);
    size += utf8Bytes(line);
  }
  return lines.join("");
}

/**
 * Free-form metadata of about `bytes` UTF-8 bytes: some 700 nested entries with mixed JSON values, a
 * chain 24 objects deep, an array of 10,000 mixed elements and a long multi-byte string that ends in the
 * last code point, U+10FFFF, with combining marks.
 */
function megabyteMetadata(label: string, bytes: number): Record<string, JsonValue> {
  let deep: JsonValue = { bottom: `${label} at depth 24`, list: [1, "two", null, false, 3.25] };
  for (let d = 23; d >= 1; d--) deep = { [`level_${d}`]: deep, n: d };
  const entries: Record<string, JsonValue> = {};
  const long = `${"€ünï中😀".repeat(20_000)}\u{10FFFF}\u0301\u0308`; // 300,008 bytes
  const array: JsonValue[] = Array.from({ length: 10_000 }, (_, i) => (i % 4 === 0 ? i : i % 4 === 1 ? `e${i}` : i % 4 === 2 ? null : [i, { i }]));
  let size = utf8Bytes(long) + utf8Bytes(JSON.stringify(array)) + 2_000;
  for (let i = 0; size < bytes; i++) {
    const entry: JsonValue = { i, label: `${label} entry ${i} — ünï 😀`, flags: [i % 2 === 0, null, i * 1.5, -i], nested: { text: asciiRun(900 + (i % 7)), empty: {}, none: [] } };
    entries[`k${String(i).padStart(5, "0")}`] = entry;
    size += utf8Bytes(JSON.stringify(entry)) + 10;
  }
  return { label, entries, deep, array, long };
}

/**
 * Loads what was written every way the store can give it back — loadThread, loadThreads, loadItem,
 * loadThreadItems and loadAttachment — and compares each with what was written.
 */
async function expectLoadsAsWritten<TContext>(
  store: AnyStore<TContext>,
  ctx: TContext,
  saved: ThreadMetadata,
  items: readonly ThreadItem[],
  attachments: readonly Attachment[],
  what: string,
): Promise<void> {
  expectEqual(await expectOk(() => store.loadThread(saved.id, ctx)), saved, `loadThread of ${what}`);
  const threads = await expectOk(() => store.loadThreads(10, null, "asc", ctx));
  expectEqual(threads.data.find((t) => (t as { id?: unknown }).id === saved.id), saved, `${JSON.stringify(saved.id)} in loadThreads (${what})`);
  for (const item of items) expectEqual(await expectOk(() => store.loadItem(saved.id, item.id, ctx)), item, `loadItem of ${JSON.stringify(item.id)} (${what})`);
  const page = await expectOk(() => store.loadThreadItems(saved.id, null, items.length + 1, "asc", ctx));
  expectEqual(page.data, items, `loadThreadItems of ${JSON.stringify(saved.id)} (${what})`);
  for (const a of attachments) expectEqual(await expectOk(() => store.loadAttachment(a.id, ctx)), a, `loadAttachment of ${JSON.stringify(a.id)} (${what})`);
}

/** C-ROUNDTRIP: what is loaded deep-equals what was saved. */
export const checks = defineChecks("roundtrip", [
  {
    id: "roundtrip.threads",
    statement:
      "every thread shape (each status, title null or set, allowed_image_domains null/[]/list, nested metadata with keys such as `__proto__`, `constructor`, `0` and `\"\"`, unknown fields, every created_at form) loads exactly as saved through loadThread, and loadThreads lists exactly those threads, each row exactly as saved",
    rules: ["C-ROUNDTRIP"],
    kind: "example",
    async run(env) {
      const { store, contexts } = await env.fresh();
      const [ctx] = contexts;
      const samples = sampleThreads();
      for (const t of samples) {
        await expectOk(() => store.saveThread(t, ctx));
        expectEqual(await expectOk(() => store.loadThread(t.id as string, ctx)), t, `loadThread(${JSON.stringify(t.id)})`);
      }
      // Listed too: a listing built another way (from columns, or decoded by another path) must give the same rows.
      const listing = `loadThreads(${samples.length + 1}, null, "asc")`;
      const page = await expectOk(() => store.loadThreads(samples.length + 1, null, "asc", ctx), listing);
      expectEqual([...idsOf(page)].sort(), samples.map((t) => t.id).sort(), `${listing}: the ids of the ${samples.length} saved threads, each once`);
      for (const t of samples) expectEqual(page.data.find((r) => (r as { id?: unknown }).id === t.id), t, `${JSON.stringify(t.id)} in ${listing}`);
    },
  },
  {
    id: "roundtrip.items",
    statement: `all ${THREAD_ITEM_TYPES.length} item variants, optional fields set and absent, unicode and a 20 kB text, load exactly as added (loadItem and loadThreadItems)`,
    rules: ["C-ROUNDTRIP", "C-WIRE"],
    kind: "example",
    async run(env) {
      const { store, contexts } = await env.fresh();
      const [ctx] = contexts;
      await expectOk(() => store.saveThread(thread("thr_rt", "2026-01-01T00:00:00Z"), ctx));
      const items = sampleItems("thr_rt");
      for (const item of items) {
        await expectOk(() => store.addThreadItem("thr_rt", item, ctx));
        expectEqual(await expectOk(() => store.loadItem("thr_rt", item.id as string, ctx)), item, `loadItem of the ${item.type} ${JSON.stringify(item.id)}`);
      }
      const page = await expectOk(() => store.loadThreadItems("thr_rt", null, items.length, "asc", ctx));
      const byId = new Map(page.data.map((r) => [(r as { id: string }).id, r]));
      for (const item of items) expectEqual(byId.get(item.id as string), item, `the ${item.type} ${JSON.stringify(item.id)} in loadThreadItems`);
    },
  },
  {
    id: "roundtrip.attachments",
    statement: "file and image attachments with upload_descriptor (PUT, POST, null), thread_id and metadata (numbers such as 1e21 and 1.5e-7, URLs and names with `&` and `'`) load exactly as saved",
    rules: ["C-ROUNDTRIP", "C-ATTACH"],
    requires: ["attachments"],
    kind: "example",
    async run(env) {
      const { store, contexts } = await env.fresh();
      const [ctx] = contexts;
      for (const a of sampleAttachments()) {
        await expectOk(() => store.saveAttachment(a, ctx));
        expectEqual(await expectOk(() => store.loadAttachment(a.id as string, ctx)), a, `loadAttachment(${JSON.stringify(a.id)})`);
      }
    },
  },
  {
    id: "roundtrip.timestamp-forms",
    statement: "every created_at form — naive (UTC), Z, +HH:MM and -HH:MM offsets, 0 to 6 fractional digits — is accepted for threads and items, each form judged on its own",
    rules: ["C-ROUNDTRIP", "C-ORDER"],
    severity: "breaks-clients",
    upstream: "the Python server writes naive timestamps itself (datetime.now() without a zone), so a store that rejects them fails there",
    kind: "example",
    async run(env) {
      const { store, contexts } = await env.fresh();
      const [ctx] = contexts;
      await expectOk(() => store.saveThread(thread("thr_forms", "2026-01-02T03:04:05Z"), ctx));
      await expectEach(
        TIMESTAMP_FORMS.map((form, i) => ({ form, i })),
        ({ form }) => `created_at ${JSON.stringify(form)}`,
        async ({ form, i }) => {
          await expectOk(() => store.saveThread(thread(`thr_form_${i}`, form), ctx));
          await expectOk(() => store.addThreadItem("thr_forms", message("thr_forms", `msg_form_${i}`, form), ctx));
        },
      );
    },
  },
  {
    id: "roundtrip.created-at-exact",
    statement: "created_at loads back as the very string that was saved (its spelling, offset and digits, -00:00 included), for threads and items, through loadThread, loadItem, loadThreads and loadThreadItems, each form judged on its own",
    rules: ["C-ROUNDTRIP"],
    severity: "stricter-than-upstream",
    upstream: "the reference store parses records into pydantic models and dumps them again: +00:00 becomes Z, .5 becomes .500000, a naive time gains no offset but its digits change",
    // a rejected form is roundtrip.timestamp-forms' business; a respelled one is what upstream does
    upstreamFailure: (failure) => !/it threw/.test(failure.seen),
    kind: "example",
    async run(env) {
      const { store, contexts } = await env.fresh();
      const [ctx] = contexts;
      await expectOk(() => store.saveThread(thread("thr_exact", "2026-01-02T03:04:05Z"), ctx));
      await expectEach(
        TIMESTAMP_FORMS.map((form, i) => ({ form, i })),
        ({ form }) => `created_at ${JSON.stringify(form)}`,
        async ({ form, i }) => {
          await expectOk(() => store.saveThread(thread(`thr_exact_${i}`, form), ctx));
          await expectOk(() => store.addThreadItem("thr_exact", message("thr_exact", `msg_exact_${i}`, form), ctx));
          const t = await expectOk(() => store.loadThread(`thr_exact_${i}`, ctx));
          const m = await expectOk(() => store.loadItem("thr_exact", `msg_exact_${i}`, ctx));
          // Listings too: a listing may read created_at from another place than the record (an ordering column).
          const threads = await expectOk(() => store.loadThreads(TIMESTAMP_FORMS.length + 2, null, "asc", ctx));
          const items = await expectOk(() => store.loadThreadItems("thr_exact", null, TIMESTAMP_FORMS.length + 1, "asc", ctx));
          const createdAt = (rows: readonly unknown[], id: string) => (rows.find((r) => (r as { id?: unknown }).id === id) as { created_at?: unknown } | undefined)?.created_at;
          expectEqual(
            { loadThread: t.created_at, loadItem: m.created_at, loadThreads: createdAt(threads.data, `thr_exact_${i}`), loadThreadItems: createdAt(items.data, `msg_exact_${i}`) },
            { loadThread: form, loadItem: form, loadThreads: form, loadThreadItems: form },
            "created_at as saved",
          );
        },
      );
    },
  },
  {
    id: "roundtrip.strings-past-64k",
    statement: "strings just past 65,536 UTF-16 units and 65,535 UTF-8 bytes (ASCII, 2-, 3- and 4-byte characters, some straddling byte 65,536) in item texts, a thread title and metadata, and an attachment name and metadata load exactly as saved through loadItem, loadThreadItems, loadThread, loadThreads and loadAttachment",
    rules: ["C-ROUNDTRIP"],
    kind: "example",
    async run(env) {
      const { store, contexts } = await env.fresh();
      const [ctx] = contexts;
      const strings = stringsPast64k();
      const saved = thread("thr_64k", at(0), { title: strings.threeByte, metadata: { ...strings } });
      await expectOk(() => store.saveThread(saved, ctx));
      // ids in reverse time order (msg_z_… first)
      const items = Object.entries(strings).map(([name, text], i) => message("thr_64k", `msg_${String.fromCharCode(122 - i)}_${name}`, at(1 + i), text));
      for (const item of items) await expectOk(() => store.addThreadItem("thr_64k", item, ctx));
      const attachments = env.capabilities.attachments ? [fileAttachment("atc_64k", { name: strings.fourByte, thread_id: "thr_64k", metadata: { ...strings } })] : [];
      for (const a of attachments) await expectOk(() => store.saveAttachment(a, ctx));
      await expectLoadsAsWritten(store, ctx, saved, items, attachments, "strings past 64 KiB");
    },
  },
  {
    id: "roundtrip.megabyte-payloads",
    statement: "payloads of more than 1 MB — an item text of 1.2 MB, a thread with 1.1 MB of nested metadata, an attachment with 1.1 MB of nested metadata, each metadata holding an array of 10,000 elements, the texts holding U+10FFFF with combining marks — load exactly as saved through loadItem, loadThreadItems, loadThread, loadThreads and loadAttachment",
    rules: ["C-ROUNDTRIP"],
    kind: "example",
    async run(env) {
      const { store, contexts } = await env.fresh();
      const [ctx] = contexts;
      const saved = thread("thr_mb", at(0), { title: "a thread of megabytes", metadata: megabyteMetadata("thread", 1_100_000) });
      await expectOk(() => store.saveThread(saved, ctx));
      const items = [message("thr_mb", "msg_z_mb", at(1), megabyteText(1_200_000)), message("thr_mb", "msg_a_after", at(2), "a small item after the large one")];
      for (const item of items) await expectOk(() => store.addThreadItem("thr_mb", item, ctx));
      const attachments = env.capabilities.attachments ? [fileAttachment("atc_mb", { thread_id: "thr_mb", metadata: megabyteMetadata("attachment", 1_100_000) })] : [];
      for (const a of attachments) await expectOk(() => store.saveAttachment(a, ctx));
      await expectLoadsAsWritten(store, ctx, saved, items, attachments, "payloads of 1 MB and more");
    },
  },
  {
    id: "roundtrip.property",
    statement: `random threads, items of all ${THREAD_ITEM_TYPES.length} types and attachments (nested JSON, unicode, every optional field absent, null or set) load exactly as saved`,
    rules: ["C-ROUNDTRIP", "C-WIRE"],
    kind: "property",
    async run(env) {
      const values = fc.record({
        thread: arb.threadMetadata(),
        items: fc.uniqueArray(arb.threadItem(), { maxLength: 6, selector: (i) => i.id }),
        attachments: env.capabilities.attachments ? fc.uniqueArray(arb.attachment(), { maxLength: 3, selector: (a) => a.id }) : fc.constant<Attachment[]>([]),
      });
      await checkProperty(
        env,
        values,
        async ({ thread, items, attachments }) => {
          const { store, contexts } = await env.fresh();
          const [ctx] = contexts;
          await expectOk(() => store.saveThread(thread, ctx));
          expectEqual(await expectOk(() => store.loadThread(thread.id, ctx)), thread, "loadThread: the thread as saved");
          for (const item of items) {
            await expectOk(() => store.addThreadItem(thread.id, item, ctx));
            expectEqual(await expectOk(() => store.loadItem(thread.id, item.id, ctx)), item, `loadItem: the ${item.type} as added`);
          }
          for (const a of attachments) {
            await expectOk(() => store.saveAttachment(a, ctx));
            expectEqual(await expectOk(() => store.loadAttachment(a.id, ctx)), a, `loadAttachment: the ${a.type} attachment as saved`);
          }
        },
        ({ thread, items, attachments }) => [
          `saveThread(${fc.stringify(thread)})`,
          ...items.map((i) => `addThreadItem(${JSON.stringify(thread.id)}, ${fc.stringify(i)})`),
          ...attachments.map((a) => `saveAttachment(${fc.stringify(a)})`),
        ],
      );
    },
  },
]);
