import { defineChecks } from "../Check.js";
import { expectEqual, expectNotFound, expectOk } from "../expect.js";
import { fileAttachment } from "./support.js";

/** C-ATTACH. */
export const checks = defineChecks("attachments", [
  {
    id: "attachments.upsert",
    statement: "saveAttachment twice is an upsert: the second write wins (e.g. thread_id set later)",
    rules: ["C-ATTACH"],
    requires: ["attachments"],
    kind: "example",
    async run(env) {
      const { store, contexts } = await env.fresh();
      const [ctx] = contexts;
      await expectOk(() => store.saveAttachment(fileAttachment("atc_u", { upload_descriptor: { url: "https://u.example.com/x", method: "PUT", headers: {} } }), ctx));
      const second = fileAttachment("atc_u", { thread_id: "thr_1", upload_descriptor: null, metadata: { uploaded: true } });
      await expectOk(() => store.saveAttachment(second, ctx));
      expectEqual(await store.loadAttachment("atc_u", ctx), second, "the second write");
    },
  },
  {
    id: "attachments.not-found",
    statement: "loadAttachment of an id never saved, or deleted, raises NotFoundError",
    rules: ["C-ATTACH", "C-ERR"],
    requires: ["attachments"],
    kind: "example",
    async run(env) {
      const { store, contexts } = await env.fresh();
      const [ctx] = contexts;
      await expectNotFound(() => store.loadAttachment("atc_never", ctx), "loadAttachment(atc_never)");
      await expectOk(() => store.saveAttachment(fileAttachment("atc_gone"), ctx));
      await expectOk(() => store.deleteAttachment("atc_gone", ctx));
      await expectNotFound(() => store.loadAttachment("atc_gone", ctx), "loadAttachment(atc_gone) after delete");
    },
  },
]);
