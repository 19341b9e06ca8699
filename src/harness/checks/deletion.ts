import type { Check } from "../Check.js";
import { expectEqual, expectNotFound, expectOk, idsOf } from "../expect.js";
import { at, fileAttachment, message, thread } from "./support.js";

/** C-DELETE, C-MISSING-THREAD. */
export const deletionChecks: Check[] = [
  {
    id: "delete.thread-cascades",
    statement: "deleteThread removes the thread and all its items: loadThread and loadItem raise NotFoundError, loadThreadItems is empty; other threads keep theirs",
    rules: ["C-DELETE", "C-MISSING-THREAD"],
    kind: "example",
    async run(env) {
      const { store, contexts } = await env.fresh();
      const [ctx] = contexts;
      for (const t of ["thr_del", "thr_keep"]) {
        await expectOk(() => store.saveThread(thread(t, at(0)) as never, ctx), `saveThread(${t})`);
        for (const i of [1, 2]) await expectOk(() => store.addThreadItem(t, message(t, `${t}_msg${i}`, at(i)) as never, ctx), `addThreadItem(${t}, ${t}_msg${i})`);
      }
      await expectOk(() => store.deleteThread("thr_del", ctx), "deleteThread(thr_del)");
      await expectNotFound(() => store.loadThread("thr_del", ctx), "loadThread(thr_del) after delete");
      await expectNotFound(() => store.loadItem("thr_del", "thr_del_msg1", ctx), "loadItem(thr_del, thr_del_msg1) after delete");
      const page = await expectOk(() => store.loadThreadItems("thr_del", null, 10, "asc", ctx), "loadThreadItems(thr_del) after delete");
      expectEqual({ ids: idsOf(page), has_more: page.has_more, after: page.after ?? null }, { ids: [], has_more: false, after: null }, "an empty page");
      expectEqual(idsOf(await store.loadThreads(10, null, "asc", ctx)), ["thr_keep"], "the remaining threads");
      expectEqual(idsOf(await store.loadThreadItems("thr_keep", null, 10, "asc", ctx)), ["thr_keep_msg1", "thr_keep_msg2"], "thr_keep's items");
      // re-creating the thread must not resurrect old items
      await expectOk(() => store.saveThread(thread("thr_del", at(0)) as never, ctx), "saveThread(thr_del) again");
      expectEqual(idsOf(await store.loadThreadItems("thr_del", null, 10, "asc", ctx)), [], "no items come back with a re-created thread");
    },
  },
  {
    id: "delete.idempotent",
    statement: "deleting a missing thread, item or attachment is a no-op, and deleting twice is fine",
    rules: ["C-DELETE"],
    kind: "example",
    async run(env) {
      const { store, contexts } = await env.fresh();
      const [ctx] = contexts;
      await expectOk(() => store.deleteThread("thr_none", ctx), "deleteThread(thr_none)");
      await expectOk(() => store.deleteThreadItem("thr_none", "msg_none", ctx), "deleteThreadItem(thr_none, msg_none)");
      await expectOk(() => store.saveThread(thread("thr_1", at(0)) as never, ctx), "saveThread(thr_1)");
      await expectOk(() => store.addThreadItem("thr_1", message("thr_1", "msg_1", at(1)) as never, ctx), "addThreadItem(thr_1, msg_1)");
      await expectOk(() => store.deleteThreadItem("thr_1", "msg_1", ctx), "deleteThreadItem(thr_1, msg_1)");
      await expectOk(() => store.deleteThreadItem("thr_1", "msg_1", ctx), "deleteThreadItem(thr_1, msg_1) again");
      await expectOk(() => store.deleteThread("thr_1", ctx), "deleteThread(thr_1)");
      await expectOk(() => store.deleteThread("thr_1", ctx), "deleteThread(thr_1) again");
      if (env.capabilities.attachments) {
        await expectOk(() => store.deleteAttachment("atc_none", ctx), "deleteAttachment(atc_none)");
        await expectOk(() => store.saveAttachment(fileAttachment("atc_1") as never, ctx), "saveAttachment(atc_1)");
        await expectOk(() => store.deleteAttachment("atc_1", ctx), "deleteAttachment(atc_1)");
        await expectNotFound(() => store.loadAttachment("atc_1", ctx), "loadAttachment(atc_1) after delete");
        await expectOk(() => store.deleteAttachment("atc_1", ctx), "deleteAttachment(atc_1) again");
      }
    },
  },
  {
    id: "delete.item-only",
    statement: "deleteThreadItem removes only that item of that thread; a wrong thread id is a no-op",
    rules: ["C-DELETE"],
    kind: "example",
    async run(env) {
      const { store, contexts } = await env.fresh();
      const [ctx] = contexts;
      await expectOk(() => store.saveThread(thread("thr_a", at(0)) as never, ctx), "saveThread(thr_a)");
      await expectOk(() => store.saveThread(thread("thr_b", at(0)) as never, ctx), "saveThread(thr_b)");
      for (const i of [1, 2, 3]) await expectOk(() => store.addThreadItem("thr_a", message("thr_a", `msg${i}`, at(i)) as never, ctx), `addThreadItem(thr_a, msg${i})`);
      await expectOk(() => store.addThreadItem("thr_b", message("thr_b", "msg2", at(2)) as never, ctx), "addThreadItem(thr_b, msg2)");
      await expectOk(() => store.deleteThreadItem("thr_b", "msg1", ctx), "deleteThreadItem(thr_b, msg1) (msg1 is thr_a's)");
      await expectOk(() => store.deleteThreadItem("thr_a", "msg2", ctx), "deleteThreadItem(thr_a, msg2)");
      expectEqual(idsOf(await store.loadThreadItems("thr_a", null, 10, "asc", ctx)), ["msg1", "msg3"], "thr_a's items");
      expectEqual(idsOf(await store.loadThreadItems("thr_b", null, 10, "asc", ctx)), ["msg2"], "thr_b's items (same id, other thread)");
    },
  },
  {
    id: "delete.attachments-survive-thread",
    statement: "deleteThread leaves attachment records alone, even those whose thread_id is the deleted thread",
    rules: ["C-DELETE", "C-ATTACH"],
    requires: ["attachments"],
    kind: "example",
    async run(env) {
      const { store, contexts } = await env.fresh();
      const [ctx] = contexts;
      await expectOk(() => store.saveThread(thread("thr_att", at(0)) as never, ctx), "saveThread(thr_att)");
      const a = fileAttachment("atc_t", { thread_id: "thr_att" });
      await expectOk(() => store.saveAttachment(a as never, ctx), "saveAttachment(atc_t, thread_id thr_att)");
      await expectOk(() => store.deleteThread("thr_att", ctx), "deleteThread(thr_att)");
      expectEqual(await expectOk(() => store.loadAttachment("atc_t", ctx), "loadAttachment(atc_t) after deleteThread"), a, "the attachment record");
    },
  },
  {
    id: "missing-thread.empty-page",
    statement: "loadThreadItems of a thread that does not exist returns an empty page (has_more false, after null), not an error",
    rules: ["C-MISSING-THREAD"],
    kind: "example",
    async run(env) {
      const { store, contexts } = await env.fresh();
      const [ctx] = contexts;
      for (const order of ["asc", "desc"] as const) {
        const page = await expectOk(() => store.loadThreadItems("thr_never", null, 20, order, ctx), `loadThreadItems(thr_never, null, 20, "${order}")`);
        expectEqual({ ids: idsOf(page), has_more: page.has_more, after: page.after ?? null }, { ids: [], has_more: false, after: null }, "an empty page");
      }
    },
  },
];
