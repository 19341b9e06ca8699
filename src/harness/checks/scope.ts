import { defineChecks } from "../Check.js";
import { expectEqual, expectNotFound, expectOk, idsOf } from "../expect.js";
import { at, fileAttachment, message, thread } from "./support.js";

/** C-SCOPE: another scope's data behaves as if it did not exist. */
export const checks = defineChecks("scope", [
  {
    id: "scope.reads",
    statement: "another scope's threads, items and attachments are invisible — also when one scope key is a prefix of the other: loads raise NotFoundError, listings are empty",
    rules: ["C-SCOPE", "C-MISSING-THREAD"],
    requires: ["scoping"],
    kind: "example",
    async run(env) {
      const { store, contexts, scopeNames } = await env.fresh();
      // Each scope writes, and every other scope reads: A's key is a prefix of B's and C's (harness-made
      // keys), so a `LIKE key%` or startsWith scope leaks in one direction only.
      for (const [w, writer] of contexts.entries()) {
        const t = `thr_${w}`;
        await expectOk(() => store.saveThread(thread(t, at(w)), writer));
        await expectOk(() => store.addThreadItem(t, message(t, `msg_${w}`, at(w)), writer));
        if (env.capabilities.attachments) await expectOk(() => store.saveAttachment(fileAttachment(`atc_${w}`), writer));
      }
      for (const [r, reader] of contexts.entries()) {
        const name = `@${scopeNames[r]}`;
        const threads = await expectOk(() => store.loadThreads(10, null, "asc", reader));
        expectEqual({ ids: idsOf(threads), has_more: threads.has_more }, { ids: [`thr_${r}`], has_more: false }, `loadThreads ${name}: its own thread only`);
        for (const [w] of contexts.entries()) {
          if (w === r) continue;
          const t = `thr_${w}`;
          await expectNotFound(() => store.loadThread(t, reader), `loadThread(${t} of ${scopeNames[w]}) ${name}`);
          await expectNotFound(() => store.loadItem(t, `msg_${w}`, reader), `loadItem(${t}, msg_${w} of ${scopeNames[w]}) ${name}`);
          const items = await expectOk(() => store.loadThreadItems(t, null, 10, "asc", reader));
          expectEqual({ ids: idsOf(items), has_more: items.has_more }, { ids: [], has_more: false }, `loadThreadItems(${t} of ${scopeNames[w]}) ${name}`);
          if (env.capabilities.attachments) await expectNotFound(() => store.loadAttachment(`atc_${w}`, reader), `loadAttachment(atc_${w} of ${scopeNames[w]}) ${name}`);
        }
      }
    },
  },
  {
    id: "scope.writes",
    statement: "writes and deletes in one scope never touch another scope's thread, items or attachments, even with the same ids",
    rules: ["C-SCOPE", "C-DELETE"],
    requires: ["scoping"],
    kind: "example",
    async run(env) {
      const { store, contexts } = await env.fresh();
      const [a, b] = contexts;
      const ta = thread("thr_same", at(0), { title: "A's" });
      const ma = message("thr_same", "msg_same", at(1), "A's message");
      await expectOk(() => store.saveThread(ta, a));
      await expectOk(() => store.addThreadItem("thr_same", ma, a));
      await expectOk(() => store.saveThread(thread("thr_same", at(5), { title: "B's" }), b));
      await expectOk(() => store.addThreadItem("thr_same", message("thr_same", "msg_same", at(2), "B's message"), b));
      await expectOk(() => store.saveItem("thr_same", message("thr_same", "msg_same", at(3), "B's update"), b));
      expectEqual(await store.loadThread("thr_same", a), ta, "A's thread after B wrote the same id");
      expectEqual(await store.loadItem("thr_same", "msg_same", a), ma, "A's item after B wrote the same id");
      await expectOk(() => store.deleteThreadItem("thr_same", "msg_same", b));
      await expectOk(() => store.deleteThread("thr_same", b));
      expectEqual(await store.loadThread("thr_same", a), ta, "A's thread after B deleted the same id");
      expectEqual(idsOf(await store.loadThreadItems("thr_same", null, 10, "asc", a)), ["msg_same"], "A's items after B deleted the same ids");
      await expectNotFound(() => store.loadThread("thr_same", b), "loadThread(thr_same) @B after B deleted it");
    },
  },
  {
    id: "scope.attachments",
    statement: "attachments are scoped: another scope's id raises NotFoundError on load, and its save and delete do not touch the owner's record",
    rules: ["C-SCOPE", "C-ATTACH"],
    requires: ["scoping", "attachments"],
    kind: "example",
    async run(env) {
      const { store, contexts } = await env.fresh();
      const [a, b] = contexts;
      const mine = fileAttachment("atc_1", { metadata: { owner: "A" } });
      await expectOk(() => store.saveAttachment(mine, a));
      await expectNotFound(() => store.loadAttachment("atc_1", b), "loadAttachment(atc_1) @B");
      await expectOk(() => store.deleteAttachment("atc_1", b));
      expectEqual(await expectOk(() => store.loadAttachment("atc_1", a)), mine, "A's attachment after B deleted the same id");
      await expectOk(() => store.saveAttachment(fileAttachment("atc_1", { metadata: { owner: "B" }, thread_id: "thr_b" }), b));
      expectEqual(await store.loadAttachment("atc_1", a), mine, "A's attachment after B saved the same id");
    },
  },
]);
