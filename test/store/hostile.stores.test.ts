/**
 * Hostile input found by attacking the store kernel (issue 10), the same on both bundled stores: a polluted
 * Object.prototype, getters that throw on a second read, class instances disguised by an `items` field,
 * huge keys in messages, -0, and malformed seed or snapshot data.
 */
import { afterEach, describe, expect, it } from "vitest";
import { InMemoryStore, isInvalidArgumentError, type Store } from "chatkit-testkit";
import { createPgMemStore } from "chatkit-testkit/postgres";

type AnyStore = Store<unknown, any>;
const ctx = { user_id: "u1" };
const T = { id: "thr_1", created_at: "2026-01-01T00:00:00Z" };

const STORES: readonly [string, () => Promise<AnyStore>][] = [
  ["InMemoryStore", async () => new InMemoryStore()],
  ["PostgresStore on pg-mem", async () => (await createPgMemStore()) as unknown as AnyStore],
];

async function rejection(call: () => unknown): Promise<any> {
  try {
    await call();
  } catch (error) {
    return error;
  }
  throw new Error("expected a rejection");
}

/** Runs `fn` with `Object.prototype[key]` set, and always removes it again. */
async function polluted<T>(key: string, value: unknown, fn: () => Promise<T>): Promise<T> {
  Object.defineProperty(Object.prototype, key, { value, configurable: true, enumerable: false, writable: true });
  try {
    return await fn();
  } finally {
    delete (Object.prototype as Record<string, unknown>)[key];
  }
}

afterEach(() => {
  expect(Object.hasOwn(Object.prototype, "user_id") || Object.hasOwn(Object.prototype, "id")).toBe(false);
});

describe.each(STORES)("%s", (_name, make) => {
  it("C-SCOPE: a user_id inherited from a polluted Object.prototype is not a scope key: {} still fails closed", async () => {
    const store = await make();
    await store.saveThread(T, { user_id: "victim" });
    // The pollution is set only around the call: pg-mem itself breaks while the prototype is polluted.
    const error = await polluted("user_id", "victim", () => rejection(() => store.loadThreads(10, null, "asc", {})));
    expect(error).toMatchObject({ name: "InvalidArgumentError", argument: "context" });
  });

  it("C-ERR: an id inherited from a polluted Object.prototype is no id: the record is refused", async () => {
    const store = await make();
    // Checked before any SQL, so the pollution ends before pg-mem runs a statement.
    const error = await polluted("id", "polluted", () => rejection(() => store.saveThread({ created_at: T.created_at } as never, ctx)));
    expect(error).toMatchObject({ name: "InvalidArgumentError", argument: "thread.id" });
    expect((await store.loadThreads(10, null, "asc", ctx)).data).toEqual([]);
  });

  it("C-ERR: a class instance or a Date with an items field is still refused as not plain JSON", async () => {
    const store = await make();
    class Thread {
      id = "thr_x";
      created_at = T.created_at;
      items = [];
    }
    expect(await rejection(() => store.saveThread(new Thread() as never, ctx))).toMatchObject({ name: "InvalidArgumentError", argument: "thread" });
    expect(await rejection(() => store.saveThread(Object.assign(new Date(0), { items: [] }) as never, ctx))).toMatchObject({ name: "InvalidArgumentError" });
    expect((await store.loadThreads(10, null, "asc", ctx)).data).toEqual([]);
  });

  it("C-ERR: a record is read once even when it is refused: a getter that throws on a second read cannot replace the typed error", async () => {
    const store = await make();
    let reads = 0;
    const thread = {
      get id() {
        if (reads++ > 0) throw new Error("second read of id");
        return "thr_1";
      },
      created_at: T.created_at,
      bad: Number.NaN,
    };
    expect(await rejection(() => store.saveThread(thread as never, ctx))).toMatchObject({ name: "InvalidArgumentError", argument: "thread.bad" });
    expect(reads).toBe(1);
  });

  it("C-ERR: a 1 MB key in a refused record is cut in the message and the argument", async () => {
    const store = await make();
    const key = "k".repeat(1_000_000);
    const error = await rejection(() => store.saveThread({ ...T, metadata: { [key]: { deeper: new Map() } } } as never, ctx));
    expect(isInvalidArgumentError(error)).toBe(true);
    expect(error.message.length).toBeLessThan(600);
    expect(error.argument.length).toBeLessThan(300);
    expect(error.argument).toMatch(/^thread\.metadata\["k{100}"… \(1000000 characters\)\]\.deeper$/);
  });

  it("C-ROUNDTRIP: -0 comes back as 0 from every store (JSON has no -0)", async () => {
    const store = await make();
    await store.saveThread({ ...T, metadata: { x: -0 } } as never, ctx);
    const loaded = await store.loadThread("thr_1", ctx);
    expect(Object.is((loaded as { metadata: { x: number } }).metadata.x, 0)).toBe(true);
  });

  it("C-ID: generateItemId with an unknown item type names generateItemId and itemType", async () => {
    const store = await make();
    expect(() => store.generateItemId("nope" as never, T, ctx)).toThrow(expect.objectContaining({ name: "InvalidArgumentError", method: "generateItemId", argument: "itemType" }));
  });
});

describe("InMemoryStore seed and restore", () => {
  it("restore(snapshot()) keeps item order, also for an item whose created_at changed after it was added", async () => {
    const store = new InMemoryStore();
    await store.saveThread(T, ctx);
    await store.addThreadItem("thr_1", { type: "end_of_turn", id: "i1", thread_id: "thr_1", created_at: "2026-01-01T00:00:01Z" }, ctx);
    await store.addThreadItem("thr_1", { type: "end_of_turn", id: "i2", thread_id: "thr_1", created_at: "2026-01-01T00:00:02Z" }, ctx);
    await store.saveItem("thr_1", { type: "end_of_turn", id: "i1", thread_id: "thr_1", created_at: "2026-01-01T00:00:09Z" }, ctx); // keeps its place
    const order = async () => (await store.loadThreadItems("thr_1", null, 10, "asc", ctx)).data.map((i) => i.id);
    expect(await order()).toEqual(["i1", "i2"]);
    const snap = store.snapshot();
    store.restore(snap);
    expect(await order()).toEqual(["i1", "i2"]);
    // A snapshot that went through JSON keeps its array order too.
    store.restore(JSON.parse(JSON.stringify(snap)));
    expect(await order()).toEqual(["i1", "i2"]);
    expect((await store.loadThreadItems("thr_1", null, 10, "desc", ctx)).data.map((i) => i.id)).toEqual(["i2", "i1"]);
  });

  it.each([
    ["seed(null)", (s: InMemoryStore) => s.seed(null as never, ctx), "data"],
    ["seed({ threads: 5 })", (s: InMemoryStore) => s.seed({ threads: 5 } as never, ctx), "data.threads"],
    ["seed items not an array", (s: InMemoryStore) => s.seed({ threads: [T], items: { thr_1: 5 } } as never, ctx), 'data.items["thr_1"]'],
    ["seed items not an object", (s: InMemoryStore) => s.seed({ items: [] } as never, ctx), "data.items"],
    ["restore(null)", async (s: InMemoryStore) => s.restore(null as never), "snapshot"],
    ["restore a scope that is not an object", async (s: InMemoryStore) => s.restore({ u1: 5 } as never), 'snapshot["u1"]'],
    ["restore a bad record", async (s: InMemoryStore) => s.restore({ u1: { threads: [{ id: 5 }] } } as never), "thread.id"],
    ["restore a scope key past the limit", async (s: InMemoryStore) => s.restore({ ["k".repeat(600)]: { threads: [T] } } as never), undefined],
  ] as const)("%s is an InvalidArgumentError naming the method and the argument; nothing changes", async (_name, call, argument) => {
    const store = new InMemoryStore();
    await store.saveThread(T, ctx);
    const before = store.snapshot();
    const error = await rejection(() => call(store));
    expect(error).toMatchObject({ name: "InvalidArgumentError", method: _name.startsWith("seed") ? "seed" : "restore" });
    if (argument !== undefined) expect(error.argument).toBe(argument);
    expect(error.message.length).toBeLessThan(600);
    expect(store.snapshot()).toEqual(before);
  });

  it("restore with items of a thread the snapshot does not have names restore", () => {
    const store = new InMemoryStore();
    expect(() => store.restore({ u1: { threads: [], items: { zz: [] }, attachments: [] } })).toThrow(expect.objectContaining({ name: "NotFoundError", method: "restore" }));
  });
});

describe("createPgMemStore options", () => {
  it.each([null, 5, "x"])("createPgMemStore(%s) is an InvalidArgumentError naming options, as the constructors say", async (options) => {
    await expect(createPgMemStore(options as never)).rejects.toMatchObject({ name: "InvalidArgumentError", method: "createPgMemStore", argument: "options" });
  });
});
