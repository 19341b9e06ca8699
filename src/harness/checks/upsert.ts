import type { Check } from "../Check.js";
import { expectEqual, expectNotFound, expectOk, idsOf } from "../expect.js";
import { at, lister, message, thread, walkAndCheck } from "./support.js";

/** C-THREAD-SAVE, C-ITEM-ADD, C-ITEM-SAVE: upserts that keep positions. */
export const upsertChecks: Check[] = [
  {
    id: "thread-save.upsert",
    statement: "saving a thread twice updates it in place: one copy, the new fields",
    rules: ["C-THREAD-SAVE"],
    kind: "example",
    async run(env) {
      const { store, contexts } = await env.fresh();
      const [ctx] = contexts;
      await expectOk(() => store.saveThread(thread("thr_u", at(0), { title: "first" }) as never, ctx), "saveThread(thr_u, title first)");
      const second = thread("thr_u", at(0), { title: "second", status: { type: "closed", reason: "done" }, metadata: { v: 2 } });
      await expectOk(() => store.saveThread(second as never, ctx), "saveThread(thr_u, title second)");
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
      await expectOk(() => store.saveThread(meta as never, ctx), "saveThread(thr_i)");
      for (let i = 1; i <= 3; i++) await expectOk(() => store.addThreadItem("thr_i", message("thr_i", `msg${i}`, at(i)) as never, ctx), `addThreadItem(thr_i, msg${i})`);
      const withItems = { ...meta, title: "renamed", items: { data: [message("thr_i", "msg_ghost", at(9))], has_more: false, after: null } };
      await expectOk(() => store.saveThread(withItems as never, ctx), "saveThread(Thread thr_i with items)");
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
      for (const id of ["thr_1", "thr_2", "thr_3"]) await expectOk(() => store.saveThread(thread(id, at(0)) as never, ctx), `saveThread(${id})`);
      await expectOk(() => store.saveThread(thread("thr_1", at(0), { title: "renamed" }) as never, ctx), "saveThread(thr_1) again");
      await expectOk(() => store.saveThread(thread("thr_2", at(0), { title: "renamed" }) as never, ctx), "saveThread(thr_2) again");
      await walkAndCheck(lister(store, null), ctx, 1, "asc", ["thr_1", "thr_2", "thr_3"], "tied threads after re-saves");
      await walkAndCheck(lister(store, null), ctx, 2, "desc", ["thr_3", "thr_2", "thr_1"], "tied threads after re-saves");
    },
  },
  {
    id: "item-add.duplicate-replaces",
    statement: "addThreadItem of an id already in the thread replaces its data in place and never creates a duplicate",
    rules: ["C-ITEM-ADD"],
    kind: "example",
    async run(env) {
      const { store, contexts } = await env.fresh();
      const [ctx] = contexts;
      await expectOk(() => store.saveThread(thread("thr_d", at(0)) as never, ctx), "saveThread(thr_d)");
      for (const i of [1, 2, 3]) await expectOk(() => store.addThreadItem("thr_d", message("thr_d", `msg${i}`, at(i)) as never, ctx), `addThreadItem(thr_d, msg${i})`);
      const again = message("thr_d", "msg1", at(9), "added again");
      await expectOk(() => store.addThreadItem("thr_d", again as never, ctx), "addThreadItem(thr_d, msg1) again");
      await walkAndCheck(lister(store, "thr_d"), ctx, 2, "asc", ["msg1", "msg2", "msg3"], "items after a duplicate add (same place, no copy)");
      expectEqual(await store.loadItem("thr_d", "msg1", ctx), again, "the latest data of msg1");
    },
  },
  {
    id: "item-add.thread-argument",
    statement: "addThreadItem stores the item under the threadId argument, even when item.thread_id says otherwise",
    rules: ["C-ITEM-ADD"],
    kind: "example",
    async run(env) {
      const { store, contexts } = await env.fresh();
      const [ctx] = contexts;
      await expectOk(() => store.saveThread(thread("thr_arg", at(0)) as never, ctx), "saveThread(thr_arg)");
      await expectOk(() => store.saveThread(thread("thr_field", at(0)) as never, ctx), "saveThread(thr_field)");
      const m = message("thr_field", "msg_mismatch", at(1));
      await expectOk(() => store.addThreadItem("thr_arg", m as never, ctx), "addThreadItem(thr_arg, item with thread_id thr_field)");
      expectEqual(await expectOk(() => store.loadItem("thr_arg", "msg_mismatch", ctx), "loadItem(thr_arg, msg_mismatch)"), m, "the item, stored as given under thr_arg");
      expectEqual(idsOf(await store.loadThreadItems("thr_field", null, 10, "asc", ctx)), [], "nothing under thr_field");
    },
  },
  {
    id: "item-save.replace-in-place",
    statement: "saveItem of an existing id replaces it in place: same position even when created_at or type change",
    rules: ["C-ITEM-SAVE"],
    kind: "example",
    async run(env) {
      const { store, contexts } = await env.fresh();
      const [ctx] = contexts;
      await expectOk(() => store.saveThread(thread("thr_s", at(0)) as never, ctx), "saveThread(thr_s)");
      for (const i of [1, 2, 3]) await expectOk(() => store.addThreadItem("thr_s", message("thr_s", `msg${i}`, at(i)) as never, ctx), `addThreadItem(thr_s, msg${i})`);
      const replaced = { type: "end_of_turn", id: "msg2", thread_id: "thr_s", created_at: at(99) };
      await expectOk(() => store.saveItem("thr_s", replaced as never, ctx), "saveItem(thr_s, msg2 as end_of_turn at a later created_at)");
      await walkAndCheck(lister(store, "thr_s"), ctx, 1, "asc", ["msg1", "msg2", "msg3"], "items after saveItem (msg2 stays in the middle)");
      await walkAndCheck(lister(store, "thr_s"), ctx, 2, "desc", ["msg3", "msg2", "msg1"], "items after saveItem");
      expectEqual(await store.loadItem("thr_s", "msg2", ctx), replaced, "msg2 replaced, type changed");
    },
  },
  {
    id: "item-save.inserts-missing",
    statement: "saveItem of a missing id inserts it at its ordered position (upsert, not update-only)",
    rules: ["C-ITEM-SAVE"],
    kind: "example",
    async run(env) {
      const { store, contexts } = await env.fresh();
      const [ctx] = contexts;
      await expectOk(() => store.saveThread(thread("thr_m", at(0)) as never, ctx), "saveThread(thr_m)");
      await expectOk(() => store.addThreadItem("thr_m", message("thr_m", "msg1", at(1)) as never, ctx), "addThreadItem(thr_m, msg1)");
      await expectOk(() => store.addThreadItem("thr_m", message("thr_m", "msg3", at(3)) as never, ctx), "addThreadItem(thr_m, msg3)");
      const m2 = message("thr_m", "msg2", at(2));
      await expectOk(() => store.saveItem("thr_m", m2 as never, ctx), "saveItem(thr_m, msg2) (missing)");
      expectEqual(await expectOk(() => store.loadItem("thr_m", "msg2", ctx), "loadItem(thr_m, msg2)"), m2, "the inserted item");
      await walkAndCheck(lister(store, "thr_m"), ctx, 10, "asc", ["msg1", "msg2", "msg3"], "items after inserting msg2 by saveItem");
    },
  },
  {
    id: "item-load.wrong-thread",
    statement: "an item belongs to its thread: loadItem with another thread's id raises NotFoundError, and the same item id in two threads loads each thread's own item",
    rules: ["C-ITEM-ADD", "C-ERR"],
    kind: "example",
    async run(env) {
      const { store, contexts } = await env.fresh();
      const [ctx] = contexts;
      await expectOk(() => store.saveThread(thread("thr_a", at(0)) as never, ctx), "saveThread(thr_a)");
      await expectOk(() => store.saveThread(thread("thr_b", at(0)) as never, ctx), "saveThread(thr_b)");
      await expectOk(() => store.addThreadItem("thr_a", message("thr_a", "msg_only_a", at(1)) as never, ctx), "addThreadItem(thr_a, msg_only_a)");
      await expectNotFound(() => store.loadItem("thr_b", "msg_only_a", ctx), "loadItem(thr_b, msg_only_a) (the item is thr_a's)");
      const inA = message("thr_a", "msg_both", at(2), "in thr_a");
      const inB = message("thr_b", "msg_both", at(3), "in thr_b");
      await expectOk(() => store.addThreadItem("thr_a", inA as never, ctx), "addThreadItem(thr_a, msg_both)");
      await expectOk(() => store.addThreadItem("thr_b", inB as never, ctx), "addThreadItem(thr_b, msg_both)");
      expectEqual(await expectOk(() => store.loadItem("thr_a", "msg_both", ctx), "loadItem(thr_a, msg_both)"), inA, "thr_a's msg_both");
      expectEqual(await expectOk(() => store.loadItem("thr_b", "msg_both", ctx), "loadItem(thr_b, msg_both)"), inB, "thr_b's msg_both");
    },
  },
];
