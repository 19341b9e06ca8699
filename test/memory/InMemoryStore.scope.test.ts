import { describe, expect, it } from "vitest";
import { InMemoryStore } from "chatkit-testkit";
import { alice, allIds, bob, expectNotFound, item, itemsOf, thread, threadsOf } from "./support.js";

const file = (id: string, name = "a.txt") => ({ type: "file" as const, id, name, mime_type: "text/plain" });

/** Alice owns a thread, an item and an attachment; bob owns nothing yet. */
async function aliceOwnsEverything() {
  const store = new InMemoryStore();
  await store.saveThread(thread("thr_a", "2026-01-01T00:00:00Z", { title: "alice's" }), alice);
  await store.addThreadItem("thr_a", item("msg_a", "thr_a"), alice);
  await store.saveAttachment(file("atc_a", "alice.txt"), alice);
  return store;
}

describe("C-SCOPE: another scope's data behaves as if it did not exist", () => {
  it("C-SCOPE: loads of another scope's thread, item and attachment raise NotFoundError", async () => {
    const store = await aliceOwnsEverything();
    await expectNotFound(store.loadThread("thr_a", bob), "thread", "thr_a");
    await expectNotFound(store.loadItem("thr_a", "msg_a", bob), "item", "msg_a");
    await expectNotFound(store.loadAttachment("atc_a", bob), "attachment", "atc_a"); // upstream leaks these
  });

  it("C-SCOPE: pages of another scope are empty", async () => {
    const store = await aliceOwnsEverything();
    expect(await store.loadThreads(10, null, "asc", bob)).toEqual({ data: [], has_more: false, after: null });
    expect(await store.loadThreadItems("thr_a", null, 10, "asc", bob)).toEqual({ data: [], has_more: false, after: null });
  });

  it("C-SCOPE: another scope's ids are no cursors (threads and items)", async () => {
    const store = await aliceOwnsEverything();
    await store.saveThread(thread("thr_b"), bob);
    await store.addThreadItem("thr_b", item("msg_b", "thr_b"), bob);
    await expectNotFound(store.loadThreads(10, "thr_a", "asc", bob), "cursor", "thr_a");
    await expectNotFound(store.loadThreadItems("thr_b", "msg_a", 10, "asc", bob), "cursor", "msg_a");
  });

  it("C-SCOPE: deletes from another scope do not touch the data", async () => {
    const store = await aliceOwnsEverything();
    const before = store.snapshot();
    await store.deleteThread("thr_a", bob);
    await store.deleteThreadItem("thr_a", "msg_a", bob);
    await store.deleteAttachment("atc_a", bob);
    expect(store.snapshot()).toEqual(before);
    expect((await store.loadThread("thr_a", alice)).title).toBe("alice's");
    expect(await allIds(itemsOf(store, "thr_a", alice))).toEqual(["msg_a"]);
    expect((await store.loadAttachment("atc_a", alice)).name).toBe("alice.txt");
  });

  it("C-SCOPE: writes with the same ids in another scope create that scope's own records", async () => {
    const store = await aliceOwnsEverything();
    await store.saveThread(thread("thr_a", "2030-01-01T00:00:00Z", { title: "bob's" }), bob);
    await store.addThreadItem("thr_a", item("msg_a", "thr_a", "2030-01-01T00:00:00Z", { marker: "bob" }), bob);
    await store.saveAttachment(file("atc_a", "bob.txt"), bob);
    expect((await store.loadThread("thr_a", alice)).title).toBe("alice's");
    expect((await store.loadThread("thr_a", bob)).title).toBe("bob's");
    expect(await store.loadItem("thr_a", "msg_a", alice)).toEqual(item("msg_a", "thr_a"));
    expect(await store.loadItem("thr_a", "msg_a", bob)).toEqual(item("msg_a", "thr_a", "2030-01-01T00:00:00Z", { marker: "bob" }));
    expect((await store.loadAttachment("atc_a", alice)).name).toBe("alice.txt");
    expect((await store.loadAttachment("atc_a", bob)).name).toBe("bob.txt");
    // and deleting bob's copies leaves alice's
    await store.deleteThread("thr_a", bob);
    await store.deleteAttachment("atc_a", bob);
    expect(await allIds(itemsOf(store, "thr_a", alice))).toEqual(["msg_a"]);
    expect((await store.loadAttachment("atc_a", alice)).name).toBe("alice.txt");
  });

  it("C-SCOPE: items cannot be written into another scope's thread (NotFoundError, nothing written)", async () => {
    const store = await aliceOwnsEverything();
    const before = store.snapshot();
    await expectNotFound(store.addThreadItem("thr_a", item("msg_x", "thr_a"), bob), "thread", "thr_a");
    await expectNotFound(store.saveItem("thr_a", item("msg_a", "thr_a", undefined, { marker: "bob" }), bob), "thread", "thr_a");
    expect(store.snapshot()).toEqual(before);
    expect(Object.keys(store.snapshot())).toEqual(["alice"]); // no empty scope left behind for bob
  });

  // Scope keys that collide under naive string handling: prefixes, SQL LIKE wildcards, glob, separators,
  // quotes, unicode normalisation forms, whitespace (the empty key is no scope: C-SCOPE fails closed).
  const KEYS = ["a", "ab", "a%", "a_", "%", "_", "*", "a*", "a:b", "a:", ":b", "'", '"', "a'b", "\\", "é", "e\u0301", "🧵", " ", " a", "a "];

  it(`C-SCOPE: ${KEYS.length} scope keys that are prefixes of each other or contain % _ * : quotes and unicode stay apart`, async () => {
    const store = new InMemoryStore<string>(); // a string context is the scope key itself (defaultScope)
    for (const key of KEYS) {
      await store.saveThread(thread("thr_same", "2026-01-01T00:00:00Z", { title: key }), key);
      await store.addThreadItem("thr_same", item("msg_same", "thr_same", "2026-01-01T00:00:00Z", { owner: key }), key);
      await store.saveAttachment(file("atc_same", key), key);
    }
    expect(Object.keys(store.snapshot()).sort()).toEqual([...KEYS].sort());
    for (const key of KEYS) {
      expect((await store.loadThread("thr_same", key)).title).toBe(key);
      expect((await store.loadThreads(10, null, "asc", key)).data).toHaveLength(1);
      expect((await store.loadThreadItems("thr_same", null, 10, "asc", key)).data).toEqual([item("msg_same", "thr_same", "2026-01-01T00:00:00Z", { owner: key })]);
      expect((await store.loadAttachment("atc_same", key)).name).toBe(key);
    }
    // delete in every other scope; each deletion touches only its own scope
    for (const [n, key] of KEYS.entries()) if (n % 2 === 1) await store.deleteThread("thr_same", key);
    for (const [n, key] of KEYS.entries()) if (n % 2 === 1) await store.deleteAttachment("atc_same", key);
    for (const [n, key] of KEYS.entries()) {
      if (n % 2 === 1) {
        await expectNotFound(store.loadThread("thr_same", key), "thread");
        await expectNotFound(store.loadAttachment("atc_same", key), "attachment");
      } else {
        expect((await store.loadThread("thr_same", key)).title).toBe(key);
        expect(await allIds(itemsOf(store, "thr_same", key))).toEqual(["msg_same"]);
        expect((await store.loadAttachment("atc_same", key)).name).toBe(key);
      }
    }
  });

  it("C-SCOPE: the default scope reads user_id or userId; a context without one is an InvalidArgumentError, never a shared scope", async () => {
    const store = new InMemoryStore<unknown>();
    await store.saveThread(thread("thr_1"), { user_id: "u1", other: 1 });
    expect(await allIds(threadsOf(store, { userId: "u1" }))).toEqual(["thr_1"]);
    expect(await allIds(threadsOf(store, "u1"))).toEqual(["thr_1"]);
    expect(await allIds(threadsOf(store, { user_id: "u2" }))).toEqual([]);
    for (const ctx of [undefined, null, {}, { tenant: "x" }, { user_id: "" }, 42, [], ""]) {
      await expect(store.saveThread(thread("thr_shared"), ctx)).rejects.toThrow(expect.objectContaining({ name: "InvalidArgumentError", method: "saveThread", argument: "context" }));
      await expect(store.loadThreads(10, null, "asc", ctx)).rejects.toThrow(expect.objectContaining({ name: "InvalidArgumentError", method: "loadThreads", argument: "context" }));
    }
    expect(Object.keys(store.snapshot())).toEqual(["u1"]);
  });

  it('C-SCOPE: scope: "single-tenant" shares one scope (key "") across every context, by choice', async () => {
    const store = new InMemoryStore<unknown>({ scope: "single-tenant" });
    await store.saveThread(thread("thr_shared"), undefined);
    for (const ctx of [undefined, null, {}, { user_id: "u1" }, 42, ""]) expect(await allIds(threadsOf(store, ctx))).toEqual(["thr_shared"]);
    expect(Object.keys(store.snapshot())).toEqual([""]);
  });

  it("C-SCOPE: a scope function derives the key (here a tenant) for every method", async () => {
    type Ctx = { tenant: string; user: string };
    const store = new InMemoryStore<Ctx>({ scope: (c) => c.tenant });
    const t1u1 = { tenant: "t1", user: "u1" };
    const t1u2 = { tenant: "t1", user: "u2" };
    const t2u1 = { tenant: "t2", user: "u1" };
    await store.saveThread(thread("thr_1"), t1u1);
    await store.addThreadItem("thr_1", item("msg_1", "thr_1"), t1u2); // same tenant: allowed
    await store.saveAttachment(file("atc_1"), t1u1);
    expect((await store.loadItem("thr_1", "msg_1", t1u1)).id).toBe("msg_1");
    expect((await store.loadAttachment("atc_1", t1u2)).id).toBe("atc_1");
    await expectNotFound(store.loadThread("thr_1", t2u1), "thread");
    await expectNotFound(store.loadAttachment("atc_1", t2u1), "attachment");
    expect(Object.keys(store.snapshot())).toEqual(["t1"]);
  });
});
