import * as fc from "fast-check";
import * as arb from "../../arbitraries/index.js";
import type { Attachment } from "../../model/attachment.js";
import { defineChecks } from "../Check.js";
import { expectEqual, expectOk } from "../expect.js";
import { checkProperty } from "../property.js";
import { sampleAttachments, sampleItems, sampleThreads } from "./samples.js";
import { thread } from "./support.js";

/** C-ROUNDTRIP: what is loaded deep-equals what was saved. */
export const checks = defineChecks("roundtrip", [
  {
    id: "roundtrip.threads",
    statement: "every thread shape (each status, title null or set, allowed_image_domains null/[]/list, nested metadata, every created_at form) loads exactly as saved",
    rules: ["C-ROUNDTRIP"],
    kind: "example",
    async run(env) {
      const { store, contexts } = await env.fresh();
      const [ctx] = contexts;
      for (const t of sampleThreads()) {
        await expectOk(() => store.saveThread(t, ctx));
        expectEqual(await expectOk(() => store.loadThread(t.id as string, ctx)), t, `loadThread(${JSON.stringify(t.id)})`);
      }
    },
  },
  {
    id: "roundtrip.items",
    statement: "all 11 item variants, optional fields set and absent, unicode and a 20 kB text, load exactly as added (loadItem and loadThreadItems)",
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
    statement: "file and image attachments with upload_descriptor (PUT, POST, null), thread_id and metadata load exactly as saved",
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
    id: "roundtrip.property",
    statement: "random threads, items of all 11 types and attachments (nested JSON, unicode, every optional field absent, null or set) load exactly as saved",
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
