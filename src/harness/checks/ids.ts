import { ID_PREFIXES, STORE_ITEM_TYPES } from "../../model/ids.js";
import { defineChecks } from "../Check.js";
import { expectEqual, expectOk, expectThat } from "../expect.js";
import { ODD_IDS } from "./samples.js";
import { message, thread } from "./support.js";

/** C-ID: default ids and caller-supplied ids. */
export const checks = defineChecks("ids", [
  {
    id: "ids.default-format",
    statement: "generateThreadId and generateItemId return `<prefix>_<hex>` with the upstream prefix and more than 8 hex digits",
    rules: ["C-ID", "C-NAMES"],
    requires: ["defaultIds"],
    kind: "example",
    async run(env) {
      const { store, contexts } = await env.fresh();
      const [ctx] = contexts;
      const t = thread("thr_for_ids", "2026-01-01T00:00:00Z");
      const threadId = store.generateThreadId(ctx);
      expectThat(typeof threadId === "string" && /^thr_[0-9a-f]{9,}$/.test(threadId), "generateThreadId() matches /^thr_[0-9a-f]{9,}$/ (synchronous)", () => `got ${JSON.stringify(threadId)}`);
      for (const type of STORE_ITEM_TYPES) {
        if (type === "thread" || type === "attachment") continue;
        const id = store.generateItemId(type, t, ctx);
        const re = new RegExp(`^${ID_PREFIXES[type]}_[0-9a-f]{9,}$`);
        expectThat(typeof id === "string" && re.test(id), `generateItemId("${type}") matches ${re}`, () => `got ${JSON.stringify(id)}`);
      }
    },
  },
  {
    id: "ids.distinct",
    statement: "1,000 generated ids of each item type are distinct",
    rules: ["C-ID"],
    kind: "example",
    async run(env) {
      const { store, contexts } = await env.fresh();
      const [ctx] = contexts;
      const t = thread("thr_for_ids", "2026-01-01T00:00:00Z");
      const threads = new Set(Array.from({ length: 1000 }, () => store.generateThreadId(ctx)));
      expectThat(threads.size === 1000, "1,000 distinct thread ids", () => `${1000 - threads.size} duplicates`);
      const messages = new Set(Array.from({ length: 1000 }, () => store.generateItemId("message", t, ctx)));
      expectThat(messages.size === 1000, "1,000 distinct message ids", () => `${1000 - messages.size} duplicates`);
    },
  },
  {
    id: "ids.caller-ids-roundtrip",
    statement: "threads and items with caller-supplied ids (odd characters, long, SQL-like) are stored and loaded by those ids",
    rules: ["C-ID", "C-ROUNDTRIP"],
    kind: "example",
    async run(env) {
      const { store, contexts } = await env.fresh();
      const [ctx] = contexts;
      for (const [i, id] of ODD_IDS.entries()) {
        const t = thread(id, `2026-01-01T00:00:0${i}Z`);
        await expectOk(() => store.saveThread(t, ctx));
        expectEqual(await expectOk(() => store.loadThread(id, ctx)), t, `loadThread(${JSON.stringify(id)})`);
        const m = message(id, ODD_IDS[(i + 1) % ODD_IDS.length]!, `2026-01-01T00:00:0${i}Z`);
        await expectOk(() => store.addThreadItem(id, m, ctx));
        expectEqual(await expectOk(() => store.loadItem(id, m.id, ctx)), m, "the item as added");
      }
    },
  },
]);
