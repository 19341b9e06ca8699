import { isNotFoundError } from "../../errors/errors.js";
import { CheckFailure, defineChecks } from "../Check.js";
import { describeError, describeValue, expectArgumentError, expectEqual, expectNotFound, expectOk, expectThat, idsOf } from "../expect.js";
import { at, malformed, message, thread } from "./support.js";

const BAD_LIMITS: unknown[] = [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, "5", null, undefined];
const BAD_ORDERS: unknown[] = ["ASC", "Desc", "", "up", undefined, null, 1, " asc", "asc; DROP TABLE threads; --"];

/** C-LIMIT and C-ERR: bad arguments are clear errors and change nothing. */
export const checks = defineChecks("arguments", [
  {
    id: "arguments.limit",
    statement: "limit 0, -1, 1.5, NaN, Infinity, \"5\", null and undefined (left out) are rejected with an error naming `limit`, for items and threads (no default page size)",
    rules: ["C-LIMIT", "C-ERR"],
    kind: "example",
    async run(env) {
      const { store, contexts } = await env.fresh();
      const [ctx] = contexts;
      await expectOk(() => store.saveThread(thread("thr_l", at(0)), ctx));
      await expectOk(() => store.addThreadItem("thr_l", message("thr_l", "msg_1", at(1)), ctx));
      for (const limit of BAD_LIMITS) {
        await expectArgumentError(() => store.loadThreadItems("thr_l", null, limit as number, "asc", ctx), `loadThreadItems(thr_l, null, ${String(limit)}, "asc")`, "limit");
        await expectArgumentError(() => store.loadThreads(limit as number, null, "asc", ctx), `loadThreads(${String(limit)}, null, "asc")`, "limit");
      }
      expectEqual(idsOf(await store.loadThreadItems("thr_l", null, 10, "asc", ctx)), ["msg_1"], "items unchanged after rejected calls");
    },
  },
  {
    id: "arguments.order",
    statement: "an order other than exactly \"asc\" or \"desc\" (\"ASC\", \"\", \" asc\", undefined, null, 1, SQL) is rejected with an error naming `order`",
    rules: ["C-LIMIT", "C-ERR"],
    kind: "example",
    async run(env) {
      const { store, contexts } = await env.fresh();
      const [ctx] = contexts;
      await expectOk(() => store.saveThread(thread("thr_o", at(0)), ctx));
      for (const order of BAD_ORDERS) {
        await expectArgumentError(() => store.loadThreadItems("thr_o", null, 10, order as "asc", ctx), `loadThreadItems(thr_o, null, 10, ${JSON.stringify(order)})`, "order");
        await expectArgumentError(() => store.loadThreads(10, null, order as "asc", ctx), `loadThreads(10, null, ${JSON.stringify(order)})`, "order");
      }
      expectEqual(idsOf(await store.loadThreads(10, null, "asc", ctx)), ["thr_o"], "threads unchanged after rejected calls");
    },
  },
  {
    id: "arguments.no-upper-limit",
    statement: "a large limit (10,000, and 1,000,000,000 with several rows) is accepted and returns every row in one page: the store has no upper bound",
    rules: ["C-LIMIT"],
    kind: "example",
    async run(env) {
      const { store, contexts } = await env.fresh();
      const [ctx] = contexts;
      await expectOk(() => store.saveThread(thread("thr_big", at(0)), ctx));
      const page = await expectOk(() => store.loadThreads(10_000, null, "desc", ctx));
      expectEqual({ ids: idsOf(page), has_more: page.has_more }, { ids: ["thr_big"], has_more: false }, "one page");
      // ids against time order
      const threads = ["thr_big", "thr_big_c", "thr_big_b", "thr_big_a"];
      for (const [i, id] of threads.slice(1).entries()) await expectOk(() => store.saveThread(thread(id, at(i + 1)), ctx));
      const items = ["msg_big_c", "msg_big_b", "msg_big_a"];
      for (const [i, id] of items.entries()) await expectOk(() => store.addThreadItem("thr_big", message("thr_big", id, at(i + 1)), ctx));
      const huge = 1_000_000_000;
      for (const order of ["asc", "desc"] as const) {
        const t = await expectOk(() => store.loadThreads(huge, null, order, ctx));
        expectEqual({ ids: idsOf(t), has_more: t.has_more, after: t.after ?? null }, { ids: order === "asc" ? threads : [...threads].reverse(), has_more: false, after: null }, `loadThreads(${huge}, null, "${order}"): every thread in one page`);
        const i = await expectOk(() => store.loadThreadItems("thr_big", null, huge, order, ctx));
        expectEqual({ ids: idsOf(i), has_more: i.has_more, after: i.after ?? null }, { ids: order === "asc" ? items : [...items].reverse(), has_more: false, after: null }, `loadThreadItems(thr_big, null, ${huge}, "${order}"): every item in one page`);
      }
    },
  },
  {
    id: "arguments.malformed-records",
    statement: "a thread or item without an id, with an unparseable created_at, or that is not an object is rejected and nothing is stored",
    rules: ["C-ERR", "C-ROUNDTRIP"],
    kind: "example",
    async run(env) {
      const { store, contexts } = await env.fresh();
      const [ctx] = contexts;
      const badThreads: [string, unknown][] = [
        ["created_at", { id: "thr_bad1", created_at: "yesterday" }],
        ["created_at", { id: "thr_bad2", created_at: "2026-13-01T00:00:00Z" }],
        ["id", { created_at: at(0) }],
        ["thread", null],
      ];
      for (const [arg, t] of badThreads) {
        await expectArgumentError(() => store.saveThread(malformed(t), ctx), `saveThread(${JSON.stringify(t)})`, arg);
      }
      expectEqual(idsOf(await store.loadThreads(10, null, "asc", ctx)), [], "no thread stored by rejected saves");
      await expectNotFound(() => store.loadThread("thr_bad1", ctx), 'loadThread("thr_bad1") after a rejected save');
      await expectOk(() => store.saveThread(thread("thr_ok", at(0)), ctx));
      await expectArgumentError(() => store.addThreadItem("thr_ok", { ...message("thr_ok", "msg_bad", at(1)), created_at: "not a time" }, ctx), "addThreadItem(thr_ok, created_at: \"not a time\")", "created_at");
      expectEqual(idsOf(await store.loadThreadItems("thr_ok", null, 10, "asc", ctx)), [], "no item stored by a rejected add");
    },
  },
  {
    id: "arguments.non-json-values",
    statement: "an item or thread holding a value JSON cannot represent (a BigInt, an object that contains itself) is either rejected with nothing stored, or stored and loaded back as given — never acknowledged and replaced by something else",
    rules: ["C-ERR", "C-ROUNDTRIP"],
    kind: "example",
    async run(env) {
      const { store, contexts } = await env.fresh();
      const [ctx] = contexts;
      await expectOk(() => store.saveThread(thread("thr_json", at(0)), ctx));
      const cyclic: Record<string, unknown> = { ...message("thr_json", "msg_cycle", at(2)) };
      cyclic.self = cyclic;
      const cases: { what: string; write: () => Promise<void>; read: () => Promise<unknown>; same: (loaded: Record<string, unknown>) => boolean }[] = [
        {
          what: "an item with a BigInt",
          write: () => store.addThreadItem("thr_json", malformed({ ...message("thr_json", "msg_bigint", at(1)), extra: 10n }), ctx),
          read: () => store.loadItem("thr_json", "msg_bigint", ctx),
          same: (loaded) => loaded.extra === 10n,
        },
        {
          what: "an item that contains itself",
          write: () => store.addThreadItem("thr_json", malformed(cyclic), ctx),
          read: () => store.loadItem("thr_json", "msg_cycle", ctx),
          same: (loaded) => loaded.self === loaded && loaded.id === "msg_cycle",
        },
        {
          what: "a thread with a BigInt in its metadata",
          write: () => store.saveThread(malformed({ ...thread("thr_bigint", at(0)), metadata: { n: 10n } }), ctx),
          read: () => store.loadThread("thr_bigint", ctx),
          same: (loaded) => (loaded.metadata as { n?: unknown } | undefined)?.n === 10n,
        },
      ];
      for (const c of cases) {
        let accepted = true;
        try {
          await c.write();
        } catch {
          accepted = false;
        }
        let loaded: unknown;
        let found = true;
        try {
          loaded = await c.read();
        } catch (error) {
          if (!isNotFoundError(error)) throw new CheckFailure({ expected: `loading ${c.what} after the write returns it or raises NotFoundError`, seen: `it threw ${describeError(error)}`, cause: error });
          found = false;
        }
        if (accepted) {
          expectThat(found && loaded !== null && typeof loaded === "object" && c.same(loaded as Record<string, unknown>), `${c.what}: the acknowledged write loads back as given`, () => (found ? `it loaded ${describeValue(loaded)}` : "it raised NotFoundError"));
        } else {
          expectThat(!found, `${c.what}: a rejected write stores nothing`, () => `it loaded ${describeValue(loaded)}`);
        }
      }
    },
  },
  {
    id: "arguments.not-found-name",
    statement: "a missing thread, item or attachment raises an error whose name is \"NotFoundError\"",
    rules: ["C-ERR"],
    kind: "example",
    async run(env) {
      const { store, contexts } = await env.fresh();
      const [ctx] = contexts;
      await expectNotFound(() => store.loadThread("thr_nope", ctx), 'loadThread("thr_nope")');
      await expectOk(() => store.saveThread(thread("thr_here", at(0)), ctx));
      await expectNotFound(() => store.loadItem("thr_here", "msg_nope", ctx), 'loadItem(thr_here, "msg_nope")');
      if (env.capabilities.attachments) await expectNotFound(() => store.loadAttachment("atc_nope", ctx), 'loadAttachment("atc_nope")');
    },
  },
]);
