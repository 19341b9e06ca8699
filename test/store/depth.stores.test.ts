/**
 * Deep nesting (issue 10, item 6): one documented limit, MAX_JSON_DEPTH, on every bundled store. A record
 * nested deeper is the same InvalidArgumentError naming the argument, with the same message, on
 * InMemoryStore and PostgresStore (on pg-mem and on the run's real PostgreSQL), checked before anything is
 * written, instead of a RangeError that differs per store.
 */
import { afterAll, describe, expect, it } from "vitest";
import { MAX_JSON_DEPTH, type Store } from "chatkit-testkit";
import { titleOf } from "../postgres/backends.js";
import { bundledBackends, onBackend } from "./bundled.js";

type AnyStore = Store<unknown, any>;

/** `k` objects nested in one another: chain(1) is {}, chain(2) is { a: {} }. */
function chain(k: number): unknown {
  let v: unknown = {};
  for (let i = 1; i < k; i++) v = i % 2 ? { a: v } : [v];
  return v;
}

/** Records whose total depth (the record itself is level 1) is `depth`. */
const records = (depth: number) => ({
  thread: { id: "thr_deep", created_at: "2026-01-01T00:00:00Z", metadata: chain(depth - 1) },
  item: { type: "widget", id: "msg_deep", thread_id: "thr_1", created_at: "2026-01-01T00:00:01Z", widget: chain(depth - 1) },
  attachment: { type: "file", id: "atc_deep", name: "a", mime_type: "text/plain", metadata: chain(depth - 1) },
});

async function errorOf(call: () => Promise<unknown>): Promise<any> {
  try {
    await call();
  } catch (error) {
    return error;
  }
  return undefined;
}

const writes = (r: ReturnType<typeof records>) =>
  [
    ["saveThread", "thread", (s: AnyStore, c: string) => s.saveThread(r.thread, c)],
    ["addThreadItem", "item", (s: AnyStore, c: string) => s.addThreadItem("thr_1", r.item, c)],
    ["saveItem", "item", (s: AnyStore, c: string) => s.saveItem("thr_1", r.item, c)],
    ["saveAttachment", "attachment", (s: AnyStore, c: string) => s.saveAttachment(r.attachment, c)],
  ] as const;

const BACKENDS = bundledBackends();

afterAll(async () => {
  for (const b of BACKENDS) await b.close();
});

describe(`C-ID: records nest at most MAX_JSON_DEPTH (${MAX_JSON_DEPTH}) levels on every bundled store`, () => {
  it("the limit is 512", () => expect(MAX_JSON_DEPTH).toBe(512));

  describe.each(BACKENDS.map((b) => [titleOf(b), b] as const))("%s", (_title, backend) => {
    const { test, store, scope } = onBackend(backend, "depth");
    /** A fresh scope (a string context is the scope key) holding thread thr_1 and nothing else. */
    async function fresh(): Promise<string> {
      const c = scope().user_id;
      await store().saveThread({ id: "thr_1", created_at: "2026-01-01T00:00:00Z" }, c);
      return c;
    }

    test(`C-ROUNDTRIP: a record exactly ${MAX_JSON_DEPTH} levels deep is stored and loaded unchanged`, async () => {
      const r = records(MAX_JSON_DEPTH);
      const c = await fresh();
      await store().saveThread(r.thread, c);
      await store().addThreadItem("thr_1", r.item, c);
      await store().saveAttachment(r.attachment, c);
      expect(await store().loadThread("thr_deep", c)).toEqual(r.thread);
      expect(await store().loadItem("thr_1", "msg_deep", c)).toEqual(r.item);
      expect(await store().loadAttachment("atc_deep", c)).toEqual(r.attachment);
    });

    for (const depth of [MAX_JSON_DEPTH + 1, 5_000, 100_000]) {
      // Every store must give exactly this message, so every bundled store gives the same one.
      test(`C-ERR: ${depth} levels is an InvalidArgumentError naming the record, with the message every bundled store gives, for every write; nothing written`, async () => {
        const c = await fresh();
        for (const [method, argument, write] of writes(records(depth))) {
          const e = await errorOf(() => write(store(), c));
          expect(e?.name, `${backend.name} ${method}: ${e}`).toBe("InvalidArgumentError");
          expect(e.method).toBe(method);
          expect(e.argument).toBe(argument);
          expect(e.message).toBe(`[chatkit-testkit] ${method}: ${argument} nests deeper than 512 levels of objects and arrays (the limit of every bundled store)`);
        }
        await expect(store().loadThread("thr_deep", c)).rejects.toThrow(expect.objectContaining({ name: "NotFoundError" }));
        expect((await store().loadThreadItems("thr_1", null, 10, "asc", c)).data).toEqual([]);
        await expect(store().loadAttachment("atc_deep", c)).rejects.toThrow(expect.objectContaining({ name: "NotFoundError" }));
      });
    }
  });
});
