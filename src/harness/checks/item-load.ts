import { defineChecks } from "../Check.js";
import { expectEqual, expectNotFound, expectOk } from "../expect.js";
import { at, message, thread } from "./support.js";

/** C-THREAD-SAVE, C-ITEM-ADD, C-ITEM-SAVE: upserts that keep positions. */
export const checks = defineChecks("item-load", [
  {
    id: "item-load.wrong-thread",
    statement: "an item belongs to its thread: loadItem with another thread's id raises NotFoundError, and the same item id in two threads loads each thread's own item",
    rules: ["C-ITEM-ADD", "C-ERR"],
    kind: "example",
    async run(env) {
      const { store, contexts } = await env.fresh();
      const [ctx] = contexts;
      await expectOk(() => store.saveThread(thread("thr_a", at(0)), ctx));
      await expectOk(() => store.saveThread(thread("thr_b", at(0)), ctx));
      await expectOk(() => store.addThreadItem("thr_a", message("thr_a", "msg_only_a", at(1)), ctx));
      await expectNotFound(() => store.loadItem("thr_b", "msg_only_a", ctx), "loadItem(thr_b, msg_only_a) (the item is thr_a's)");
      for (const t of ["thr_a", "thr_b"]) await expectNotFound(() => store.loadItem(t, "msg_both", ctx), `loadItem(${t}, msg_both) before it is added`);
      const inA = message("thr_a", "msg_both", at(2), "in thr_a");
      const inB = message("thr_b", "msg_both", at(3), "in thr_b");
      await expectOk(() => store.addThreadItem("thr_a", inA, ctx));
      expectEqual(await expectOk(() => store.loadItem("thr_a", "msg_both", ctx)), inA, "thr_a's msg_both, before thr_b has one");
      await expectNotFound(() => store.loadItem("thr_b", "msg_both", ctx), "loadItem(thr_b, msg_both) once only thr_a has it");
      await expectOk(() => store.addThreadItem("thr_b", inB, ctx));
      expectEqual(await expectOk(() => store.loadItem("thr_a", "msg_both", ctx)), inA, "thr_a's msg_both");
      expectEqual(await expectOk(() => store.loadItem("thr_b", "msg_both", ctx)), inB, "thr_b's msg_both");
      await expectNotFound(() => store.loadItem("thr_b", "msg_only_a", ctx), "loadItem(thr_b, msg_only_a) after the adds");
    },
  },
]);
