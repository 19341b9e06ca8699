import { defineChecks } from "../Check.js";
import { expectEqual, expectOk, idsOf } from "../expect.js";

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
]);
