import { describe, expect, it } from "vitest";
import { InMemoryStore, type Page, type StoreSnapshot } from "chatkit-testkit";
import { sampleAttachments, sampleItems } from "../../src/harness/checks/samples.js";
import { ORDERS, alice, allIds, bob, expectNotFound, item, itemsOf, rejectionOf, thread, threadsOf } from "./support.js";

/** The shipped samples' attachment with every optional field set (metadata included), and the minimal one. */
const FULL = sampleAttachments().find((a) => a.id === "atc_file_full")!;
const MIN = sampleAttachments().find((a) => a.id === "atc_file_min")!;

const T = (s: number) => `2026-01-01T00:00:${String(s).padStart(2, "0")}Z`;

/** Two scopes; threads and items inserted out of order, with ties. */
async function populated() {
  const store = new InMemoryStore();
  for (const [id, s] of [["t_late", 9], ["t_tie1", 5], ["t_early", 1], ["t_tie2", 5]] as const) await store.saveThread(thread(id, T(s)), alice);
  for (const [id, s] of [["i_c", 3], ["i_a", 1], ["i_tie1", 2], ["i_tie2", 2]] as const) await store.addThreadItem("t_tie1", item(id, "t_tie1", T(s)), alice);
  await store.addThreadItem("t_late", item("only", "t_late", T(9)), alice);
  await store.saveAttachment(FULL, alice);
  await store.saveThread(thread("t_bob", T(0)), bob);
  return store;
}

describe("snapshot()", () => {
  it("snapshot is every scope's data in contract order", async () => {
    const store = await populated();
    const snap = store.snapshot();
    expect(Object.keys(snap).sort()).toEqual(["alice", "bob"]);
    expect(snap.alice!.threads.map((t) => t.id)).toEqual(["t_early", "t_tie1", "t_tie2", "t_late"]);
    expect(snap.alice!.items).toEqual({
      t_tie1: [item("i_a", "t_tie1", T(1)), item("i_tie1", "t_tie1", T(2)), item("i_tie2", "t_tie1", T(2)), item("i_c", "t_tie1", T(3))],
      t_late: [item("only", "t_late", T(9))],
    });
    expect(snap.alice!.attachments).toStrictEqual([FULL]);
    expect(snap.bob).toEqual({ threads: [thread("t_bob", T(0))], items: {}, attachments: [] });
    expect(new InMemoryStore().snapshot()).toEqual({});
  });

  it("C-ISOLATION: snapshot is a deep copy: mutating it does not change the store, and later writes do not change it", async () => {
    const store = await populated();
    const snap = store.snapshot();
    const copy = structuredClone(snap);
    snap.alice!.threads[0]!.title = "mutated";
    snap.alice!.threads.pop();
    snap.alice!.items.t_tie1![0]!.created_at = "1999-01-01T00:00:00Z";
    (snap.alice!.attachments[0]!.metadata as Record<string, unknown>).x = 1;
    delete snap.bob;
    expect(store.snapshot()).toEqual(copy);
    const again = store.snapshot();
    await store.saveThread(thread("t_new", T(0)), alice);
    await store.addThreadItem("t_tie1", item("i_new", "t_tie1", T(0)), alice);
    expect(again).toEqual(copy);
  });
});

describe("reset()", () => {
  it("reset removes everything from every scope", async () => {
    const store = await populated();
    store.reset();
    expect(store.snapshot()).toEqual({});
    expect(await store.loadThreads(10, null, "asc", alice)).toEqual({ data: [], has_more: false, after: null });
    await expectNotFound(store.loadAttachment(FULL.id, alice), "attachment");
    await expectNotFound(store.loadThread("t_bob", bob), "thread");
  });
});

describe("restore()", () => {
  it("restore(snapshot) reproduces identical pages for every limit, both orders, ties included", async () => {
    const original = await populated();
    const copy = new InMemoryStore();
    copy.restore(original.snapshot());
    expect(copy.snapshot()).toEqual(original.snapshot());
    for (const order of ORDERS) {
      for (let limit = 1; limit <= 5; limit++) {
        for (const [ctx, loaders] of [
          [alice, [threadsOf(original, alice), threadsOf(copy, alice)]],
          [alice, [itemsOf(original, "t_tie1", alice), itemsOf(copy, "t_tie1", alice)]],
          [bob, [threadsOf(original, bob), threadsOf(copy, bob)]],
        ] as const) {
          let after: string | null = null;
          do {
            const a: Page<{ id: string }> = await loaders[0](after, limit, order);
            const b: Page<{ id: string }> = await loaders[1](after, limit, order);
            expect(b, `${JSON.stringify(ctx)} ${order} ${limit}`).toEqual(a);
            after = a.after;
          } while (after !== null);
        }
      }
    }
    expect(await copy.loadAttachment(FULL.id, alice)).toStrictEqual(FULL);
  });

  it("restore replaces all state, and a store can go back to an earlier snapshot of itself", async () => {
    const store = await populated();
    const earlier = store.snapshot();
    await store.deleteThread("t_tie1", alice);
    await store.saveThread(thread("t_extra"), { user_id: "carol" });
    store.restore(earlier);
    expect(store.snapshot()).toEqual(earlier);
    expect(await allIds(itemsOf(store, "t_tie1", alice))).toEqual(["i_a", "i_tie1", "i_tie2", "i_c"]);
    await expectNotFound(store.loadThread("t_extra", { user_id: "carol" }), "thread");
    // later writes still land after the restored rows among ties
    await store.addThreadItem("t_tie1", item("i_tie3", "t_tie1", T(2)), alice);
    expect(await allIds(itemsOf(store, "t_tie1", alice))).toEqual(["i_a", "i_tie1", "i_tie2", "i_tie3", "i_c"]);
  });

  it("C-ERR: restore with a bad record throws and changes nothing", async () => {
    const store = await populated();
    const before = store.snapshot();
    const bad: StoreSnapshot = structuredClone(before);
    bad.bob!.threads.push(thread("t_bad", "not a time"));
    const e = await rejectionOf(Promise.resolve().then(() => store.restore(bad)));
    expect(e).toMatchObject({ name: "InvalidArgumentError", argument: "thread.created_at" });
    expect(store.snapshot()).toEqual(before);
    const orphan: StoreSnapshot = { x: { threads: [], items: { t_none: [item("i", "t_none")] }, attachments: [] } };
    await expectNotFound(Promise.resolve().then(() => store.restore(orphan)), "thread", "t_none");
    expect(store.snapshot()).toEqual(before);
  });
});

describe("seed()", () => {
  it("seed adds threads, their items in array order and attachments to the caller's scope", async () => {
    const store = new InMemoryStore();
    const items = sampleItems("thr_s");
    await store.seed({ threads: [thread("thr_s", T(1)), thread("thr_t", T(0))], items: { thr_s: items }, attachments: sampleAttachments("thr_s") }, alice);
    expect(Object.keys(store.snapshot())).toEqual(["alice"]);
    expect(await allIds(threadsOf(store, alice))).toEqual(["thr_t", "thr_s"]);
    for (const i of items) expect(await store.loadItem("thr_s", i.id, alice)).toStrictEqual(i);
    for (const a of sampleAttachments("thr_s")) expect(await store.loadAttachment(a.id, alice)).toStrictEqual(a);
    // items of an already stored thread may be seeded later; partial data is fine
    await store.seed({ items: { thr_t: [item("late", "thr_t")] } }, alice);
    expect(await allIds(itemsOf(store, "thr_t", alice))).toEqual(["late"]);
    await store.seed({}, alice);
  });

  it("C-ERR: seed with a bad record anywhere changes nothing", async () => {
    const store = await populated();
    const before = store.snapshot();
    const good = { threads: [thread("thr_new", T(1))], items: { thr_new: [item("i1", "thr_new")] }, attachments: [MIN] };
    const bads = [
      { ...good, threads: [...good.threads, thread("", T(1))] },
      { ...good, items: { thr_new: [item("i1", "thr_new"), { ...item("i2", "thr_new"), created_at: new Date() }] } },
      { ...good, attachments: [...good.attachments, { id: "atc_x" }] },
      { ...good, threads: [thread("thr_new", T(1), { metadata: { f: () => 0 } })] },
    ];
    for (const bad of bads) {
      const e = await rejectionOf(store.seed(bad as never, alice));
      expect(e.name).toBe("InvalidArgumentError");
      expect(e.method).toBe("seed");
      expect(store.snapshot()).toEqual(before);
    }
  });

  it("C-ERR (lead's decision): seed with items of an unknown or foreign thread raises NotFoundError and changes nothing", async () => {
    const store = await populated();
    const before = store.snapshot();
    const e = await expectNotFound(store.seed({ threads: [thread("thr_new")], items: { thr_none: [item("i", "thr_none")] } }, alice), "thread", "thr_none");
    expect(e.message).toContain("seed");
    await expectNotFound(store.seed({ items: { t_bob: [item("i", "t_bob")] } }, alice), "thread", "t_bob"); // bob's thread
    expect(store.snapshot()).toEqual(before);
  });
});

describe("snapshot()/restore() with hostile keys (issue 10, item 7)", () => {
  const own = (o: object, k: string) => Object.getOwnPropertyDescriptor(o, k)?.value;

  it('C-ROUNDTRIP, C-SCOPE: a scope, thread id and item map key named "__proto__" survive snapshot and restore as data', async () => {
    const store = new InMemoryStore<string>();
    for (const scope of ["__proto__", "constructor", "u1"]) {
      await store.saveThread(thread("__proto__", T(1)), scope);
      await store.addThreadItem("__proto__", item("__proto__", "__proto__", T(2)), scope);
      await store.saveAttachment({ ...MIN, id: "__proto__" }, scope);
    }
    const snap = store.snapshot();
    expect(Object.getPrototypeOf(snap)).toBe(Object.prototype);
    expect(Object.keys(snap).sort()).toEqual(["__proto__", "constructor", "u1"]);
    const protoScope = own(snap, "__proto__") as StoreSnapshot[string];
    expect(protoScope.threads.map((t) => t.id)).toEqual(["__proto__"]);
    expect(Object.keys(protoScope.items)).toEqual(["__proto__"]);
    expect((own(protoScope.items, "__proto__") as { id: string }[]).map((i) => i.id)).toEqual(["__proto__"]);

    const copy = new InMemoryStore<string>();
    copy.restore(snap);
    expect(copy.snapshot()).toEqual(snap);
    expect(Object.keys(copy.snapshot()).sort()).toEqual(["__proto__", "constructor", "u1"]);
    expect((await copy.loadThread("__proto__", "__proto__")).id).toBe("__proto__");
    expect(await allIds(itemsOf(copy, "__proto__", "__proto__"))).toEqual(["__proto__"]);
    expect((await copy.loadAttachment("__proto__", "__proto__")).id).toBe("__proto__");
    expect(({} as Record<string, unknown>).threads).toBeUndefined(); // nothing leaked onto Object.prototype
  });

  it("C-ISOLATION: enumerable inherited properties (a polluted Object.prototype) never become stored data", async () => {
    const store = new InMemoryStore<string>();
    await store.saveThread(thread("thr_1", T(1), { metadata: { a: 1 } }), "u1");
    await store.addThreadItem("thr_1", item("msg_1", "thr_1", T(2)), "u1");
    await store.saveAttachment(MIN, "u1");
    const proto = Object.prototype as Record<string, unknown>;
    let snap: StoreSnapshot;
    let loaded: unknown;
    let loadedItems: Page<unknown>;
    try {
      proto.polluted = "yes"; // enumerable, inherited by every object
      snap = store.snapshot();
      loaded = await store.loadThread("thr_1", "u1");
      loadedItems = await store.loadThreadItems("thr_1", null, 10, "asc", "u1");
      store.restore(snap);
    } finally {
      delete proto.polluted;
    }
    const hasPolluted = (v: unknown): boolean =>
      v !== null && typeof v === "object" && (Object.hasOwn(v, "polluted") || Object.values(v).some(hasPolluted));
    expect(hasPolluted(snap)).toBe(false);
    expect(hasPolluted(loaded)).toBe(false);
    expect(hasPolluted(loadedItems.data)).toBe(false);
    expect(hasPolluted(store.snapshot())).toBe(false);
    expect(store.snapshot()).toEqual(snap);
  });

  it("C-ISOLATION: restore reads only a snapshot's own fields (inherited threads/items/attachments are ignored)", () => {
    const store = new InMemoryStore<string>();
    const proto = Object.prototype as Record<string, unknown>;
    try {
      proto.threads = [thread("thr_evil", T(1))];
      store.restore({ u1: Object.assign(Object.create(null), { threads: [], items: {}, attachments: [] }), u2: {} as never });
    } finally {
      delete proto.threads;
    }
    expect(store.snapshot()).toEqual({ u1: { threads: [], items: {}, attachments: [] }, u2: { threads: [], items: {}, attachments: [] } });
  });
});

/**
 * What `snapshot()` shows after contract calls: the calls' outcomes through the Store API are the
 * harness's to judge; these assert the store's own view of its state (no empty scope left behind, one
 * row per id, nothing of a rejected call).
 */
describe("snapshot() after each kind of call", () => {
  const file = (id: string, name = "a.txt") => ({ type: "file" as const, id, name, mime_type: "text/plain" });
  const T1 = T(1);
  async function threadWithItems() {
    const store = new InMemoryStore();
    await store.saveThread(thread("thr_1", T(0)), alice);
    for (const [id, s] of [["a", 1], ["b", 2], ["c", 3]] as const) await store.addThreadItem("thr_1", item(id, "thr_1", T(s)), alice);
    return store;
  }

  it("C-THREAD-SAVE: a Thread saved with items is stored without them", async () => {
    const store = await threadWithItems();
    const withItems = { ...thread("thr_1", T(0), { title: "renamed" }), items: { data: [item("ghost", "thr_1")], has_more: false, after: null } };
    await store.saveThread(withItems, alice);
    expect(store.snapshot().alice!.threads[0]).toStrictEqual(thread("thr_1", T(0), { title: "renamed" }));
    expect(store.snapshot().alice!.items.thr_1!.map((i) => i.id)).toEqual(["a", "b", "c"]);
  });

  it("C-ITEM-ADD: adding an existing id twice leaves one row", async () => {
    const store = await threadWithItems();
    await store.addThreadItem("thr_1", item("b", "thr_1", T(2), { version: 2 }), alice);
    await store.addThreadItem("thr_1", item("b", "thr_1", T(2), { version: 3 }), alice);
    expect(store.snapshot().alice!.items.thr_1).toStrictEqual([item("a", "thr_1", T(1)), item("b", "thr_1", T(2), { version: 3 }), item("c", "thr_1", T(3))]);
  });

  it("C-ITEM-ADD, C-ITEM-SAVE, C-SCOPE: a write refused for a missing or foreign thread changes nothing and creates no scope", async () => {
    const store = await threadWithItems();
    const before = store.snapshot();
    await expectNotFound(store.addThreadItem("thr_missing", item("x", "thr_missing"), alice), "thread", "thr_missing");
    await expectNotFound(store.saveItem("thr_missing", item("a", "thr_missing"), alice), "thread", "thr_missing");
    await expectNotFound(store.addThreadItem("thr_1", item("x", "thr_1"), bob), "thread", "thr_1");
    await expectNotFound(store.saveItem("thr_1", item("a", "thr_1", T1, { marker: "bob" }), bob), "thread", "thr_1");
    expect(store.snapshot()).toEqual(before);
    expect(Object.keys(store.snapshot())).toEqual(["alice"]);
    const fresh = new InMemoryStore();
    await expectNotFound(fresh.saveItem("thr_1", item("a", "thr_1"), alice), "thread");
    expect(fresh.snapshot()).toEqual({});
  });

  it("C-DELETE: deleteThread drops the thread's item list; deletes of missing records, or from another scope, change nothing and create no scope", async () => {
    const store = await threadWithItems();
    await store.saveThread(thread("thr_2", T1), alice);
    await store.addThreadItem("thr_2", item("a", "thr_2"), alice);
    await store.saveAttachment(file("atc_1"), alice);
    await store.deleteThread("thr_1", alice);
    expect(store.snapshot().alice!.items).toEqual({ thr_2: [item("a", "thr_2")] });
    const before = store.snapshot();
    await store.deleteThread("thr_missing", alice);
    await store.deleteThreadItem("thr_2", "missing", alice);
    await store.deleteThreadItem("thr_missing", "a", alice);
    await store.deleteAttachment("atc_missing", alice);
    await store.deleteThread("thr_2", bob);
    await store.deleteThreadItem("thr_2", "a", bob);
    await store.deleteAttachment("atc_1", bob);
    await store.deleteThread("thr_x", { user_id: "nobody" });
    expect(store.snapshot()).toEqual(before);
    for (let twice = 0; twice < 2; twice++) {
      await store.deleteThreadItem("thr_2", "a", alice);
      await store.deleteAttachment("atc_1", alice);
      await store.deleteThread("thr_2", alice);
    }
    expect(store.snapshot()).toEqual({ alice: { threads: [], items: {}, attachments: [] } });
  });

  it("C-ATTACH: saveAttachment of an id again keeps one record, the last one", async () => {
    const store = new InMemoryStore();
    const created = { type: "image" as const, id: "atc_1", name: "cat.png", mime_type: "image/png", preview_url: "https://x.example/c.png", upload_descriptor: { url: "https://u.example", method: "PUT" as const } };
    await store.saveAttachment(created, alice);
    const used = { ...created, upload_descriptor: null, thread_id: "thr_1" };
    await store.saveAttachment(used, alice);
    expect(store.snapshot().alice!.attachments).toStrictEqual([used]);
  });

  it("C-ERR: a rejected call (bad limit, order, cursor type or record) leaves the snapshot as it was", async () => {
    const store = await threadWithItems();
    const before = store.snapshot();
    const calls = [
      () => store.loadThreads(0, null, "asc", alice),
      () => store.loadThreadItems("thr_1", null, 5, "ASC" as never, alice),
      () => store.loadThreadItems("thr_1", 5 as never, 5, "asc", alice),
      () => store.addThreadItem("thr_1", { ...item("d", "thr_1"), created_at: "yesterday" }, alice),
      () => store.saveItem("thr_1", { ...item("a", "thr_1"), id: "" }, alice),
      () => store.saveThread({ ...thread("thr_1"), metadata: { f: () => 0 } } as never, alice),
      () => store.saveAttachment({ id: "atc_x" } as never, alice),
    ];
    for (const call of calls) {
      expect((await rejectionOf(call())).name).toBe("InvalidArgumentError");
      expect(store.snapshot()).toEqual(before);
    }
  });

  const KEYS = ["a", "ab", "a%", "a_", "%", "_", "*", "a*", "a:b", "a:", ":b", "'", '"', "a'b", "\\", "é", "e\u0301", "🧵", " ", " a", "a "];
  it(`C-SCOPE: ${KEYS.length} scope keys that are prefixes of each other or hold % _ * : quotes and unicode are ${KEYS.length} scopes in the snapshot`, async () => {
    const store = new InMemoryStore<string>();
    for (const key of KEYS) {
      await store.saveThread(thread("thr_same", T(0), { title: key }), key);
      await store.saveAttachment(file("atc_same", key), key);
    }
    expect(Object.keys(store.snapshot()).sort()).toEqual([...KEYS].sort());
    for (const key of KEYS) expect(store.snapshot()[key]!.threads[0]!.title).toBe(key);
  });

  it('C-SCOPE: the snapshot is keyed by the scope each option derives: user_id/userId, "single-tenant" (""), a scope function', async () => {
    const byUser = new InMemoryStore<unknown>();
    await byUser.saveThread(thread("thr_1"), { user_id: "u1", other: 1 });
    await byUser.saveThread(thread("thr_2"), { userId: "u1" });
    for (const ctx of [undefined, null, {}, { tenant: "x" }, { user_id: "" }, 42, [], ""]) await rejectionOf(byUser.saveThread(thread("thr_shared"), ctx));
    expect(Object.keys(byUser.snapshot())).toEqual(["u1"]);
    expect(byUser.snapshot().u1!.threads.map((t) => t.id)).toEqual(["thr_1", "thr_2"]);

    const single = new InMemoryStore<unknown>({ scope: "single-tenant" });
    for (const ctx of [undefined, { user_id: "u1" }, 42]) await single.saveThread(thread(`thr_${String(ctx)}`), ctx);
    expect(Object.keys(single.snapshot())).toEqual([""]);

    const byTenant = new InMemoryStore<{ tenant: string; user: string }>({ scope: (c) => c.tenant });
    await byTenant.saveThread(thread("thr_1"), { tenant: "t1", user: "u1" });
    await byTenant.addThreadItem("thr_1", item("msg_1", "thr_1"), { tenant: "t1", user: "u2" });
    expect(Object.keys(byTenant.snapshot())).toEqual(["t1"]);
    expect(byTenant.snapshot().t1!.items.thr_1!.map((i) => i.id)).toEqual(["msg_1"]);
  });
});
