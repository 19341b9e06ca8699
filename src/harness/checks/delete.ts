import { defineChecks } from "../Check.js";
import { expectEqual, expectNotFound, expectOk, idsOf } from "../expect.js";
import { at, expectRead, fileAttachment, message, thread, userMessage } from "./support.js";

/** C-DELETE, C-MISSING-THREAD. */
export const checks = defineChecks("delete", [
  {
    id: "delete.thread-cascades",
    statement:
      "deleteThread removes the thread and all its items, and an empty thread too: loadThread and loadItem raise NotFoundError, loadThreadItems is empty, also where they were read before the delete; other threads keep theirs (also an item whose id was an item id of the deleted thread too), and a re-created thread id brings back no item",
    rules: ["C-DELETE", "C-MISSING-THREAD"],
    kind: "example",
    async run(env) {
      const { store, contexts } = await env.fresh();
      const [ctx] = contexts;
      const threads = { thr_del: thread("thr_del", at(0)), thr_keep: thread("thr_keep", at(1)) };
      const items: Record<string, ReturnType<typeof message>[]> = {};
      for (const t of ["thr_del", "thr_keep"] as const) {
        await expectOk(() => store.saveThread(threads[t], ctx));
        // ids against time order
        // and msg_both: one id in both threads
        items[t] = [message(t, `${t}_msg2`, at(1)), message(t, `${t}_msg1`, at(2)), message(t, "msg_both", at(3), `msg_both of ${t}`)];
        for (const m of items[t]!) await expectOk(() => store.addThreadItem(t, m, ctx));
      }
      const empty = thread("thr_empty", at(2));
      await expectOk(() => store.saveThread(empty, ctx));
      await expectRead(store, ctx, null, [threads.thr_del, threads.thr_keep, empty], "threads before the delete", { limits: [1, 10] });
      for (const t of ["thr_del", "thr_keep"]) await expectRead(store, ctx, t, items[t]!, `items of ${t} before the delete`, { limits: [1, 10] });
      await expectOk(() => store.deleteThread("thr_del", ctx));
      await expectNotFound(() => store.loadThread("thr_del", ctx), "loadThread(thr_del) after delete");
      await expectOk(() => store.deleteThread("thr_empty", ctx));
      await expectNotFound(() => store.loadThread("thr_empty", ctx), "loadThread(thr_empty) after deleting that thread without items");
      await expectNotFound(() => store.loadItem("thr_del", "thr_del_msg1", ctx), "loadItem(thr_del, thr_del_msg1) after delete");
      await expectNotFound(() => store.loadItem("thr_del", "msg_both", ctx), "loadItem(thr_del, msg_both) after delete");
      const page = await expectOk(() => store.loadThreadItems("thr_del", null, 10, "asc", ctx));
      expectEqual({ ids: idsOf(page), has_more: page.has_more, after: page.after ?? null }, { ids: [], has_more: false, after: null }, "an empty page");
      expectEqual(idsOf(await store.loadThreads(10, null, "asc", ctx)), ["thr_keep"], "the remaining threads");
      expectEqual(idsOf(await store.loadThreadItems("thr_keep", null, 10, "asc", ctx)), ["thr_keep_msg2", "thr_keep_msg1", "msg_both"], "thr_keep's items (msg_both too, whose id thr_del's items had)");
      await expectRead(store, ctx, "thr_del", [], "items of thr_del after the delete", { limits: [1, 10], gone: items.thr_del!.map((m) => m.id) });
      await expectRead(store, ctx, null, [threads.thr_keep], "threads after the deletes", { limits: [1, 10], gone: ["thr_del", "thr_empty"] });
      await expectRead(store, ctx, "thr_keep", items.thr_keep!, "items of thr_keep after the delete", { limits: [1, 10] });
      // re-creating the thread must not resurrect old items
      await expectOk(() => store.saveThread(thread("thr_del", at(0)), ctx));
      expectEqual(idsOf(await store.loadThreadItems("thr_del", null, 10, "asc", ctx)), [], "no items come back with a re-created thread");
      await expectRead(store, ctx, "thr_del", [], "items of the re-created thr_del", { limits: [1, 10], gone: items.thr_del!.map((m) => m.id) });
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
      const m = message("thr_1", "msg_1", at(1));
      await expectOk(() => store.addThreadItem("thr_1", m, ctx));
      expectEqual(await expectOk(() => store.loadItem("thr_1", "msg_1", ctx)), m, "msg_1 before its delete");
      await expectOk(() => store.deleteThreadItem("thr_1", "msg_1", ctx));
      await expectNotFound(() => store.loadItem("thr_1", "msg_1", ctx), "loadItem(thr_1, msg_1) after delete");
      await expectOk(() => store.deleteThreadItem("thr_1", "msg_1", ctx));
      await expectOk(() => store.deleteThread("thr_1", ctx));
      await expectNotFound(() => store.loadThread("thr_1", ctx), "loadThread(thr_1) after delete");
      await expectOk(() => store.deleteThread("thr_1", ctx));
      if (env.capabilities.attachments) {
        await expectOk(() => store.deleteAttachment("atc_none", ctx));
        await expectOk(() => store.saveAttachment(fileAttachment("atc_1"), ctx));
        await expectOk(() => store.loadAttachment("atc_1", ctx));
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
      // ids against time order
      const inA = [message("thr_a", "msg3", at(1)), message("thr_a", "msg2", at(2)), message("thr_a", "msg1", at(3))];
      for (const m of inA) await expectOk(() => store.addThreadItem("thr_a", m, ctx));
      const inB = message("thr_b", "msg2", at(2));
      await expectOk(() => store.addThreadItem("thr_b", inB, ctx));
      await expectRead(store, ctx, "thr_a", inA, "thr_a's items before the deletes", { limits: [10] });
      await expectRead(store, ctx, "thr_b", [inB], "thr_b's items before the deletes", { limits: [10] });
      await expectOk(() => store.deleteThreadItem("thr_b", "msg3", ctx));
      await expectOk(() => store.deleteThreadItem("thr_a", "msg2", ctx));
      expectEqual(idsOf(await store.loadThreadItems("thr_a", null, 10, "asc", ctx)), ["msg3", "msg1"], "thr_a's items");
      expectEqual(idsOf(await store.loadThreadItems("thr_b", null, 10, "asc", ctx)), ["msg2"], "thr_b's items (same id, other thread)");
      await expectRead(store, ctx, "thr_a", [inA[0]!, inA[2]!], "thr_a's items after the deletes", { limits: [10], gone: ["msg2"] });
      await expectRead(store, ctx, "thr_b", [inB], "thr_b's items after the deletes", { limits: [10] });
    },
  },
  {
    id: "delete.reread-survivors",
    statement:
      "after each deleteThreadItem (of a middle, the first and the last item) and a deleteThread, every survivor reads as before by loadItem / loadThread and in whole-record walks of both orders (limit 1, 2 and one page past the end), and each deleted row raises NotFoundError, though everything was read before the deletes",
    rules: ["C-DELETE", "C-PAGE"],
    kind: "example",
    async run(env) {
      const { store, contexts } = await env.fresh();
      const [ctx] = contexts;
      // ids against time order; thr_z is inserted first, so the rows after it shift when it goes
      const threads = [thread("thr_z", at(1)), thread("thr_y", at(2)), thread("thr_x", at(3))];
      for (const t of threads) await expectOk(() => store.saveThread(t, ctx));
      const items: Record<string, ReturnType<typeof message>[]> = { thr_z: [], thr_y: [], thr_x: [] };
      for (const [t, n] of [["thr_z", 2], ["thr_y", 7], ["thr_x", 2]] as const) {
        for (let i = 0; i < n; i++) {
          const m = message(t, `${t}_msg_${String.fromCharCode(0x67 - i)}`, at(i + 1));
          await expectOk(() => store.addThreadItem(t, m, ctx));
          items[t]!.push(m);
        }
      }
      await expectRead(store, ctx, null, threads, "threads before the deletes");
      for (const t of threads) await expectRead(store, ctx, t.id, items[t.id]!, `items of ${t.id} before the deletes`, { limits: [2, items[t.id]!.length + 1] });

      // items of thr_y: a middle one, the first, the last, another middle one
      const main = items.thr_y!;
      const gone: string[] = [];
      for (const place of [3, 0, 4, 1]) {
        const [victim] = main.splice(place, 1);
        await expectOk(() => store.deleteThreadItem("thr_y", victim!.id, ctx));
        gone.push(victim!.id);
        await expectRead(store, ctx, "thr_y", main, `items of thr_y after deleting ${victim!.id}`, { gone, limits: [2] });
      }
      await expectRead(store, ctx, "thr_y", main, "items of thr_y after the item deletes", { gone, limits: [1, main.length + 1] });
      for (const t of ["thr_z", "thr_x"]) await expectRead(store, ctx, t, items[t]!, `items of ${t} after the item deletes of thr_y`, { limits: [1] });

      // the first thread inserted
      await expectOk(() => store.deleteThread("thr_z", ctx));
      await expectRead(store, ctx, null, threads.slice(1), "threads after deleting thr_z", { gone: ["thr_z"] });
      await expectRead(store, ctx, "thr_z", [], "items of the deleted thr_z", { gone: items.thr_z!.map((m) => m.id), limits: [1] });
      await expectRead(store, ctx, "thr_y", main, "items of thr_y after deleting thr_z", { gone, limits: [2] });
      await expectRead(store, ctx, "thr_x", items.thr_x!, "items of thr_x after deleting thr_z", { limits: [1] });
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
      expectEqual(await expectOk(() => store.loadAttachment("atc_t", ctx)), a, "the attachment record before deleteThread");
      await expectOk(() => store.deleteThread("thr_att", ctx));
      expectEqual(await expectOk(() => store.loadAttachment("atc_t", ctx)), a, "the attachment record");
    },
  },
  {
    id: "delete.referenced-attachments-survive",
    statement:
      "deleteThread leaves alone the attachment records that the thread's user messages reference in `attachments`, with and without thread_id",
    rules: ["C-DELETE", "C-ATTACH"],
    requires: ["attachments"],
    kind: "example",
    async run(env) {
      const { store, contexts } = await env.fresh();
      const [ctx] = contexts;
      await expectOk(() => store.saveThread(thread("thr_ref", at(0)), ctx));
      const plain = fileAttachment("atc_ref_plain");
      const tied = fileAttachment("atc_ref_tied", { thread_id: "thr_ref" });
      const other = fileAttachment("atc_ref_other");
      for (const a of [plain, tied, other]) await expectOk(() => store.saveAttachment(a, ctx));
      await expectOk(() => store.addThreadItem("thr_ref", userMessage("thr_ref", "msg_ref_b", at(1), [plain, tied]), ctx));
      await expectOk(() => store.addThreadItem("thr_ref", userMessage("thr_ref", "msg_ref_a", at(2), [other]), ctx));
      for (const a of [plain, tied, other]) expectEqual(await expectOk(() => store.loadAttachment(a.id, ctx)), a, `${a.id} before the deletes`);
      await expectOk(() => store.deleteThread("thr_ref", ctx));
      for (const a of [plain, tied, other]) expectEqual(await expectOk(() => store.loadAttachment(a.id, ctx)), a, `${a.id}, referenced by a message of the deleted thr_ref`);
    },
  },
]);
