import { defineChecks } from "../Check.js";
import { expectEqual, expectNotFound, expectOk, idsOf } from "../expect.js";
import { at, expectRead, lister, message, thread, walkAndCheck } from "./support.js";

/** C-THREAD-SAVE, C-ITEM-ADD, C-ITEM-SAVE: upserts that keep positions. */
export const checks = defineChecks("thread-save", [
  {
    id: "thread-save.upsert",
    statement: "saving a thread again updates it in place: one copy, every new field (a title cleared to null and a new created_at included), also where loadThread and loadThreads were read before the second save",
    rules: ["C-THREAD-SAVE"],
    kind: "example",
    async run(env) {
      const { store, contexts } = await env.fresh();
      const [ctx] = contexts;
      const first = thread("thr_u", at(0), { title: "first" });
      await expectOk(() => store.saveThread(first, ctx));
      await expectRead(store, ctx, null, [first], "before the second save", { limits: [10] });
      const second = thread("thr_u", at(0), { title: "second", status: { type: "closed", reason: "done" }, metadata: { v: 2 } });
      await expectOk(() => store.saveThread(second, ctx));
      expectEqual(await store.loadThread("thr_u", ctx), second, "the second save");
      const page = await store.loadThreads(10, null, "asc", ctx);
      expectEqual(page.data, [second], "loadThreads holds exactly one copy");
      // A third save clears the title and moves created_at: every field is the new one, also a falsy
      // title and the created_at (an upsert whose SET list leaves a column out keeps the old value).
      const third = thread("thr_u", at(30, 5), { title: null, status: { type: "active" }, metadata: {} });
      await expectOk(() => store.saveThread(third, ctx));
      expectEqual(await store.loadThread("thr_u", ctx), third, "the third save (title cleared, a later created_at)");
      expectEqual((await store.loadThreads(10, null, "desc", ctx)).data, [third], "loadThreads after the third save");
    },
  },
  {
    id: "thread-save.ignores-items",
    statement:
      "saving a Thread that carries `items` stores only its metadata: for a new thread no item is stored, for an existing one the stored items are untouched (read before and after the save)",
    rules: ["C-THREAD-SAVE"],
    kind: "example",
    async run(env) {
      const { store, contexts } = await env.fresh();
      const [ctx] = contexts;
      // A new thread, saved as a Thread whose items page has data: the items are not stored.
      await expectNotFound(() => store.loadThread("thr_new", ctx), "loadThread(thr_new) before it is saved");
      expectEqual(idsOf(await expectOk(() => store.loadThreadItems("thr_new", null, 10, "asc", ctx))), [], "items of thr_new before it is saved");
      const fresh = thread("thr_new", at(0), { title: "new" });
      const ghosts = [message("thr_new", "msg_ghost_b", at(1)), message("thr_new", "msg_ghost_a", at(2))];
      const freshWithItems = { ...fresh, items: { data: ghosts, has_more: false, after: null } };
      await expectOk(() => store.saveThread(freshWithItems, ctx));
      expectEqual(await expectOk(() => store.loadThread("thr_new", ctx)), fresh, "loadThread(thr_new): metadata only, no `items`");
      expectEqual(idsOf(await expectOk(() => store.loadThreadItems("thr_new", null, 10, "asc", ctx))), [], "items of the new thr_new saved as a Thread with items (none stored)");
      for (const g of ghosts) await expectNotFound(() => store.loadItem("thr_new", g.id, ctx), `loadItem(thr_new, ${g.id}) from the items page of a new Thread`);

      // An existing thread with items, saved again as a Thread with another items page.
      const meta = thread("thr_i", at(0), { title: "t" });
      await expectOk(() => store.saveThread(meta, ctx));
      const stored = [message("thr_i", "msg3", at(1)), message("thr_i", "msg2", at(2)), message("thr_i", "msg1", at(3))];
      for (const m of stored) await expectOk(() => store.addThreadItem("thr_i", m, ctx));
      await expectRead(store, ctx, "thr_i", stored, "items of thr_i before saving the Thread", { limits: [2], gone: ["msg_ghost"] });
      const withItems = { ...meta, title: "renamed", items: { data: [message("thr_i", "msg_ghost", at(9))], has_more: false, after: null } };
      await expectOk(() => store.saveThread(withItems, ctx));
      expectEqual(await store.loadThread("thr_i", ctx), { ...meta, title: "renamed" }, "loadThread: metadata only, no `items`");
      await walkAndCheck(lister(store, "thr_i"), ctx, 2, "asc", ["msg3", "msg2", "msg1"], "items of thr_i after saving the Thread (not deleted, not replaced)");
      await expectRead(store, ctx, "thr_i", stored, "items of thr_i after saving the Thread", { limits: [2], gone: ["msg_ghost"] });
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
      // inserted in the order c, b, a: insertion order is against id order
      for (const id of ["thr_c", "thr_b", "thr_a"]) await expectOk(() => store.saveThread(thread(id, at(0)), ctx));
      await walkAndCheck(lister(store, null), ctx, 2, "asc", ["thr_c", "thr_b", "thr_a"], "tied threads before the re-saves");
      const renamed = [thread("thr_c", at(0), { title: "renamed" }), thread("thr_b", at(0), { title: "renamed" })];
      for (const t of renamed) await expectOk(() => store.saveThread(t, ctx));
      await walkAndCheck(lister(store, null), ctx, 1, "asc", ["thr_c", "thr_b", "thr_a"], "tied threads after re-saves");
      await walkAndCheck(lister(store, null), ctx, 2, "desc", ["thr_a", "thr_b", "thr_c"], "tied threads after re-saves");
      await expectRead(store, ctx, null, [...renamed, thread("thr_a", at(0))], "tied threads after re-saves", { limits: [2] });
    },
  },
  {
    id: "thread-save.reread-after-save",
    statement:
      "loadThread and loadThreads (both orders, first pages and pages after a cursor) read before a saveThread show it when read again: a re-saved thread's new fields, its new place after a new created_at, a new thread and the has_more it changes",
    rules: ["C-THREAD-SAVE", "C-ORDER", "C-PAGE"],
    kind: "example",
    async run(env) {
      const { store, contexts } = await env.fresh();
      const [ctx] = contexts;
      // ids against time order
      const c = thread("thr_c", at(10));
      const b = thread("thr_b", at(20));
      const a = thread("thr_a", at(30));
      for (const t of [c, b, a]) await expectOk(() => store.saveThread(t, ctx));
      await expectRead(store, ctx, null, [c, b, a], "threads before the saves", { gone: ["thr_d"] });

      const b2 = thread("thr_b", at(20), { title: "renamed", metadata: { v: 2 } });
      await expectOk(() => store.saveThread(b2, ctx));
      await expectRead(store, ctx, null, [c, b2, a], "after re-saving thr_b with new fields", { gone: ["thr_d"] });

      const c2 = thread("thr_c", at(40), { title: "moved" });
      await expectOk(() => store.saveThread(c2, ctx));
      await expectRead(store, ctx, null, [b2, a, c2], "after re-saving thr_c with a later created_at", { gone: ["thr_d"] });

      const d = thread("thr_d", at(35));
      await expectOk(() => store.saveThread(d, ctx));
      await expectRead(store, ctx, null, [b2, a, d, c2], "after saving the new thread thr_d");
    },
  },
]);
