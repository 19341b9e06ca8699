import { defineChecks } from "../Check.js";
import { expectEqual, expectNotFound, expectOk } from "../expect.js";
import { fileAttachment, imageAttachment } from "./support.js";

/** C-ATTACH. */
export const checks = defineChecks("attachments", [
  {
    id: "attachments.upsert",
    statement: "saveAttachment of an existing id is an upsert that replaces the whole record: the second write wins (e.g. thread_id set later), and a third that changes the type (file to image) and leaves out thread_id, upload_descriptor and metadata loads back exactly as given, none of them kept",
    rules: ["C-ATTACH"],
    requires: ["attachments"],
    kind: "example",
    async run(env) {
      const { store, contexts } = await env.fresh();
      const [ctx] = contexts;
      const first = fileAttachment("atc_u", { upload_descriptor: { url: "https://u.example.com/x", method: "PUT", headers: {} } });
      await expectOk(() => store.saveAttachment(first, ctx));
      expectEqual(await expectOk(() => store.loadAttachment("atc_u", ctx)), first, "the first write, before the second");
      const second = fileAttachment("atc_u", { thread_id: "thr_1", upload_descriptor: null, metadata: { uploaded: true } });
      await expectOk(() => store.saveAttachment(second, ctx));
      expectEqual(await store.loadAttachment("atc_u", ctx), second, "the second write");
      const third = imageAttachment("atc_u");
      await expectOk(() => store.saveAttachment(third, ctx));
      expectEqual(await expectOk(() => store.loadAttachment("atc_u", ctx)), third, "the third write: an image, without thread_id, upload_descriptor and metadata (none kept from the second)");
    },
  },
  {
    id: "attachments.not-found",
    statement: "loadAttachment of an id never saved, or deleted, raises NotFoundError (also when it was loaded before the delete)",
    rules: ["C-ATTACH", "C-ERR"],
    requires: ["attachments"],
    kind: "example",
    async run(env) {
      const { store, contexts } = await env.fresh();
      const [ctx] = contexts;
      await expectNotFound(() => store.loadAttachment("atc_never", ctx), "loadAttachment(atc_never)");
      const gone = fileAttachment("atc_gone");
      await expectOk(() => store.saveAttachment(gone, ctx));
      expectEqual(await expectOk(() => store.loadAttachment("atc_gone", ctx)), gone, "atc_gone before its delete");
      await expectOk(() => store.deleteAttachment("atc_gone", ctx));
      await expectNotFound(() => store.loadAttachment("atc_gone", ctx), "loadAttachment(atc_gone) after delete");
    },
  },
  {
    id: "attachments.reread-after-save",
    statement:
      "loadAttachment read before a saveAttachment or deleteAttachment shows the write when read again: a missing id is found once saved, a re-saved one has its new fields, a deleted one raises NotFoundError, a re-created one is back, and other attachments are untouched",
    rules: ["C-ATTACH"],
    requires: ["attachments"],
    kind: "example",
    async run(env) {
      const { store, contexts } = await env.fresh();
      const [ctx] = contexts;
      await expectNotFound(() => store.loadAttachment("atc_r1", ctx), "loadAttachment(atc_r1) before it is saved");
      const v1 = fileAttachment("atc_r1", { upload_descriptor: { url: "https://u.example.com/r1", method: "PUT", headers: {} } });
      await expectOk(() => store.saveAttachment(v1, ctx));
      expectEqual(await expectOk(() => store.loadAttachment("atc_r1", ctx)), v1, "atc_r1 once saved");
      const v2 = fileAttachment("atc_r1", { name: "renamed.txt", thread_id: "thr_r", upload_descriptor: null, metadata: { uploaded: true } });
      await expectOk(() => store.saveAttachment(v2, ctx));
      expectEqual(await expectOk(() => store.loadAttachment("atc_r1", ctx)), v2, "atc_r1 re-saved");
      const keep = fileAttachment("atc_r2", { thread_id: "thr_r" });
      await expectOk(() => store.saveAttachment(keep, ctx));
      expectEqual(await expectOk(() => store.loadAttachment("atc_r2", ctx)), keep, "atc_r2");
      await expectOk(() => store.deleteAttachment("atc_r1", ctx));
      await expectNotFound(() => store.loadAttachment("atc_r1", ctx), "loadAttachment(atc_r1) after its delete");
      expectEqual(await expectOk(() => store.loadAttachment("atc_r2", ctx)), keep, "atc_r2 after the delete of atc_r1");
      const v3 = fileAttachment("atc_r1", { metadata: { again: true } });
      await expectOk(() => store.saveAttachment(v3, ctx));
      expectEqual(await expectOk(() => store.loadAttachment("atc_r1", ctx)), v3, "atc_r1 saved again after its delete");
    },
  },
]);
