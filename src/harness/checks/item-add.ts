import { defineChecks } from "../Check.js";
import { expectEqual, expectOk, idsOf } from "../expect.js";
import { at, lister, message, thread, walkAndCheck } from "./support.js";

/** C-THREAD-SAVE, C-ITEM-ADD, C-ITEM-SAVE: upserts that keep positions. */
export const checks = defineChecks("item-add", [
  {
    id: "item-add.duplicate-replaces",
    statement: "addThreadItem of an id already in the thread replaces its data in place and never creates a duplicate",
    rules: ["C-ITEM-ADD"],
    kind: "example",
    async run(env) {
      const { store, contexts } = await env.fresh();
      const [ctx] = contexts;
      await expectOk(() => store.saveThread(thread("thr_d", at(0)), ctx));
      for (const i of [1, 2, 3]) await expectOk(() => store.addThreadItem("thr_d", message("thr_d", `msg${i}`, at(i)), ctx));
      const again = message("thr_d", "msg1", at(9), "added again");
      await expectOk(() => store.addThreadItem("thr_d", again, ctx));
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
      await expectOk(() => store.saveThread(thread("thr_arg", at(0)), ctx));
      await expectOk(() => store.saveThread(thread("thr_field", at(0)), ctx));
      const m = message("thr_field", "msg_mismatch", at(1));
      await expectOk(() => store.addThreadItem("thr_arg", m, ctx));
      expectEqual(await expectOk(() => store.loadItem("thr_arg", "msg_mismatch", ctx)), m, "the item, stored as given under thr_arg");
      expectEqual(idsOf(await store.loadThreadItems("thr_field", null, 10, "asc", ctx)), [], "nothing under thr_field");
    },
  },
]);
