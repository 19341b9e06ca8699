import { defineChecks } from "../Check.js";
import { expectEqual, expectNotFound, expectOk, idsOf } from "../expect.js";
import { at, message, thread } from "./support.js";

/** C-CURSOR: a cursor must name a row of the same collection. */
export const checks = defineChecks("cursor", [
  {
    id: "cursor.unknown",
    statement: "an `after` id that names no row raises NotFoundError, for items and for threads (never a silent restart)",
    rules: ["C-CURSOR", "C-ERR"],
    kind: "example",
    async run(env) {
      const { store, contexts } = await env.fresh();
      const [ctx] = contexts;
      await expectOk(() => store.saveThread(thread("thr_c", at(0)), ctx));
      await expectOk(() => store.addThreadItem("thr_c", message("thr_c", "msg_1", at(1)), ctx));
      await expectNotFound(() => store.loadThreadItems("thr_c", "msg_missing", 10, "asc", ctx), 'loadThreadItems(thr_c, after="msg_missing")');
      await expectNotFound(() => store.loadThreadItems("thr_c", "msg_missing", 10, "desc", ctx), 'loadThreadItems(thr_c, after="msg_missing", "desc")');
      await expectNotFound(() => store.loadThreads(10, "thr_missing", "desc", ctx), 'loadThreads(10, after="thr_missing")');
    },
  },
  {
    id: "cursor.foreign-thread",
    statement: "an `after` id of an item in another thread of the same scope raises NotFoundError",
    rules: ["C-CURSOR"],
    kind: "example",
    async run(env) {
      const { store, contexts } = await env.fresh();
      const [ctx] = contexts;
      await expectOk(() => store.saveThread(thread("thr_a", at(0)), ctx));
      await expectOk(() => store.saveThread(thread("thr_b", at(0)), ctx));
      await expectOk(() => store.addThreadItem("thr_a", message("thr_a", "msg_a1", at(1)), ctx));
      await expectOk(() => store.addThreadItem("thr_b", message("thr_b", "msg_b1", at(0)), ctx));
      await expectOk(() => store.addThreadItem("thr_b", message("thr_b", "msg_b2", at(2)), ctx));
      await expectNotFound(() => store.loadThreadItems("thr_b", "msg_a1", 10, "asc", ctx), 'loadThreadItems(thr_b, after="msg_a1" from thr_a)');
    },
  },
  {
    id: "cursor.foreign-scope",
    statement: "an `after` id of another scope's thread or item raises NotFoundError",
    rules: ["C-CURSOR", "C-SCOPE"],
    requires: ["scoping"],
    kind: "example",
    async run(env) {
      const { store, contexts } = await env.fresh();
      const [a, b] = contexts;
      await expectOk(() => store.saveThread(thread("thr_a", at(0)), a));
      await expectOk(() => store.saveThread(thread("thr_b", at(1)), b));
      await expectOk(() => store.saveThread(thread("thr_shared", at(2)), a));
      await expectOk(() => store.saveThread(thread("thr_shared", at(2)), b));
      await expectOk(() => store.addThreadItem("thr_shared", message("thr_shared", "msg_a", at(3)), a));
      await expectOk(() => store.addThreadItem("thr_shared", message("thr_shared", "msg_b", at(3)), b));
      await expectNotFound(() => store.loadThreads(10, "thr_a", "asc", b), 'loadThreads(after="thr_a" of A) @B');
      await expectNotFound(() => store.loadThreadItems("thr_shared", "msg_a", 10, "asc", b), 'loadThreadItems(thr_shared, after="msg_a" of A) @B');
    },
  },
  {
    id: "cursor.empty-string",
    statement: "`after` \"\" means no cursor, like null",
    rules: ["C-CURSOR"],
    kind: "example",
    async run(env) {
      const { store, contexts } = await env.fresh();
      const [ctx] = contexts;
      await expectOk(() => store.saveThread(thread("thr_e", at(0)), ctx));
      await expectOk(() => store.addThreadItem("thr_e", message("thr_e", "msg_1", at(1)), ctx));
      expectEqual(idsOf(await expectOk(() => store.loadThreadItems("thr_e", "", 10, "asc", ctx))), ["msg_1"], 'items with after ""');
      expectEqual(idsOf(await expectOk(() => store.loadThreads(10, "", "asc", ctx))), ["thr_e"], 'threads with after ""');
    },
  },
]);
