import { defineChecks } from "../Check.js";
import { expectEqual, expectNotFound, expectOk, idsOf } from "../expect.js";
import { at, expectRead, lister, message, thread, userMessage, walkAndCheck } from "./support.js";

/** C-THREAD-SAVE, C-ITEM-ADD, C-ITEM-SAVE: upserts that keep positions. */
export const checks = defineChecks("item-add", [
  {
    id: "item-add.duplicate-replaces",
    statement: "addThreadItem of an id already in the thread replaces its data in place (also when the new data has another created_at and another type) and never creates a duplicate, also where the item and its pages were read before",
    rules: ["C-ITEM-ADD"],
    severity: "stricter-than-upstream",
    upstream: "the reference store's add_thread_item is a plain INSERT: a duplicate id raises a raw IntegrityError",
    upstreamFailure: (failure) => /^addThreadItem\(.*succeeds$/.test(failure.expected) && failure.seen.startsWith("it threw"),
    kind: "example",
    async run(env) {
      const { store, contexts } = await env.fresh();
      const [ctx] = contexts;
      await expectOk(() => store.saveThread(thread("thr_d", at(0)), ctx));
      // ids against time order
      const items = [message("thr_d", "msg3", at(1)), message("thr_d", "msg2", at(2)), message("thr_d", "msg1", at(3))];
      for (const m of items) await expectOk(() => store.addThreadItem("thr_d", m, ctx));
      await expectRead(store, ctx, "thr_d", items, "items before the duplicate add", { limits: [2] });
      // another created_at (past the last row) and another type
      const again = userMessage("thr_d", "msg3", at(9), [], "added again");
      await expectOk(() => store.addThreadItem("thr_d", again, ctx));
      await walkAndCheck(lister(store, "thr_d"), ctx, 2, "asc", ["msg3", "msg2", "msg1"], "items after a duplicate add (same place, no copy)");
      expectEqual(await store.loadItem("thr_d", "msg3", ctx), again, "the latest data of msg3");
      await expectRead(store, ctx, "thr_d", [again, items[1]!, items[2]!], "items after the duplicate add", { limits: [2] });
    },
  },
  {
    id: "item-add.thread-argument",
    statement:
      "addThreadItem stores the item under the threadId argument, even when item.thread_id says otherwise: it loads and lists there only (loadItem under item.thread_id raises NotFoundError), deleteThread of the item.thread_id thread leaves it, and deleteThread of the argument thread removes it (also once that thread id is saved again)",
    rules: ["C-ITEM-ADD", "C-DELETE"],
    kind: "example",
    async run(env) {
      const { store, contexts } = await env.fresh();
      const [ctx] = contexts;
      await expectOk(() => store.saveThread(thread("thr_arg", at(0)), ctx));
      await expectOk(() => store.saveThread(thread("thr_field", at(0)), ctx));
      await expectNotFound(() => store.loadItem("thr_arg", "msg_mismatch", ctx), "loadItem(thr_arg, msg_mismatch) before the add");
      for (const t of ["thr_arg", "thr_field"]) expectEqual(idsOf(await expectOk(() => store.loadThreadItems(t, null, 10, "asc", ctx))), [], `nothing under ${t} before the add`);
      const m = message("thr_field", "msg_mismatch", at(1));
      await expectOk(() => store.addThreadItem("thr_arg", m, ctx));
      expectEqual(await expectOk(() => store.loadItem("thr_arg", "msg_mismatch", ctx)), m, "the item, stored as given under thr_arg");
      expectEqual(idsOf(await store.loadThreadItems("thr_field", null, 10, "asc", ctx)), [], "nothing under thr_field");
      expectEqual(idsOf(await expectOk(() => store.loadThreadItems("thr_arg", null, 10, "asc", ctx))), ["msg_mismatch"], "the items of thr_arg");
      await expectNotFound(() => store.loadItem("thr_field", "msg_mismatch", ctx), "loadItem(thr_field, msg_mismatch): not under its thread_id's thread");
      // the item belongs to thr_arg: deleting thr_field leaves it, deleting thr_arg removes it
      await expectOk(() => store.deleteThread("thr_field", ctx));
      await expectRead(store, ctx, "thr_arg", [m], "items of thr_arg after deleteThread(thr_field)", { limits: [1] });
      await expectOk(() => store.deleteThread("thr_arg", ctx));
      await expectRead(store, ctx, "thr_arg", [], "items of thr_arg after deleteThread(thr_arg)", { limits: [1], gone: ["msg_mismatch"] });
      await expectOk(() => store.saveThread(thread("thr_arg", at(0)), ctx));
      await expectRead(store, ctx, "thr_arg", [], "items of thr_arg saved again after its delete", { limits: [1], gone: ["msg_mismatch"] });
    },
  },
  {
    id: "item-add.reread-after-add",
    statement:
      "reads made before an addThreadItem do not hide it: loadItem that raised NotFoundError finds the new item, and pages read before (both orders, first pages and pages after a cursor, the empty page of the thread before it existed) show it in place with has_more updated",
    rules: ["C-ITEM-ADD", "C-PAGE", "C-MISSING-THREAD"],
    kind: "example",
    async run(env) {
      const { store, contexts } = await env.fresh();
      const [ctx] = contexts;
      const added = [message("thr_r", "msg_z", at(40)), message("thr_r", "msg_y", at(15)), message("thr_r", "msg_x", at(5))];
      const gone = added.map((m) => m.id);
      await expectRead(store, ctx, "thr_r", [], "items of thr_r before the thread exists", { gone });
      await expectOk(() => store.saveThread(thread("thr_r", at(0)), ctx));
      await expectRead(store, ctx, "thr_r", [], "items of the new, empty thr_r", { gone, limits: [1, 3] });
      // ids against time order
      const asc = [message("thr_r", "msg_d", at(10)), message("thr_r", "msg_c", at(20)), message("thr_r", "msg_b", at(30))];
      for (const m of asc) await expectOk(() => store.addThreadItem("thr_r", m, ctx));
      await expectRead(store, ctx, "thr_r", asc, "items of thr_r before the adds", { gone, limits: [2, 3] });
      // the last place, the middle, the first place (asc)
      const places = [asc.length, 1, 0];
      for (const [i, m] of added.entries()) {
        await expectOk(() => store.addThreadItem("thr_r", m, ctx));
        asc.splice(places[i]!, 0, m);
        await expectRead(store, ctx, "thr_r", asc, `items of thr_r after adding ${m.id}`, { gone: gone.slice(i + 1), limits: [2, 3] });
      }
    },
  },
]);
