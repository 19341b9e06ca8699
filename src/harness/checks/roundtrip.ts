import type { Check } from "../Check.js";
import { expectEqual, expectOk } from "../expect.js";
import { sampleAttachments, sampleItems, sampleThreads } from "./samples.js";
import { thread } from "./support.js";

/** C-ROUNDTRIP: what is loaded deep-equals what was saved. */
export const roundtripChecks: Check[] = [
  {
    id: "roundtrip.threads",
    statement: "every thread shape (each status, title null or set, allowed_image_domains null/[]/list, nested metadata, every created_at form) loads exactly as saved",
    rules: ["C-ROUNDTRIP"],
    kind: "example",
    async run(env) {
      const { store, contexts } = await env.fresh();
      const [ctx] = contexts;
      for (const t of sampleThreads()) {
        await expectOk(() => store.saveThread(t as never, ctx), `saveThread(${JSON.stringify(t.id)})`);
        expectEqual(await expectOk(() => store.loadThread(t.id as string, ctx), `loadThread(${JSON.stringify(t.id)})`), t, `loadThread(${JSON.stringify(t.id)})`);
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
      await expectOk(() => store.saveThread(thread("thr_rt", "2026-01-01T00:00:00Z") as never, ctx), "saveThread(thr_rt)");
      const items = sampleItems("thr_rt");
      for (const item of items) {
        await expectOk(() => store.addThreadItem("thr_rt", item as never, ctx), `addThreadItem(thr_rt, ${item.type} ${JSON.stringify(item.id)})`);
        expectEqual(await expectOk(() => store.loadItem("thr_rt", item.id as string, ctx), `loadItem(thr_rt, ${JSON.stringify(item.id)})`), item, `loadItem of the ${item.type} ${JSON.stringify(item.id)}`);
      }
      const page = await expectOk(() => store.loadThreadItems("thr_rt", null, items.length, "asc", ctx), "loadThreadItems(thr_rt)");
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
        await expectOk(() => store.saveAttachment(a as never, ctx), `saveAttachment(${JSON.stringify(a.id)})`);
        expectEqual(await expectOk(() => store.loadAttachment(a.id as string, ctx), `loadAttachment(${JSON.stringify(a.id)})`), a, `loadAttachment(${JSON.stringify(a.id)})`);
      }
    },
  },
];
