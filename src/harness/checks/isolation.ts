import type { AssistantMessageItem } from "../../model/items.js";
import type { ThreadMetadata } from "../../model/thread.js";
import type { Page } from "../../model/page.js";
import { CheckFailure, defineChecks } from "../Check.js";
import { describeValue, expectEqual, expectOk } from "../expect.js";
import { fileAttachment, message, thread } from "./support.js";

/** A Thread with nested metadata and an `items` page, as the server passes it to saveThread. */
function threadWithItems(): ThreadMetadata & { items: Page<AssistantMessageItem> } {
  return {
    ...thread("thr_iso_items", "2026-01-01T00:00:03Z", { title: "original", metadata: { nested: { tags: ["a"] } } }),
    items: { data: [message("thr_iso_items", "msg_iso_carried", "2026-01-01T00:00:03Z", "original")], has_more: false, after: null },
  };
}

/** C-ISOLATION: no references to internal state leak in or out. */
export const checks = defineChecks("isolation", [
  {
    id: "isolation.mutate-after-save",
    statement: "mutating a thread (also one saved as a Thread carrying `items`: its nested metadata and its items), an item or an attachment after saving it does not change what the store holds",
    rules: ["C-ISOLATION"],
    kind: "example",
    async run(env) {
      const { store, contexts } = await env.fresh();
      const [ctx] = contexts;
      const t = thread("thr_iso", "2026-01-01T00:00:00Z", { title: "original", metadata: { tags: ["a"] } });
      const m = message("thr_iso", "msg_iso", "2026-01-01T00:00:01Z", "original");
      await expectOk(() => store.saveThread(t, ctx));
      await expectOk(() => store.addThreadItem("thr_iso", m, ctx));
      t.title = "mutated";
      (t.metadata as { tags: string[] }).tags.push("mutated");
      m.content[0]!.text = "mutated";
      m.content.push({ type: "output_text", text: "extra", annotations: [] });
      expectEqual(await store.loadThread("thr_iso", ctx), thread("thr_iso", "2026-01-01T00:00:00Z", { title: "original", metadata: { tags: ["a"] } }), "the thread as saved, not as mutated later");
      expectEqual(await store.loadItem("thr_iso", "msg_iso", ctx), message("thr_iso", "msg_iso", "2026-01-01T00:00:01Z", "original"), "the item as added, not as mutated later");
      const saved = message("thr_iso", "msg_iso2", "2026-01-01T00:00:02Z", "original");
      await expectOk(() => store.saveItem("thr_iso", saved, ctx));
      saved.content[0]!.text = "mutated";
      expectEqual(await store.loadItem("thr_iso", "msg_iso2", ctx), message("thr_iso", "msg_iso2", "2026-01-01T00:00:02Z", "original"), "the item as saved by saveItem");
      // A Thread carrying `items` (the server saves those): copying it as `{ items, ...rest }` keeps the nested values shared.
      const withItems = threadWithItems();
      await expectOk(() => store.saveThread(withItems, ctx));
      withItems.title = "mutated";
      (withItems.metadata as { nested: { tags: string[] } }).nested.tags.push("mutated");
      withItems.items.data[0]!.content[0]!.text = "mutated";
      withItems.items.data.push(message("thr_iso_items", "msg_iso_pushed", "2026-01-01T00:00:04Z"));
      const { items: _items, ...metadataOnly } = threadWithItems();
      const loadedWithItems = await expectOk(() => store.loadThread("thr_iso_items", ctx));
      if (loadedWithItems && typeof loadedWithItems === "object" && "items" in loadedWithItems) {
        throw new CheckFailure({
          expected: "loadThread(thr_iso_items), saved as a Thread with `items`: its metadata only",
          seen: describeValue(loadedWithItems),
          blockedBy: "thread-save.ignores-items",
        });
      }
      expectEqual(loadedWithItems, metadataOnly, "the thread saved with `items`, as saved, not as its metadata was mutated later");
      if (env.capabilities.attachments) {
        const a = fileAttachment("atc_iso", { metadata: { k: ["v"] } });
        await expectOk(() => store.saveAttachment(a, ctx));
        (a.metadata as { k: string[] }).k.push("mutated");
        expectEqual(await store.loadAttachment("atc_iso", ctx), fileAttachment("atc_iso", { metadata: { k: ["v"] } }), "the attachment as saved");
      }
    },
  },
  {
    id: "isolation.mutate-after-load",
    statement: "mutating a value returned by loadThread, loadItem, loadThreadItems, loadThreads or loadAttachment (a record, a page's rows, its data array, has_more and after) does not change the store: later loads and listings return what was saved (judged against deep copies taken at save time)",
    rules: ["C-ISOLATION"],
    kind: "example",
    async run(env) {
      const { store, contexts } = await env.fresh();
      const [ctx] = contexts;
      const t = thread("thr_iso", "2026-01-01T00:00:00Z", { title: "original", metadata: { tags: ["a"] } });
      const m = message("thr_iso", "msg_iso", "2026-01-01T00:00:01Z", "original");
      await expectOk(() => store.saveThread(t, ctx));
      await expectOk(() => store.addThreadItem("thr_iso", m, ctx));
      // Deep copies taken at save time: a store that keeps and hands out the caller's own objects would
      // make `t` and `m` change along with what it returns.
      const tSaved = structuredClone(t);
      const mSaved = structuredClone(m);
      const loaded = (await store.loadThread("thr_iso", ctx)) as Record<string, unknown>;
      loaded.title = "mutated";
      (loaded.metadata as { tags: string[] }).tags.push("mutated");
      const listed = await store.loadThreads(10, null, "asc", ctx);
      const row = listed.data[0] as Record<string, unknown>;
      row.title = "mutated via loadThreads";
      (row.metadata as { tags?: string[] } | undefined)?.tags?.push("mutated via loadThreads");
      listed.data.length = 0;
      listed.has_more = true;
      listed.after = "thr_mutated";
      expectEqual(await store.loadThread("thr_iso", ctx), tSaved, "the thread unchanged after mutating loaded copies");
      const relisted = await expectOk(() => store.loadThreads(10, null, "asc", ctx));
      expectEqual(
        { data: relisted.data, has_more: relisted.has_more, after: relisted.after ?? null },
        { data: [tSaved], has_more: false, after: null },
        "loadThreads unchanged after mutating an earlier loadThreads page (its row, data, has_more and after)",
      );
      const item = (await store.loadItem("thr_iso", "msg_iso", ctx)) as typeof m;
      item.content[0]!.text = "mutated";
      const page = await store.loadThreadItems("thr_iso", null, 10, "asc", ctx);
      (page.data[0] as typeof m).content[0]!.text = "mutated via page";
      page.data.pop();
      expectEqual(await store.loadItem("thr_iso", "msg_iso", ctx), mSaved, "the item unchanged after mutating loaded copies");
      expectEqual((await store.loadThreadItems("thr_iso", null, 10, "asc", ctx)).data, [mSaved], "the page unchanged after mutating an earlier page");
      if (env.capabilities.attachments) {
        const a = fileAttachment("atc_iso", { metadata: { k: ["v"] } });
        await expectOk(() => store.saveAttachment(a, ctx));
        const aSaved = structuredClone(a);
        const la = (await store.loadAttachment("atc_iso", ctx)) as typeof a;
        (la.metadata as { k: string[] }).k.push("mutated");
        expectEqual(await store.loadAttachment("atc_iso", ctx), aSaved, "the attachment unchanged after mutating a loaded copy");
      }
    },
  },
]);
