import { defineChecks } from "../Check.js";
import { expectEqual, expectNotFound, expectOk, idsOf } from "../expect.js";
import { at, fileAttachment, message, thread } from "./support.js";

/** C-DELETE, C-MISSING-THREAD. */
export const checks = defineChecks("delete", [
  {
    id: "delete.thread-cascades",
    statement: "deleteThread removes the thread and all its items: loadThread and loadItem raise NotFoundError, loadThreadItems is empty; other threads keep theirs",
    rules: ["C-DELETE", "C-MISSING-THREAD"],
    kind: "example",
    async run(env) {
      const { store, contexts } = await env.fresh();
      const [ctx] = contexts;
      for (const t of ["thr_del", "thr_keep"]) {
        await expectOk(() => store.saveThread(thread(t, at(0)), ctx));
        for (const i of [1, 2]) await expectOk(() => store.addThreadItem(t, message(t, `${t}_msg${i}`, at(i)), ctx));
      }
      await expectOk(() => store.deleteThread("thr_del", ctx));
      await expectNotFound(() => store.loadThread("thr_del", ctx), "loadThread(thr_del) after delete");
      await expectNotFound(() => store.loadItem("thr_del", "thr_del_msg1", ctx), "loadItem(thr_del, thr_del_msg1) after delete");
      const page = await expectOk(() => store.loadThreadItems("thr_del", null, 10, "asc", ctx));
      expectEqual({ ids: idsOf(page), has_more: page.has_more, after: page.after ?? null }, { ids: [], has_more: false, after: null }, "an empty page");
      expectEqual(idsOf(await store.loadThreads(10, null, "asc", ctx)), ["thr_keep"], "the remaining threads");
      expectEqual(idsOf(await store.loadThreadItems("thr_keep", null, 10, "asc", ctx)), ["thr_keep_msg1", "thr_keep_msg2"], "thr_keep's items");
      // re-creating the thread must not resurrect old items
      await expectOk(() => store.saveThread(thread("thr_del", at(0)), ctx));
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
      await expectOk(() => store.deleteThread("thr_none", ctx));
      await expectOk(() => store.deleteThreadItem("thr_none", "msg_none", ctx));
      await expectOk(() => store.saveThread(thread("thr_1", at(0)), ctx));
      await expectOk(() => store.addThreadItem("thr_1", message("thr_1", "msg_1", at(1)), ctx));
      await expectOk(() => store.deleteThreadItem("thr_1", "msg_1", ctx));
      await expectOk(() => store.deleteThreadItem("thr_1", "msg_1", ctx));
      await expectOk(() => store.deleteThread("thr_1", ctx));
      await expectOk(() => store.deleteThread("thr_1", ctx));
      if (env.capabilities.attachments) {
        await expectOk(() => store.deleteAttachment("atc_none", ctx));
        await expectOk(() => store.saveAttachment(fileAttachment("atc_1"), ctx));
        await expectOk(() => store.deleteAttachment("atc_1", ctx));
        await expectNotFound(() => store.loadAttachment("atc_1", ctx), "loadAttachment(atc_1) after delete");
        await expectOk(() => store.deleteAttachment("atc_1", ctx));
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
      await expectOk(() => store.saveThread(thread("thr_a", at(0)), ctx));
      await expectOk(() => store.saveThread(thread("thr_b", at(0)), ctx));
      for (const i of [1, 2, 3]) await expectOk(() => store.addThreadItem("thr_a", message("thr_a", `msg${i}`, at(i)), ctx));
      await expectOk(() => store.addThreadItem("thr_b", message("thr_b", "msg2", at(2)), ctx));
      await expectOk(() => store.deleteThreadItem("thr_b", "msg1", ctx));
      await expectOk(() => store.deleteThreadItem("thr_a", "msg2", ctx));
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
      await expectOk(() => store.saveThread(thread("thr_att", at(0)), ctx));
      const a = fileAttachment("atc_t", { thread_id: "thr_att" });
      await expectOk(() => store.saveAttachment(a, ctx));
      await expectOk(() => store.deleteThread("thr_att", ctx));
      expectEqual(await expectOk(() => store.loadAttachment("atc_t", ctx)), a, "the attachment record");
    },
  },
]);
