/**
 * Validate-then-copy is one step (issue 10, item 5): a store reads each property of a record once, checks
 * that copy and stores exactly it. A getter or proxy that answers differently on a second read can
 * neither smuggle an unchecked value in (an `id` of 42 that breaks every later listing) nor leave an
 * index entry under one id and a row under another.
 */
import { describe, expect, it } from "vitest";
import { InMemoryStore, type Store } from "chatkit-testkit";
import { createPgMemStore } from "chatkit-testkit/postgres";

type AnyStore = Store<unknown, any>;
const ctx = { user_id: "u1" };

/** An object whose `key` answers `first` on the first read and `later` on every other read; counts reads. */
function fickle<T extends object>(base: T, key: string, first: unknown, later: unknown): { value: T; reads: () => number } {
  let reads = 0;
  const value = { ...base };
  Object.defineProperty(value, key, {
    enumerable: true,
    get: () => (reads++ === 0 ? first : later),
  });
  return { value, reads: () => reads };
}

const STORES: readonly [string, () => Promise<AnyStore>][] = [
  ["InMemoryStore", async () => new InMemoryStore()],
  ["PostgresStore on pg-mem", async () => (await createPgMemStore()) as unknown as AnyStore],
];

describe.each(STORES)("%s", (_name, make) => {
  it("a thread id that is valid on the first read and 42 later is stored as the valid id, read once", async () => {
    const store = await make();
    const t = fickle({ created_at: "2026-01-01T00:00:00Z" }, "id", "thr_1", 42);
    await store.saveThread(t.value as never, ctx);
    expect(t.reads()).toBe(1);
    expect((await store.loadThreads(10, null, "asc", ctx)).data).toEqual([{ id: "thr_1", created_at: "2026-01-01T00:00:00Z" }]);
    expect(await store.loadThread("thr_1", ctx)).toEqual({ id: "thr_1", created_at: "2026-01-01T00:00:00Z" });
  });

  it("an item id that changes between reads leaves one row under the checked id, findable and deletable (no ghost in the index)", async () => {
    const store = await make();
    await store.saveThread({ id: "thr_1", created_at: "2026-01-01T00:00:00Z" }, ctx);
    const i = fickle({ type: "end_of_turn", thread_id: "thr_1", created_at: "2026-01-01T00:00:01Z" }, "id", "msg_1", "msg_other");
    await store.addThreadItem("thr_1", i.value as never, ctx);
    expect(i.reads()).toBe(1);
    expect((await store.loadThreadItems("thr_1", null, 10, "asc", ctx)).data.map((x) => x.id)).toEqual(["msg_1"]);
    await store.deleteThreadItem("thr_1", "msg_1", ctx);
    expect((await store.loadThreadItems("thr_1", null, 10, "asc", ctx)).data).toEqual([]);
  });

  it("a created_at that is valid on the first read and a Date later is stored as the checked string", async () => {
    const store = await make();
    const t = fickle({ id: "thr_1" }, "created_at", "2026-01-01T00:00:00Z", new Date(0));
    await store.saveThread(t.value as never, ctx);
    expect(t.reads()).toBe(1);
    expect(await store.loadThread("thr_1", ctx)).toEqual({ id: "thr_1", created_at: "2026-01-01T00:00:00Z" });
  });

  it("a proxy's nested value is read once: what strict validation saw is what is stored", async () => {
    const store = await make();
    let reads = 0;
    const content = new Proxy([{ type: "input_text", text: "hi" }], {
      get(target, key, receiver) {
        if (key === "0") reads++;
        return key === "0" && reads > 1 ? { type: "bogus" } : Reflect.get(target, key, receiver);
      },
    });
    await store.saveThread({ id: "thr_1", created_at: "2026-01-01T00:00:00Z" }, ctx);
    const item = { type: "user_message", id: "msg_1", thread_id: "thr_1", created_at: "2026-01-01T00:00:01Z", content, attachments: [], inference_options: {} };
    await store.addThreadItem("thr_1", item as never, ctx);
    expect(reads).toBe(1);
    expect((await store.loadItem("thr_1", "msg_1", ctx)).content).toEqual([{ type: "input_text", text: "hi" }]);
  });
});
