import type { ThreadMetadata } from "../../model/thread.js";
import { defineChecks, type AnyStore } from "../Check.js";
import { expectEqual, expectNotFound, expectOk, idsOf } from "../expect.js";
import { at, expectRead, lister, message, thread, walkAndCheck } from "./support.js";

/**
 * The pages after the thread `id` in both orders, limit 10, given the threads in asc order `asc`: the
 * rows after `id`'s place there, has_more false.
 */
async function expectPageAfter<TContext>(store: AnyStore<TContext>, ctx: TContext, id: string, asc: readonly ThreadMetadata[], what: string): Promise<void> {
  for (const order of ["asc", "desc"] as const) {
    const rows = order === "asc" ? asc : [...asc].reverse();
    const want = rows.slice(rows.findIndex((t) => t.id === id) + 1);
    const page = await expectOk(() => store.loadThreads(10, id, order, ctx));
    expectEqual({ data: page.data, has_more: page.has_more, after: page.after ?? null }, { data: want, has_more: false, after: null }, `${what}: loadThreads(10, after=${JSON.stringify(id)}, "${order}")`);
  }
}

/** C-THREAD-SAVE, C-ITEM-ADD, C-ITEM-SAVE: upserts that keep positions. */
export const checks = defineChecks("thread-save", [
  {
    id: "thread-save.upsert",
    statement:
      "saving a thread again replaces it in place: one copy, every new field (a title cleared to null and a new created_at included), and a field the new save leaves out (title, status, metadata) is gone, not kept from the previous save, also where loadThread and loadThreads were read before",
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
      // A fourth save leaves out every optional field the third had: a full replace, not a merge.
      const fourth: ThreadMetadata = { id: "thr_u", created_at: at(30, 5) };
      await expectOk(() => store.saveThread(fourth, ctx));
      expectEqual(await store.loadThread("thr_u", ctx), fourth, "the fourth save, without title, status and metadata (none kept from the third)");
      expectEqual((await store.loadThreads(10, null, "asc", ctx)).data, [fourth], "loadThreads after the fourth save");
    },
  },
  {
    id: "thread-save.ignores-items",
    statement:
      "saving a Thread that carries `items` stores only its metadata: for a new thread no item is stored, for an existing one the stored items are untouched (read before and after the save), also one whose id the Thread's items page carries with other data, and neither loadThread nor loadThreads rows carry `items`",
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
      // the page holds a new id and a stored one (msg2) with other data: neither is written
      const changed = message("thr_i", "msg2", at(7), "changed by the Thread's items page");
      const withItems = { ...meta, title: "renamed", items: { data: [message("thr_i", "msg_ghost", at(9)), changed], has_more: false, after: null } };
      await expectOk(() => store.saveThread(withItems, ctx));
      expectEqual(await store.loadThread("thr_i", ctx), { ...meta, title: "renamed" }, "loadThread: metadata only, no `items`");
      await expectRead(store, ctx, null, [fresh, { ...meta, title: "renamed" }], "threads saved as Threads with items (rows without `items`)", { limits: [1, 10] });
      await walkAndCheck(lister(store, "thr_i"), ctx, 2, "asc", ["msg3", "msg2", "msg1"], "items of thr_i after saving the Thread (not deleted, not replaced)");
      await expectRead(store, ctx, "thr_i", stored, "items of thr_i after saving the Thread", { limits: [2], gone: ["msg_ghost"] });
      await expectNotFound(() => store.loadItem("thr_i", "msg_ghost", ctx), "loadItem(thr_i, msg_ghost) from the ignored items page");
    },
  },
  {
    id: "thread-save.keeps-tie-position",
    statement:
      "re-saving a thread keeps its place among threads with the same created_at instant, also when the re-save spells that instant differently (…T10:00:00.000000Z as …T11:00:00+01:00), and a thread moved out of its tie group by a re-save with another created_at and saved back returns to its original place there (a re-save is no new insertion), in both orders",
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
      // the same instant, spelled another way: still the same created_at for the order (C-ORDER)
      const respelled = [thread("thr_c", "2026-03-01T11:00:00+01:00", { title: "respelled" }), thread("thr_b", "2026-03-01T10:00:00Z", { title: "respelled" })];
      for (const t of respelled) await expectOk(() => store.saveThread(t, ctx));
      await walkAndCheck(lister(store, null), ctx, 1, "asc", ["thr_c", "thr_b", "thr_a"], "tied threads after re-saves spelling created_at another way");
      await expectRead(store, ctx, null, [...respelled, thread("thr_a", at(0))], "tied threads after re-saves spelling created_at another way", { limits: [2] });
      // out of the tie group and back: the insertion sequence is the thread's, kept across re-saves
      const moved = thread("thr_b", at(-1, 999_999), { title: "moved" });
      await expectOk(() => store.saveThread(moved, ctx));
      await walkAndCheck(lister(store, null), ctx, 1, "asc", ["thr_b", "thr_c", "thr_a"], "after re-saving thr_b 1µs earlier");
      const back = thread("thr_b", at(0), { title: "back" });
      await expectOk(() => store.saveThread(back, ctx));
      await walkAndCheck(lister(store, null), ctx, 1, "asc", ["thr_c", "thr_b", "thr_a"], "after re-saving thr_b back at its first created_at (its original place among the ties)");
      await walkAndCheck(lister(store, null), ctx, 2, "desc", ["thr_a", "thr_b", "thr_c"], "after re-saving thr_b back at its first created_at (its original place among the ties)");
      await expectRead(store, ctx, null, [respelled[0]!, back, thread("thr_a", at(0))], "after re-saving thr_b back at its first created_at", { limits: [2] });
    },
  },
  {
    id: "thread-save.reread-after-save",
    statement:
      "loadThread and loadThreads (both orders, first pages and pages after a cursor) read before a saveThread show it when read again: a re-saved thread's new fields, its new place after a later or an earlier created_at (also as `after`, from its new place), a new thread and the has_more it changes",
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

      // moves earlier: thr_d to the first place, then thr_c to the middle; each is then a cursor at its new place
      const d2 = thread("thr_d", at(5), { title: "moved first" });
      await expectOk(() => store.saveThread(d2, ctx));
      await expectRead(store, ctx, null, [d2, b2, a, c2], "after re-saving thr_d with an earlier created_at (the first place)", { limits: [1] });
      await expectPageAfter(store, ctx, "thr_d", [d2, b2, a, c2], "after thr_d moved to the first place");
      const c3 = thread("thr_c", at(25), { title: "moved back" });
      await expectOk(() => store.saveThread(c3, ctx));
      await expectRead(store, ctx, null, [d2, b2, c3, a], "after re-saving thr_c with an earlier created_at (the middle)", { limits: [1] });
      await expectPageAfter(store, ctx, "thr_c", [d2, b2, c3, a], "after thr_c moved to the middle");
    },
  },
]);
