import { defineChecks } from "../Check.js";
import { expectEqual, expectOk } from "../expect.js";
import { at, lister, message, thread, walkAndCheck } from "./support.js";

/** C-THREAD-SAVE, C-ITEM-ADD, C-ITEM-SAVE: upserts that keep positions. */
export const checks = defineChecks("item-save", [
  {
    id: "item-save.replace-in-place",
    statement: "saveItem of an existing id replaces it in place: same position even when created_at or type change",
    rules: ["C-ITEM-SAVE"],
    kind: "example",
    async run(env) {
      const { store, contexts } = await env.fresh();
      const [ctx] = contexts;
      await expectOk(() => store.saveThread(thread("thr_s", at(0)), ctx));
      for (const i of [1, 2, 3]) await expectOk(() => store.addThreadItem("thr_s", message("thr_s", `msg${i}`, at(i)), ctx));
      const replaced = { type: "end_of_turn", id: "msg2", thread_id: "thr_s", created_at: at(99) };
      await expectOk(() => store.saveItem("thr_s", replaced, ctx));
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
      await expectOk(() => store.saveThread(thread("thr_m", at(0)), ctx));
      await expectOk(() => store.addThreadItem("thr_m", message("thr_m", "msg1", at(1)), ctx));
      await expectOk(() => store.addThreadItem("thr_m", message("thr_m", "msg3", at(3)), ctx));
      const m2 = message("thr_m", "msg2", at(2));
      await expectOk(() => store.saveItem("thr_m", m2, ctx));
      expectEqual(await expectOk(() => store.loadItem("thr_m", "msg2", ctx)), m2, "the inserted item");
      await walkAndCheck(lister(store, "thr_m"), ctx, 10, "asc", ["msg1", "msg2", "msg3"], "items after inserting msg2 by saveItem");
    },
  },
]);
