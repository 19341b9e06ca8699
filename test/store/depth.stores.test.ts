/**
 * Deep nesting (issue 10, item 6): one documented limit, MAX_JSON_DEPTH, on every bundled store. A record
 * nested deeper is the same InvalidArgumentError naming the argument on InMemoryStore and PostgresStore
 * (pg-mem), checked before anything is written, instead of a RangeError that differs per store.
 */
import { describe, expect, it } from "vitest";
import { InMemoryStore, MAX_JSON_DEPTH, type Store } from "chatkit-testkit";
import { createPgMemStore } from "chatkit-testkit/postgres";

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

async function fresh(): Promise<[string, AnyStore][]> {
  const stores: [string, AnyStore][] = [["InMemoryStore", new InMemoryStore() as AnyStore], ["PostgresStore (pg-mem)", (await createPgMemStore()) as AnyStore]];
  for (const [, s] of stores) await s.saveThread({ id: "thr_1", created_at: "2026-01-01T00:00:00Z" }, "u1");
  return stores;
}

const writes = (r: ReturnType<typeof records>) =>
  [
    ["saveThread", "thread", (s: AnyStore) => s.saveThread(r.thread, "u1")],
    ["addThreadItem", "item", (s: AnyStore) => s.addThreadItem("thr_1", r.item, "u1")],
    ["saveItem", "item", (s: AnyStore) => s.saveItem("thr_1", r.item, "u1")],
    ["saveAttachment", "attachment", (s: AnyStore) => s.saveAttachment(r.attachment, "u1")],
  ] as const;

describe(`C-ID: records nest at most MAX_JSON_DEPTH (${MAX_JSON_DEPTH}) levels on every bundled store`, () => {
  it("the limit is 512", () => expect(MAX_JSON_DEPTH).toBe(512));

  it(`C-ROUNDTRIP: a record exactly ${MAX_JSON_DEPTH} levels deep is stored and loaded unchanged on both stores`, async () => {
    const r = records(MAX_JSON_DEPTH);
    for (const [name, s] of await fresh()) {
      await s.saveThread(r.thread, "u1");
      await s.addThreadItem("thr_1", r.item, "u1");
      await s.saveAttachment(r.attachment, "u1");
      expect(await s.loadThread("thr_deep", "u1"), name).toEqual(r.thread);
      expect(await s.loadItem("thr_1", "msg_deep", "u1"), name).toEqual(r.item);
      expect(await s.loadAttachment("atc_deep", "u1"), name).toEqual(r.attachment);
    }
  });

  for (const depth of [MAX_JSON_DEPTH + 1, 5_000, 100_000]) {
    it(`C-ERR: ${depth} levels is the same InvalidArgumentError naming the record on both stores, for every write; nothing written`, async () => {
      const stores = await fresh();
      for (const [method, argument, write] of writes(records(depth))) {
        const errors = [];
        for (const [name, s] of stores) {
          const e = await errorOf(() => write(s));
          expect(e?.name, `${name} ${method}: ${e}`).toBe("InvalidArgumentError");
          expect(e.method).toBe(method);
          expect(e.argument).toBe(argument);
          expect(e.message).toBe(`[chatkit-testkit] ${method}: ${argument} nests deeper than 512 levels of objects and arrays (the limit of every bundled store)`);
          errors.push(e.message);
        }
        expect(new Set(errors).size).toBe(1);
      }
      for (const [name, s] of stores) {
        await expect(s.loadThread("thr_deep", "u1"), name).rejects.toThrow(expect.objectContaining({ name: "NotFoundError" }));
        expect((await s.loadThreadItems("thr_1", null, 10, "asc", "u1")).data, name).toEqual([]);
        await expect(s.loadAttachment("atc_deep", "u1"), name).rejects.toThrow(expect.objectContaining({ name: "NotFoundError" }));
      }
    });
  }
});
