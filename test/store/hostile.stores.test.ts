/**
 * Hostile input found by attacking the store kernel (issue 10), on every bundled store (InMemoryStore,
 * PostgresStore on pg-mem and on the run's real PostgreSQL): a polluted Object.prototype, getters that
 * throw on a second read, class instances disguised by an `items` field, huge keys in messages, -0, U+0000
 * and lone surrogates in text, `__proto__` and `constructor` as data keys, the ids a store generates (C-ID)
 * and the `generateId` option, and caller-supplied ids as ids and cursors. Then what only one store has:
 * malformed seed or snapshot data (InMemoryStore) and bad options of createPgMemStore.
 */
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { ID_PREFIXES, InMemoryStore, STORE_ITEM_TYPES, isInvalidArgumentError, type Store, type StoreItemType } from "chatkit-testkit";
import { createPgMemStore } from "chatkit-testkit/postgres";
import { titleOf } from "../postgres/backends.js";
import { bundledBackends, onBackend } from "./bundled.js";
import { allIds, item, itemsOf, thread, threadsOf } from "../support/stores.js";

type AnyStore = Store<unknown, any>;
const ctx = { user_id: "u1" };
const T = { id: "thr_1", created_at: "2026-01-01T00:00:00Z" };

const BACKENDS = bundledBackends();

afterAll(async () => {
  for (const b of BACKENDS) await b.close();
});

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

// ---------------------------------------------------------------- the kernel's reading of records and contexts, on every bundled store

describe.each(BACKENDS.map((b) => [titleOf(b), b] as const))("%s: polluted prototypes, fickle getters, disguised instances, huge keys, -0", (_title, backend) => {
  const { test, store, scope } = onBackend(backend, "kernel");

  test("C-SCOPE: a user_id inherited from a polluted Object.prototype is not a scope key: {} still fails closed", async () => {
    const victim = scope();
    await store().saveThread(T, victim);
    // The pollution is set only around the call: pg-mem itself breaks while the prototype is polluted.
    const error = await polluted("user_id", victim.user_id, () => rejection(() => store().loadThreads(10, null, "asc", {})));
    expect(error).toMatchObject({ name: "InvalidArgumentError", argument: "context" });
  });

  test("C-ERR: an id inherited from a polluted Object.prototype is no id: the record is refused", async () => {
    const c = scope();
    // Checked before any SQL, so the pollution ends before pg-mem runs a statement.
    const error = await polluted("id", "polluted", () => rejection(() => store().saveThread({ created_at: T.created_at } as never, c)));
    expect(error).toMatchObject({ name: "InvalidArgumentError", argument: "thread.id" });
    expect((await store().loadThreads(10, null, "asc", c)).data).toEqual([]);
  });

  test("C-ERR: a class instance or a Date with an items field is still refused as not plain JSON", async () => {
    const c = scope();
    class Thread {
      id = "thr_x";
      created_at = T.created_at;
      items = [];
    }
    expect(await rejection(() => store().saveThread(new Thread() as never, c))).toMatchObject({ name: "InvalidArgumentError", argument: "thread" });
    expect(await rejection(() => store().saveThread(Object.assign(new Date(0), { items: [] }) as never, c))).toMatchObject({ name: "InvalidArgumentError" });
    expect((await store().loadThreads(10, null, "asc", c)).data).toEqual([]);
  });

  test("C-ERR: a record is read once even when it is refused: a getter that throws on a second read cannot replace the typed error", async () => {
    const c = scope();
    let reads = 0;
    const thread = {
      get id() {
        if (reads++ > 0) throw new Error("second read of id");
        return "thr_1";
      },
      created_at: T.created_at,
      bad: Number.NaN,
    };
    expect(await rejection(() => store().saveThread(thread as never, c))).toMatchObject({ name: "InvalidArgumentError", argument: "thread.bad" });
    expect(reads).toBe(1);
  });

  test("C-ERR: a 1 MB key in a refused record is cut in the message and the argument", async () => {
    const c = scope();
    const key = "k".repeat(1_000_000);
    const error = await rejection(() => store().saveThread({ ...T, metadata: { [key]: { deeper: new Map() } } } as never, c));
    expect(isInvalidArgumentError(error)).toBe(true);
    expect(error.message.length).toBeLessThan(600);
    expect(error.argument.length).toBeLessThan(300);
    expect(error.argument).toMatch(/^thread\.metadata\["k{100}"… \(1000000 characters\)\]\.deeper$/);
  });

  test("C-ROUNDTRIP: -0 comes back as 0 from every store (JSON has no -0)", async () => {
    const c = scope();
    await store().saveThread({ ...T, metadata: { x: -0 } } as never, c);
    const loaded = await store().loadThread("thr_1", c);
    expect(Object.is((loaded as { metadata: { x: number } }).metadata.x, 0)).toBe(true);
  });

  test("C-ID: generateItemId with an unknown item type names generateItemId and itemType", async () => {
    const c = scope();
    expect(() => store().generateItemId("nope" as never, T, c)).toThrow(expect.objectContaining({ name: "InvalidArgumentError", method: "generateItemId", argument: "itemType" }));
  });
});

// ---------------------------------------------------------------- strings, prototypes and ids, on every bundled store

/** Ids a caller may supply (C-ID): generated-looking, LIKE and glob metacharacters, quotes, SQL, unicode, twins, spaces. */
const CALLER_IDS = [
  "assistant-message-pending",
  "msg_68f0c5d2a7e08190a7b3c4d5e6f708090a1b2c3d",
  "100%_done:*",
  `it's "quoted" \\ back`,
  "Ünïcødé-🧵",
  "e\u0301", // "é" decomposed: a different id from the precomposed "é"
  "é",
  "SELECT * FROM threads; --",
  " leading and trailing ",
] as const;

/** Keys that are special to JavaScript objects, as own data keys (JSON.parse makes `__proto__` an own key). */
const prototypeKeys = () => JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}, "": "empty", "a.b": [1], "0": "zero"}') as Record<string, unknown>;

describe.each(BACKENDS.map((b) => [titleOf(b), b] as const))("%s: strings, prototypes and ids", (_title, backend) => {
  const { test, store, scope } = onBackend(backend, "hostile");

  test("C-ROUNDTRIP: U+0000 and lone surrogates in an item's text come back exactly, by loadItem and by loadThreadItems", async () => {
    const c = scope();
    const texts = ["\u0000", "a\u0000b", "שלום 👋 e\u0301 \u0000 \u2028", "\ud800", "x\udfff", "\udfff\ud800", "😀\ud83d", "\\u0000"];
    await store().saveThread(thread("thr_1"), c);
    const saved = [
      { type: "user_message", id: "msg_user", thread_id: "thr_1", created_at: "2026-01-01T00:00:01Z", content: texts.map((text) => ({ type: "input_text", text })), inference_options: {} },
      { type: "assistant_message", id: "msg_asst", thread_id: "thr_1", created_at: "2026-01-01T00:00:02Z", content: texts.map((text) => ({ type: "output_text", text, annotations: [] })) },
    ];
    for (const i of saved) await store().addThreadItem("thr_1", i as never, c);
    for (const i of saved) {
      const loaded = (await store().loadItem("thr_1", i.id, c)) as unknown as { content: { text: string }[] };
      expect(loaded).toStrictEqual(i);
      expect(loaded.content.map((p) => p.text)).toEqual(texts); // toEqual compares strings by ===: every code unit
      expect(loaded.content.map((p) => p.text.length)).toEqual(texts.map((t) => t.length));
    }
    expect((await store().loadThreadItems("thr_1", null, 10, "asc", c)).data).toStrictEqual(saved);
  });

  test("C-ROUNDTRIP: \"__proto__\" and \"constructor\" own keys stay plain data on load and listing; Object.prototype is untouched", async () => {
    const c = scope();
    await store().saveThread(thread("thr_1", undefined, { metadata: prototypeKeys() }), c);
    await store().addThreadItem("thr_1", item("msg_1", "thr_1", undefined, { type: "hidden_context_item", content: prototypeKeys() }), c);
    await store().saveAttachment({ type: "file", id: "atc_1", name: "a", mime_type: "text/plain", metadata: prototypeKeys() } as never, c);
    const loaded = [
      ((await store().loadThread("thr_1", c)) as { metadata: object }).metadata,
      ((await store().loadThreads(10, null, "asc", c)).data[0] as { metadata: object }).metadata,
      ((await store().loadItem("thr_1", "msg_1", c)) as { content: object }).content,
      ((await store().loadThreadItems("thr_1", null, 10, "asc", c)).data[0] as { content: object }).content,
      ((await store().loadAttachment("atc_1", c)) as { metadata: object }).metadata,
    ];
    for (const value of loaded) {
      expect(Object.keys(value)).toEqual(["0", "__proto__", "constructor", "", "a.b"]);
      expect(Object.getOwnPropertyDescriptor(value, "__proto__")?.value).toEqual({ polluted: true });
      expect(Object.getOwnPropertyDescriptor(value, "constructor")?.value).toEqual({ prototype: { polluted: true } });
      expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
      expect(JSON.stringify(value)).toBe(JSON.stringify(prototypeKeys()));
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.hasOwn(Object.prototype, "polluted")).toBe(false);
    expect(Object.prototype.constructor).toBe(Object);
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
  });

  test("C-ID: default ids are exactly <prefix>_<32 lowercase hex digits> for threads and every item type", () => {
    const c = scope();
    expect(store().generateThreadId(c)).toMatch(/^thr_[0-9a-f]{32}$/);
    for (const type of STORE_ITEM_TYPES) expect(store().generateItemId(type, thread("thr_1"), c), type).toMatch(new RegExp(`^${ID_PREFIXES[type]}_[0-9a-f]{32}$`));
    expect(store().generateItemId("thread", thread("thr_1"), c)).toMatch(/^thr_[0-9a-f]{32}$/);
    expect(store().generateItemId("attachment", thread("thr_1"), c)).toMatch(/^atc_[0-9a-f]{32}$/);
  });

  test("C-ID: the generators are synchronous (a string, not a promise) and 1000 ids of each kind are distinct", () => {
    const c = scope();
    const ids = new Set<string>();
    for (let n = 0; n < 1000; n++) {
      const a = store().generateThreadId(c);
      const b = store().generateItemId("message", thread("thr_1"), c);
      expect(typeof a).toBe("string");
      expect(typeof b).toBe("string");
      ids.add(a).add(b);
    }
    expect(ids.size).toBe(2000);
  });

  test("C-ID: generated ids round-trip as thread, item and attachment ids", async () => {
    const c = scope();
    const threadId = store().generateThreadId(c);
    await store().saveThread(thread(threadId), c);
    const itemId = store().generateItemId("message", thread(threadId), c);
    await store().addThreadItem(threadId, item(itemId, threadId), c);
    const attachmentId = store().generateItemId("attachment", thread(threadId), c);
    await store().saveAttachment({ type: "file", id: attachmentId, name: "a", mime_type: "text/plain" }, c);
    expect((await store().loadThread(threadId, c)).id).toBe(threadId);
    expect((await store().loadItem(threadId, itemId, c)).id).toBe(itemId);
    expect((await store().loadAttachment(attachmentId, c)).id).toBe(attachmentId);
  });

  test.each(CALLER_IDS)("C-ID: a caller-supplied id %j round-trips as thread, item and attachment id, cursors included", async (id) => {
    const c = scope();
    await store().saveThread(thread(id, "2026-01-01T00:00:00Z"), c);
    await store().saveThread(thread("thr_later", "2026-01-02T00:00:00Z"), c);
    await store().addThreadItem(id, item(id, id, "2026-01-01T00:00:00Z"), c);
    await store().addThreadItem(id, item("msg_later", id, "2026-01-02T00:00:00Z"), c);
    await store().saveAttachment({ type: "file", id, name: "n", mime_type: "text/plain" }, c);
    expect((await store().loadThread(id, c)).id).toBe(id);
    expect((await store().loadItem(id, id, c)).id).toBe(id);
    expect((await store().loadAttachment(id, c)).id).toBe(id);
    expect(await allIds(threadsOf(store(), c))).toEqual([id, "thr_later"]);
    expect((await store().loadThreads(5, id, "asc", c)).data.map((t) => t.id)).toEqual(["thr_later"]);
    expect((await store().loadThreads(5, "thr_later", "desc", c)).data.map((t) => t.id)).toEqual([id]);
    expect((await store().loadThreadItems(id, id, 5, "asc", c)).data.map((t) => t.id)).toEqual(["msg_later"]);
    expect(await allIds(itemsOf(store(), id, c), "desc")).toEqual(["msg_later", id]);
  });

  test("C-ID: the generateId option replaces the default generator; what it returns is checked like an id", async () => {
    const calls: StoreItemType[] = [];
    let n = 0;
    let produce: (type: StoreItemType) => unknown = (type) => `${type}-${++n}`;
    const own = (await backend.createStore({ generateId: (type) => (calls.push(type), produce(type) as string) })) as unknown as AnyStore;
    const c = scope();
    expect(own.generateThreadId(c)).toBe("thread-1");
    expect(own.generateItemId("sdk_hidden_context", thread("t"), c)).toBe("sdk_hidden_context-2");
    expect(own.generateItemId("attachment", thread("t"), c)).toBe("attachment-3");
    expect(calls).toEqual(["thread", "sdk_hidden_context", "attachment"]);
    const cases: readonly (readonly [unknown, string])[] = [
      ["", 'must return a non-empty string, got ""'],
      [5, "must return a non-empty string, got 5"],
      ["a\u0000", 'returned an id that contains U+0000, which no bundled store can hold (PostgreSQL text cannot), got "a\\u0000"'],
    ];
    for (const [value, problem] of cases) {
      produce = () => value;
      expect(() => own.generateThreadId(c)).toThrow(expect.objectContaining({ name: "InvalidArgumentError", method: "generateThreadId", argument: "options.generateId", message: `[chatkit-testkit] generateThreadId: options.generateId ${problem}` }));
      expect(() => own.generateItemId("message", thread("t"), c)).toThrow(expect.objectContaining({ name: "InvalidArgumentError", method: "generateItemId", argument: "options.generateId", message: `[chatkit-testkit] generateItemId: options.generateId ${problem}` }));
    }
    produce = () => "x".repeat(1025);
    expect(() => own.generateThreadId(c)).toThrow(/^\[chatkit-testkit\] generateThreadId: options\.generateId returned an id that is longer than 1024 UTF-8 bytes/);
    if (backend.name !== "InMemoryStore") await backend.destroyStore(own as never);
  });

  test("C-ID: a generateId option that is not a function is refused by the constructor, naming options.generateId", async () => {
    const owner = backend.name === "InMemoryStore" ? "InMemoryStore" : "PostgresStore"; // the class whose constructor checks its options
    await expect(backend.createStore({ generateId: 5 as never })).rejects.toThrow(
      expect.objectContaining({ name: "InvalidArgumentError", method: owner, argument: "options.generateId", message: `[chatkit-testkit] ${owner}: options.generateId must be a function of the item type, got 5` }),
    );
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
