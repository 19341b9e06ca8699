import { describe, expect, it } from "vitest";
import { InMemoryStore, type ThreadItem } from "chatkit-testkit";
import { ORDERS, alice, allIds, bob, expectNotFound, expectWalk, item, itemsOf, thread, threadsOf } from "./support.js";

const T0 = "2026-01-01T00:00:00Z";
const T1 = "2026-01-01T00:00:01Z";
const T2 = "2026-01-01T00:00:02Z";
const T3 = "2026-01-01T00:00:03Z";
const empty = { data: [], has_more: false, after: null };

/** A thread with items a (T1), b (T2), c (T3). */
async function threadWithItems() {
  const store = new InMemoryStore();
  await store.saveThread(thread("thr_1", T0), alice);
  for (const [id, at] of [["a", T1], ["b", T2], ["c", T3]] as const) await store.addThreadItem("thr_1", item(id, "thr_1", at), alice);
  return store;
}

describe("C-THREAD-SAVE", () => {
  it("C-THREAD-SAVE: a Thread with items is stored as metadata only; its items are ignored and stored items untouched", async () => {
    const store = await threadWithItems();
    const withItems = {
      ...thread("thr_1", T0, { title: "renamed" }),
      items: { data: [item("ghost", "thr_1", T0), item("b", "thr_1", T0, { changed: true })], has_more: true, after: "ghost" },
    };
    await store.saveThread(withItems, alice);
    const loaded = await store.loadThread("thr_1", alice);
    expect(loaded).toStrictEqual(thread("thr_1", T0, { title: "renamed" }));
    expect("items" in loaded).toBe(false);
    expect((await store.loadThreadItems("thr_1", null, 10, "asc", alice)).data).toStrictEqual([item("a", "thr_1", T1), item("b", "thr_1", T2), item("c", "thr_1", T3)]);
    expect((await store.loadThreads(10, null, "asc", alice)).data[0]).not.toHaveProperty("items");
    expect(store.snapshot().alice!.threads[0]).not.toHaveProperty("items");
  });

  it("C-THREAD-SAVE: a new Thread with items creates the thread without items", async () => {
    const store = new InMemoryStore();
    const withItems = { ...thread("thr_new"), items: { data: [item("x", "thr_new")], has_more: false, after: null } };
    await store.saveThread(withItems, alice);
    expect(await store.loadThreadItems("thr_new", null, 10, "asc", alice)).toEqual(empty);
  });

  it("C-THREAD-SAVE: re-saving is a full replace (an optional field left out is gone), not a merge", async () => {
    const store = new InMemoryStore();
    await store.saveThread(thread("thr_1", T0, { title: "t", metadata: { a: 1 }, status: { type: "locked", reason: "r" } }), alice);
    await store.saveThread(thread("thr_1", T0, { metadata: { b: 2 } }), alice);
    expect(await store.loadThread("thr_1", alice)).toStrictEqual(thread("thr_1", T0, { metadata: { b: 2 } }));
    expect(await allIds(threadsOf(store, alice))).toEqual(["thr_1"]);
  });

  it("C-THREAD-SAVE: re-saving keeps the thread's place among ties, in both orders", async () => {
    const store = new InMemoryStore();
    for (const id of ["t1", "t2", "t3"]) await store.saveThread(thread(id, T1), alice);
    await store.saveThread(thread("t0", T0), alice);
    await store.saveThread(thread("t4", T2), alice);
    const asc = ["t0", "t1", "t2", "t3", "t4"];
    for (const id of ["t1", "t3", "t2", "t1"]) {
      await store.saveThread(thread(id, T1, { title: `re-saved ${id}` }), alice);
      for (const order of ORDERS) for (const limit of [1, 2, 5]) await expectWalk(threadsOf(store, alice), limit, order, order === "asc" ? asc : [...asc].reverse());
    }
    // the same instant in another spelling is still a tie: no move either
    await store.saveThread(thread("t1", "2026-01-01T01:00:01+01:00"), alice);
    expect(await allIds(threadsOf(store, alice))).toEqual(asc);
  });

  it("C-THREAD-SAVE: re-saving with a new created_at moves the thread to its new ordered position", async () => {
    const store = new InMemoryStore();
    for (const [id, at] of [["t1", T1], ["t2", T2], ["t3", T3]] as const) await store.saveThread(thread(id, at), alice);
    await store.saveThread(thread("t1", "2026-01-01T00:00:02.5Z"), alice);
    expect(await allIds(threadsOf(store, alice))).toEqual(["t2", "t1", "t3"]);
    await store.saveThread(thread("t3", T0), alice);
    expect(await allIds(threadsOf(store, alice))).toEqual(["t3", "t2", "t1"]);
    expect(await allIds(threadsOf(store, alice), "desc")).toEqual(["t1", "t2", "t3"]);
    // and the moved thread is a valid cursor at its new place
    expect((await store.loadThreads(5, "t3", "asc", alice)).data.map((t) => t.id)).toEqual(["t2", "t1"]);
  });
});

describe("C-ITEM-ADD", () => {
  it("C-ITEM-ADD: adding an existing id replaces its data in place; no duplicate", async () => {
    const store = await threadWithItems();
    await store.addThreadItem("thr_1", item("b", "thr_1", T2, { version: 2 }), alice);
    await store.addThreadItem("thr_1", item("b", "thr_1", T2, { version: 3 }), alice);
    const page = await store.loadThreadItems("thr_1", null, 10, "asc", alice);
    expect(page.data).toStrictEqual([item("a", "thr_1", T1), item("b", "thr_1", T2, { version: 3 }), item("c", "thr_1", T3)]);
    expect(store.snapshot().alice!.items.thr_1).toHaveLength(3);
  });

  it("C-ITEM-ADD: the replaced item keeps its position even with a new created_at and type", async () => {
    const store = await threadWithItems();
    const changed: ThreadItem = { type: "hidden_context_item", id: "a", thread_id: "thr_1", created_at: "2027-01-01T00:00:00Z", content: "moved?" };
    await store.addThreadItem("thr_1", changed, alice);
    expect(await allIds(itemsOf(store, "thr_1", alice))).toEqual(["a", "b", "c"]);
    expect(await store.loadItem("thr_1", "a", alice)).toStrictEqual(changed);
    for (const order of ORDERS) for (const limit of [1, 2, 3, 4]) await expectWalk(itemsOf(store, "thr_1", alice), limit, order, order === "asc" ? ["a", "b", "c"] : ["c", "b", "a"]);
  });

  it("C-ITEM-ADD: the item is stored under the threadId argument, its thread_id kept as given", async () => {
    const store = await threadWithItems();
    await store.saveThread(thread("thr_2", T0), alice);
    const stray = item("stray", "thr_2", T0);
    await store.addThreadItem("thr_1", stray, alice);
    expect(await store.loadItem("thr_1", "stray", alice)).toStrictEqual(stray); // thread_id "thr_2" round-trips
    await expectNotFound(store.loadItem("thr_2", "stray", alice), "item", "stray");
    expect(await store.loadThreadItems("thr_2", null, 10, "asc", alice)).toEqual(empty);
    expect(await allIds(itemsOf(store, "thr_1", alice))).toEqual(["stray", "a", "b", "c"]);
    await store.deleteThread("thr_1", alice);
    await expectNotFound(store.loadItem("thr_1", "stray", alice), "item");
  });

  it("C-ITEM-ADD: the same item id in two threads is two independent rows", async () => {
    const store = await threadWithItems();
    await store.saveThread(thread("thr_2", T0), alice);
    await store.addThreadItem("thr_2", item("a", "thr_2", T0, { in: "thr_2" }), alice);
    expect(await store.loadItem("thr_1", "a", alice)).toStrictEqual(item("a", "thr_1", T1));
    await store.deleteThreadItem("thr_2", "a", alice);
    expect(await allIds(itemsOf(store, "thr_1", alice))).toEqual(["a", "b", "c"]);
  });

  it("C-ITEM-ADD (lead's decision): adding into a thread missing from the caller's scope raises NotFoundError and writes nothing", async () => {
    const store = await threadWithItems();
    const before = store.snapshot();
    const e = await expectNotFound(store.addThreadItem("thr_missing", item("x", "thr_missing"), alice), "thread", "thr_missing");
    expect(e.message).toBe('[chatkit-testkit] addThreadItem: thread "thr_missing" not found');
    await expectNotFound(store.addThreadItem("thr_1", item("x", "thr_1"), bob), "thread", "thr_1");
    expect(store.snapshot()).toEqual(before);
    // and a deleted thread cannot pick items up again
    await store.deleteThread("thr_1", alice);
    await expectNotFound(store.addThreadItem("thr_1", item("late", "thr_1"), alice), "thread", "thr_1");
    expect(await store.loadThreadItems("thr_1", null, 10, "asc", alice)).toEqual(empty);
  });
});

describe("C-ITEM-SAVE", () => {
  it("C-ITEM-SAVE: an existing item is replaced in place even when created_at and type change", async () => {
    const store = await threadWithItems();
    const replaced: ThreadItem = { type: "assistant_message", id: "b", thread_id: "thr_1", created_at: "2020-01-01T00:00:00", content: [{ type: "output_text", text: "x", annotations: [] }] };
    await store.saveItem("thr_1", replaced, alice);
    expect(await allIds(itemsOf(store, "thr_1", alice))).toEqual(["a", "b", "c"]);
    expect(await allIds(itemsOf(store, "thr_1", alice), "desc")).toEqual(["c", "b", "a"]);
    expect(await store.loadItem("thr_1", "b", alice)).toStrictEqual(replaced);
    expect((await store.loadThreadItems("thr_1", "b", 10, "asc", alice)).data.map((i) => i.id)).toEqual(["c"]);
  });

  it("C-ITEM-SAVE: a missing item is inserted at its ordered position (middle, tie, front, end)", async () => {
    const store = await threadWithItems();
    await store.saveItem("thr_1", item("mid", "thr_1", "2026-01-01T00:00:01.5Z"), alice);
    await store.saveItem("thr_1", item("tie_b", "thr_1", T2), alice); // ties with b: after it
    await store.saveItem("thr_1", item("front", "thr_1", T0), alice);
    await store.saveItem("thr_1", item("end", "thr_1", "2026-01-01T00:00:03.000001Z"), alice);
    const asc = ["front", "a", "mid", "b", "tie_b", "c", "end"];
    for (const order of ORDERS) for (let limit = 1; limit <= asc.length + 1; limit++) await expectWalk(itemsOf(store, "thr_1", alice), limit, order, order === "asc" ? asc : [...asc].reverse());
  });

  it("C-ITEM-SAVE (lead's decision): saving into a thread missing from the caller's scope raises NotFoundError and writes nothing", async () => {
    const store = await threadWithItems();
    const before = store.snapshot();
    const e = await expectNotFound(store.saveItem("thr_missing", item("a", "thr_missing"), alice), "thread", "thr_missing");
    expect(e.message).toBe('[chatkit-testkit] saveItem: thread "thr_missing" not found');
    expect(store.snapshot()).toEqual(before);
    const fresh = new InMemoryStore();
    await expectNotFound(fresh.saveItem("thr_1", item("a", "thr_1"), alice), "thread");
    expect(fresh.snapshot()).toEqual({}); // not even an empty scope
  });
});

describe("C-MISSING-THREAD", () => {
  it("C-MISSING-THREAD: loadThreadItems on a thread never saved, deleted, or another scope's returns an empty page", async () => {
    const store = await threadWithItems();
    for (const order of ORDERS) for (const limit of [1, 20]) expect(await store.loadThreadItems("thr_never", null, limit, order, alice)).toEqual(empty);
    expect(await store.loadThreadItems("thr_1", null, 20, "asc", bob)).toEqual(empty);
    await store.deleteThread("thr_1", alice);
    expect(await store.loadThreadItems("thr_1", null, 20, "desc", alice)).toEqual(empty);
    expect(await new InMemoryStore().loadThreadItems("thr_1", null, 1, "asc", alice)).toEqual(empty);
  });

  it("C-MISSING-THREAD: a saved thread with no items returns an empty page too", async () => {
    const store = new InMemoryStore();
    await store.saveThread(thread("thr_1"), alice);
    expect(await store.loadThreadItems("thr_1", null, 5, "asc", alice)).toEqual(empty);
    await store.addThreadItem("thr_1", item("x", "thr_1"), alice);
    await store.deleteThreadItem("thr_1", "x", alice);
    expect(await store.loadThreadItems("thr_1", null, 5, "desc", alice)).toEqual(empty);
  });

  it("C-MISSING-THREAD: loadThread and loadItem on a missing thread raise NotFoundError", async () => {
    const store = new InMemoryStore();
    const e = await expectNotFound(store.loadThread("thr_x", alice), "thread", "thr_x");
    expect(e.message).toContain('"thr_x"'); // names the id (messages may improve; name, code, kind and id are stable)
    await expectNotFound(store.loadItem("thr_x", "msg_x", alice), "item", "msg_x");
  });
});

describe("C-DELETE", () => {
  it("C-DELETE: deleteThread removes the thread and all its items (no resurrection on re-create)", async () => {
    const store = await threadWithItems();
    await store.saveThread(thread("thr_2", T1), alice);
    await store.addThreadItem("thr_2", item("a", "thr_2"), alice);
    await store.deleteThread("thr_1", alice);
    await expectNotFound(store.loadThread("thr_1", alice), "thread");
    for (const id of ["a", "b", "c"]) await expectNotFound(store.loadItem("thr_1", id, alice), "item", id);
    expect(await allIds(threadsOf(store, alice))).toEqual(["thr_2"]);
    expect(await allIds(itemsOf(store, "thr_2", alice))).toEqual(["a"]);
    await store.saveThread(thread("thr_1", T0), alice);
    expect(await store.loadThreadItems("thr_1", null, 10, "asc", alice)).toEqual(empty);
    expect(store.snapshot().alice!.items).toEqual({ thr_2: [item("a", "thr_2")] });
  });

  it("C-DELETE: deleteThreadItem removes one item; the others keep their order and remain cursors", async () => {
    const store = await threadWithItems();
    await store.deleteThreadItem("thr_1", "b", alice);
    await expectNotFound(store.loadItem("thr_1", "b", alice), "item");
    for (const order of ORDERS) for (const limit of [1, 2, 3]) await expectWalk(itemsOf(store, "thr_1", alice), limit, order, order === "asc" ? ["a", "c"] : ["c", "a"]);
    // re-adding the id puts it at its ordered position again (it is a new row)
    await store.addThreadItem("thr_1", item("b", "thr_1", T2), alice);
    expect(await allIds(itemsOf(store, "thr_1", alice))).toEqual(["a", "b", "c"]);
  });

  it("C-DELETE: deleting a missing thread, item or attachment is a no-op, and deleting twice is too", async () => {
    const store = await threadWithItems();
    await store.saveAttachment({ type: "file", id: "atc_1", name: "n", mime_type: "text/plain" }, alice);
    const before = store.snapshot();
    await expect(store.deleteThread("thr_missing", alice)).resolves.toBeUndefined();
    await expect(store.deleteThreadItem("thr_1", "missing", alice)).resolves.toBeUndefined();
    await expect(store.deleteThreadItem("thr_missing", "a", alice)).resolves.toBeUndefined();
    await expect(store.deleteAttachment("atc_missing", alice)).resolves.toBeUndefined();
    await store.deleteThread("thr_x", { user_id: "nobody" });
    expect(store.snapshot()).toEqual(before);
    await store.deleteThreadItem("thr_1", "a", alice);
    await store.deleteThreadItem("thr_1", "a", alice);
    await store.deleteAttachment("atc_1", alice);
    await store.deleteAttachment("atc_1", alice);
    await store.deleteThread("thr_1", alice);
    await store.deleteThread("thr_1", alice);
    expect(store.snapshot()).toEqual({ alice: { threads: [], items: {}, attachments: [] } });
  });

  it("C-DELETE: attachment records survive deleteThread, even those with thread_id set", async () => {
    const store = await threadWithItems();
    const atc = { type: "file" as const, id: "atc_1", name: "n", mime_type: "text/plain", thread_id: "thr_1" };
    await store.saveAttachment(atc, alice);
    await store.deleteThread("thr_1", alice);
    expect(await store.loadAttachment("atc_1", alice)).toStrictEqual(atc);
  });
});

describe("C-ATTACH", () => {
  it("C-ATTACH: saveAttachment is an upsert (the server re-saves with thread_id set); one record, the last one", async () => {
    const store = new InMemoryStore();
    const created = { type: "image" as const, id: "atc_1", name: "cat.png", mime_type: "image/png", preview_url: "https://x.example/c.png", upload_descriptor: { url: "https://u.example", method: "PUT" as const } };
    await store.saveAttachment(created, alice);
    const used = { ...created, upload_descriptor: null, thread_id: "thr_1" };
    await store.saveAttachment(used, alice);
    expect(await store.loadAttachment("atc_1", alice)).toStrictEqual(used);
    expect(store.snapshot().alice!.attachments).toStrictEqual([used]);
    // a full replace: a key left out is gone
    await store.saveAttachment({ type: "file", id: "atc_1", name: "n", mime_type: "text/plain" }, alice);
    expect(await store.loadAttachment("atc_1", alice)).toStrictEqual({ type: "file", id: "atc_1", name: "n", mime_type: "text/plain" });
  });

  it("C-ATTACH: loadAttachment of a missing, deleted or foreign id raises NotFoundError", async () => {
    const store = new InMemoryStore();
    await expectNotFound(store.loadAttachment("atc_none", alice), "attachment", "atc_none");
    await store.saveAttachment({ type: "file", id: "atc_1", name: "n", mime_type: "text/plain" }, alice);
    await expectNotFound(store.loadAttachment("atc_1", bob), "attachment", "atc_1");
    await store.deleteAttachment("atc_1", alice);
    const e = await expectNotFound(store.loadAttachment("atc_1", alice), "attachment", "atc_1");
    expect(e.message).toContain('"atc_1"');
  });
});

describe("C-CONCURRENT", () => {
  it("C-CONCURRENT: 50 concurrent addThreadItem calls all land; a full walk sees each exactly once", async () => {
    const store = new InMemoryStore();
    await store.saveThread(thread("thr_1"), alice);
    const ids = Array.from({ length: 50 }, (_, n) => `msg_${String(n).padStart(2, "0")}`);
    // half in one tie group, half spread out, so both appends and middle inserts race
    const results = await Promise.all(ids.map((id, n) => store.addThreadItem("thr_1", item(id, "thr_1", n % 2 ? T1 : `2026-01-01T00:00:${String(50 - n).padStart(2, "0")}Z`), alice)));
    expect(results).toHaveLength(50);
    for (const limit of [1, 7, 50, 51]) {
      for (const order of ORDERS) {
        const seen: string[] = [];
        let after: string | null = null;
        do {
          const page: Awaited<ReturnType<typeof store.loadThreadItems>> = await store.loadThreadItems("thr_1", after, limit, order, alice);
          seen.push(...page.data.map((i) => i.id));
          after = page.after;
        } while (after !== null);
        expect(seen).toHaveLength(50);
        expect([...seen].sort()).toEqual(ids);
      }
    }
  });

  it("C-CONCURRENT: concurrent writers to several threads and scopes, duplicate adds and reads lose nothing", async () => {
    const store = new InMemoryStore();
    const users = [alice, bob];
    await Promise.all(users.flatMap((u) => ["thr_1", "thr_2"].map((t) => store.saveThread(thread(t), u))));
    const writes = users.flatMap((u) =>
      ["thr_1", "thr_2"].flatMap((t) =>
        Array.from({ length: 25 }, (_, n) => [
          store.addThreadItem(t, item(`m${n}`, t, T1), u),
          store.addThreadItem(t, item(`m${n}`, t, T1, { dup: true }), u), // same id again: replaced, not duplicated
          store.loadThreadItems(t, null, 5, "desc", u),
        ]).flat(),
      ),
    );
    await Promise.all(writes);
    for (const u of users) {
      for (const t of ["thr_1", "thr_2"]) {
        const rows = (await store.loadThreadItems(t, null, 100, "asc", u)).data;
        expect(rows.map((r) => r.id)).toEqual(Array.from({ length: 25 }, (_, n) => `m${n}`));
        for (const r of rows) expect(r).toHaveProperty("dup", true);
      }
    }
  });
});
