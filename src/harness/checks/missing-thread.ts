import { CheckFailure, defineChecks } from "../Check.js";
import { expectEqual, expectNotFound, expectOk, idsOf } from "../expect.js";

/** C-DELETE, C-MISSING-THREAD. */
export const checks = defineChecks("missing-thread", [
  {
    id: "missing-thread.empty-page",
    statement: "loadThreadItems of a thread that does not exist returns an empty page (has_more false, after null), not an error",
    rules: ["C-MISSING-THREAD"],
    kind: "example",
    async run(env) {
      const { store, contexts } = await env.fresh();
      const [ctx] = contexts;
      for (const order of ["asc", "desc"] as const) {
        const page = await expectOk(() => store.loadThreadItems("thr_never", null, 20, order, ctx));
        expectEqual({ ids: idsOf(page), has_more: page.has_more, after: page.after ?? null }, { ids: [], has_more: false, after: null }, "an empty page");
      }
    },
  },
  {
    id: "missing-thread.creates-nothing",
    statement:
      "reading a thread that does not exist (loadThreadItems in both orders, loadItem, deleteThreadItem) creates nothing: afterwards the thread still raises NotFoundError on loadThread and loadThreads does not list it",
    rules: ["C-MISSING-THREAD", "C-DELETE"],
    kind: "example",
    async run(env) {
      const { store, contexts } = await env.fresh();
      const [ctx] = contexts;
      for (const order of ["asc", "desc"] as const) {
        try {
          await expectOk(() => store.loadThreadItems("thr_never", null, 20, order, ctx));
        } catch (error) {
          // a page that raises is missing-thread.empty-page's failure
          if (error instanceof CheckFailure) throw new CheckFailure({ ...error.details, blockedBy: "missing-thread.empty-page" });
          throw error;
        }
      }
      await expectNotFound(() => store.loadItem("thr_never", "msg_never", ctx), "loadItem(thr_never, msg_never)");
      await expectOk(() => store.deleteThreadItem("thr_never", "msg_never", ctx));
      await expectNotFound(() => store.loadThread("thr_never", ctx), "loadThread(thr_never) after reading its items");
      expectEqual(idsOf(await expectOk(() => store.loadThreads(10, null, "asc", ctx))), [], "loadThreads after reading the items of a missing thread");
    },
  },
]);
