import { defineChecks } from "../Check.js";
import { expectEqual, expectNotFound, expectOk } from "../expect.js";
import { at, lister, message, thread, walkAndCheck } from "./support.js";

/** C-THREAD-SAVE, C-ITEM-ADD, C-ITEM-SAVE: upserts that keep positions. */
export const checks = defineChecks("thread-save", [
  {
    id: "thread-save.upsert",
    statement: "saving a thread twice updates it in place: one copy, the new fields",
    rules: ["C-THREAD-SAVE"],
    kind: "example",
    async run(env) {
      const { store, contexts } = await env.fresh();
      const [ctx] = contexts;
      await expectOk(() => store.saveThread(thread("thr_u", at(0), { title: "first" }), ctx));
      const second = thread("thr_u", at(0), { title: "second", status: { type: "closed", reason: "done" }, metadata: { v: 2 } });
      await expectOk(() => store.saveThread(second, ctx));
      expectEqual(await store.loadThread("thr_u", ctx), second, "the second save");
      const page = await store.loadThreads(10, null, "asc", ctx);
      expectEqual(page.data, [second], "loadThreads holds exactly one copy");
    },
  },
  {
    id: "thread-save.ignores-items",
    statement: "saving a Thread that carries `items` stores only its metadata and leaves the stored items untouched",
    rules: ["C-THREAD-SAVE"],
    kind: "example",
    async run(env) {
      const { store, contexts } = await env.fresh();
      const [ctx] = contexts;
      const meta = thread("thr_i", at(0), { title: "t" });
      await expectOk(() => store.saveThread(meta, ctx));
      for (let i = 1; i <= 3; i++) await expectOk(() => store.addThreadItem("thr_i", message("thr_i", `msg${i}`, at(i)), ctx));
      const withItems = { ...meta, title: "renamed", items: { data: [message("thr_i", "msg_ghost", at(9))], has_more: false, after: null } };
      await expectOk(() => store.saveThread(withItems, ctx));
      expectEqual(await store.loadThread("thr_i", ctx), { ...meta, title: "renamed" }, "loadThread: metadata only, no `items`");
      await walkAndCheck(lister(store, "thr_i"), ctx, 2, "asc", ["msg1", "msg2", "msg3"], "items of thr_i after saving the Thread (not deleted, not replaced)");
      await expectNotFound(() => store.loadItem("thr_i", "msg_ghost", ctx), "loadItem(thr_i, msg_ghost) from the ignored items page");
    },
  },
  {
    id: "thread-save.keeps-tie-position",
    statement: "re-saving a thread keeps its place among threads with the same created_at",
    rules: ["C-THREAD-SAVE", "C-ORDER"],
    kind: "example",
    async run(env) {
      const { store, contexts } = await env.fresh();
      const [ctx] = contexts;
      for (const id of ["thr_1", "thr_2", "thr_3"]) await expectOk(() => store.saveThread(thread(id, at(0)), ctx));
      await expectOk(() => store.saveThread(thread("thr_1", at(0), { title: "renamed" }), ctx));
      await expectOk(() => store.saveThread(thread("thr_2", at(0), { title: "renamed" }), ctx));
      await walkAndCheck(lister(store, null), ctx, 1, "asc", ["thr_1", "thr_2", "thr_3"], "tied threads after re-saves");
      await walkAndCheck(lister(store, null), ctx, 2, "desc", ["thr_3", "thr_2", "thr_1"], "tied threads after re-saves");
    },
  },
]);
