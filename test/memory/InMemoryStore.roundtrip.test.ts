import { describe, expect, it } from "vitest";
import { DEFAULT_ID_HEX_DIGITS, ID_PREFIXES, InMemoryStore, STORE_ITEM_TYPES, type StoreItemType, type ThreadItem } from "chatkit-testkit";
import { CREATED_AT_FORMS, ODD_IDS, SAMPLE_ITEM_TYPES, sampleAttachments, sampleItems, sampleThreads } from "./samples.js";
import { alice, allIds, item, itemsOf, thread, threadsOf } from "./support.js";

// Both stores keep records exactly as given; the strict one also validates them (docs/decisions/record-validation.md).
const STORES = [
  ["default", () => new InMemoryStore()],
  ["strict", () => new InMemoryStore({ strict: true })],
] as const;

describe.each(STORES)("C-ROUNDTRIP (%s store)", (_name, create) => {
  it("C-ROUNDTRIP: every thread variant loads deep-equal, optional fields set, null or absent", async () => {
    const store = create();
    for (const t of sampleThreads()) await store.saveThread(t, alice);
    for (const t of sampleThreads()) {
      const loaded = await store.loadThread(t.id, alice);
      expect(loaded).toStrictEqual(t); // toStrictEqual: an absent key must stay absent, not become undefined
      expect(Object.keys(loaded)).toEqual(Object.keys(t));
    }
    const page = await store.loadThreads(100, null, "asc", alice);
    expect(page.data.map((t) => t.id).sort()).toEqual(sampleThreads().map((t) => t.id).sort());
    for (const t of page.data) expect(t).toStrictEqual(sampleThreads().find((s) => s.id === t.id));
  });

  it("C-ROUNDTRIP: all 11 item variants load deep-equal through loadItem and loadThreadItems", async () => {
    expect([...SAMPLE_ITEM_TYPES].sort()).toEqual(
      ["assistant_message", "client_tool_call", "end_of_turn", "generated_image", "hidden_context_item", "sdk_hidden_context", "structured_input", "task", "user_message", "widget", "workflow"],
    );
    const store = create();
    await store.saveThread(thread("thr_1"), alice);
    for (const i of sampleItems("thr_1")) await store.addThreadItem("thr_1", i, alice);
    for (const i of sampleItems("thr_1")) expect(await store.loadItem("thr_1", i.id, alice)).toStrictEqual(i);
    const page = await store.loadThreadItems("thr_1", null, 1000, "asc", alice);
    const byId = new Map(sampleItems("thr_1").map((i) => [i.id, i]));
    expect(page.data).toHaveLength(byId.size);
    for (const i of page.data) expect(i).toStrictEqual(byId.get(i.id));
  });

  it("C-ROUNDTRIP: every attachment variant loads deep-equal", async () => {
    const store = create();
    for (const a of sampleAttachments()) await store.saveAttachment(a, alice);
    for (const a of sampleAttachments()) expect(await store.loadAttachment(a.id, alice)).toStrictEqual(a);
  });

  it.each(CREATED_AT_FORMS)("C-ROUNDTRIP: created_at %s is kept exactly as given (threads and items)", async (createdAt) => {
    const store = create();
    await store.saveThread(thread("thr_1", createdAt), alice);
    await store.addThreadItem("thr_1", item("msg_1", "thr_1", createdAt), alice);
    expect((await store.loadThread("thr_1", alice)).created_at).toBe(createdAt);
    expect((await store.loadItem("thr_1", "msg_1", alice)).created_at).toBe(createdAt);
    expect((await store.loadThreads(1, null, "desc", alice)).data[0]!.created_at).toBe(createdAt);
    expect((await store.loadThreadItems("thr_1", null, 1, "desc", alice)).data[0]!.created_at).toBe(createdAt);
  });

  it("C-ROUNDTRIP: other accepted created_at spellings (space, lower-case t/z, comma, ±HHMM, ±HH, 9 digits) are never rewritten", async () => {
    const store = create();
    const forms = ["2026-01-02 03:04:05", "2026-01-02t03:04:05z", "2026-01-02T03:04:05,5", "2026-01-02T03:04+0130", "2026-01-02T03:04:05.123456789-07", "2026-01-01 01:00:00.1+01"];
    for (const [n, f] of forms.entries()) await store.saveThread(thread(`thr_${n}`, f), alice);
    for (const [n, f] of forms.entries()) expect((await store.loadThread(`thr_${n}`, alice)).created_at).toBe(f);
  });

  it("C-ROUNDTRIP: unicode and large payloads (1 MB text, 10k-element arrays, 100-deep metadata) round-trip", async () => {
    const store = create();
    let deep: Record<string, unknown> = { leaf: "🌳" };
    for (let d = 0; d < 100; d++) deep = { [`level_${d}`]: deep, arr: [d] };
    const big = "😀é\u0301中\u{10FFFF}".repeat(200_000);
    await store.saveThread(thread("thr_1", undefined, { title: big, metadata: { deep, list: Array.from({ length: 10_000 }, (_, i) => i) } }), alice);
    const loaded = await store.loadThread("thr_1", alice);
    expect(loaded.title).toBe(big);
    expect(loaded.metadata).toStrictEqual({ deep, list: Array.from({ length: 10_000 }, (_, i) => i) });
    const message: ThreadItem = { type: "assistant_message", id: "msg_big", thread_id: "thr_1", created_at: "2026-01-01T00:00:00", content: [{ type: "output_text", text: big, annotations: [] }] };
    await store.addThreadItem("thr_1", message, alice);
    expect(await store.loadItem("thr_1", "msg_big", alice)).toStrictEqual(message);
  });

  it("C-ROUNDTRIP: free-form metadata keeps unusual keys (\"__proto__\", \"constructor\", empty, dotted) as plain data", async () => {
    const store = create();
    const metadata = JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": 1}, "": "empty", "a.b": [1], "0": "zero"}');
    await store.saveThread(thread("thr_1", undefined, { metadata }), alice);
    const loaded = await store.loadThread("thr_1", alice);
    expect(Object.keys(loaded.metadata!)).toEqual(Object.keys(metadata));
    expect(Object.getOwnPropertyDescriptor(loaded.metadata, "__proto__")?.value).toEqual({ polluted: true });
    expect(Object.getPrototypeOf(loaded.metadata)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("C-ROUNDTRIP: unknown keys of newer or older SDKs are kept; properties set to undefined are dropped like JSON", async () => {
    const store = create();
    const t = { id: "thr_1", created_at: "2026-01-01T00:00:00Z", future_field: { x: [1] }, title: undefined };
    await store.saveThread(t as never, alice);
    expect(await store.loadThread("thr_1", alice)).toStrictEqual({ id: "thr_1", created_at: "2026-01-01T00:00:00Z", future_field: { x: [1] } });
  });
});

describe("C-ROUNDTRIP: records the strict model would reject (default store)", () => {
  it("C-ROUNDTRIP: an SDK item type this model does not know, and an attachment with upload_url, round-trip in the default store", async () => {
    const store = new InMemoryStore();
    await store.saveThread(thread("thr_1"), alice);
    const future = { type: "future_item", id: "msg_f", thread_id: "thr_1", created_at: "2026-01-01T00:00:00Z", payload: { a: 1 } };
    await store.addThreadItem("thr_1", future as never, alice);
    expect(await store.loadItem("thr_1", "msg_f", alice)).toStrictEqual(future);
    const old = { type: "file", id: "atc_1", name: "a", mime_type: "text/plain", upload_url: "https://u.example/a" };
    await store.saveAttachment(old as never, alice);
    expect(await store.loadAttachment("atc_1", alice)).toStrictEqual(old);
  });
});

describe("C-ISOLATION", () => {
  async function seeded() {
    const store = new InMemoryStore();
    const t = sampleThreads()[1]!;
    const i = sampleItems(t.id)[1]!;
    const a = sampleAttachments(t.id)[1]!;
    await store.saveThread(t, alice);
    await store.addThreadItem(t.id, i, alice);
    await store.saveAttachment(a, alice);
    return { store, t, i, a };
  }

  /** Mutates every nested part of a value. */
  function scribble(value: unknown): void {
    if (Array.isArray(value)) {
      for (const v of value) scribble(v);
      value.push("scribbled");
    } else if (value !== null && typeof value === "object") {
      const o = value as Record<string, unknown>;
      for (const k of Object.keys(o)) {
        if (o[k] !== null && typeof o[k] === "object") scribble(o[k]);
        else o[k] = "scribbled";
      }
      o.added = "scribbled";
    }
  }

  it("C-ISOLATION: mutating a thread, item or attachment after saving it does not change what is stored", async () => {
    const { store, t, i, a } = await seeded();
    scribble(t);
    scribble(i);
    scribble(a);
    const want = { t: sampleThreads()[1]!, i: sampleItems("thr_full")[1]!, a: sampleAttachments("thr_full")[1]! };
    expect(await store.loadThread("thr_full", alice)).toStrictEqual(want.t);
    expect(await store.loadItem("thr_full", want.i.id, alice)).toStrictEqual(want.i);
    expect(await store.loadAttachment(want.a.id, alice)).toStrictEqual(want.a);
  });

  it("C-ISOLATION: mutating a loaded thread, item or attachment does not change what is stored", async () => {
    const { store, t, i, a } = await seeded();
    scribble(await store.loadThread(t.id, alice));
    scribble(await store.loadItem(t.id, i.id, alice));
    scribble(await store.loadAttachment(a.id, alice));
    expect(await store.loadThread(t.id, alice)).toStrictEqual(t);
    expect(await store.loadItem(t.id, i.id, alice)).toStrictEqual(i);
    expect(await store.loadAttachment(a.id, alice)).toStrictEqual(a);
  });

  it("C-ISOLATION: mutating a page (its rows, its data array) does not change later pages", async () => {
    const { store, t, i } = await seeded();
    await store.addThreadItem(t.id, item("msg_2", t.id, "2030-01-01T00:00:00Z"), alice);
    const threads = await store.loadThreads(10, null, "asc", alice);
    scribble(threads);
    threads.data.length = 0;
    const items = await store.loadThreadItems(t.id, null, 10, "asc", alice);
    scribble(items);
    items.data.reverse();
    expect((await store.loadThreads(10, null, "asc", alice)).data).toStrictEqual([t]);
    expect((await store.loadThreadItems(t.id, null, 10, "asc", alice)).data).toStrictEqual([i, item("msg_2", t.id, "2030-01-01T00:00:00Z")]);
  });

  it("C-ISOLATION: two loads return distinct objects", async () => {
    const { store, t } = await seeded();
    const a = await store.loadThread(t.id, alice);
    const b = await store.loadThread(t.id, alice);
    expect(a).toStrictEqual(b);
    expect(a).not.toBe(b);
    expect(a.metadata).not.toBe(b.metadata);
  });

  it("C-ISOLATION: a Thread passed with items is not kept by reference either", async () => {
    const store = new InMemoryStore();
    const t = { ...thread("thr_1"), metadata: { k: [1] }, items: { data: [], has_more: false, after: null } };
    await store.saveThread(t, alice);
    t.metadata.k.push(2);
    expect((await store.loadThread("thr_1", alice)).metadata).toEqual({ k: [1] });
  });
});

describe("C-ID", () => {
  it("C-ID: the upstream prefixes are used for every StoreItemType", () => {
    expect(ID_PREFIXES).toEqual({ thread: "thr", message: "msg", tool_call: "tc", task: "tsk", workflow: "wf", attachment: "atc", sdk_hidden_context: "shcx" });
    expect([...STORE_ITEM_TYPES].sort()).toEqual(Object.keys(ID_PREFIXES).sort());
  });

  it("C-ID: default ids are <prefix>_<32 lowercase hex digits> for threads and every item type", () => {
    expect(DEFAULT_ID_HEX_DIGITS).toBe(32);
    const store = new InMemoryStore();
    const t = thread("thr_1");
    expect(store.generateThreadId(alice)).toMatch(/^thr_[0-9a-f]{32}$/);
    for (const type of STORE_ITEM_TYPES) {
      const id = store.generateItemId(type, t, alice);
      expect(id, type).toMatch(new RegExp(`^${ID_PREFIXES[type]}_[0-9a-f]{32}$`));
    }
  });

  it("C-ID: generators are synchronous and 1000 ids of each kind are distinct", () => {
    const store = new InMemoryStore();
    const ids = new Set<string>();
    for (let n = 0; n < 1000; n++) {
      const a = store.generateThreadId(alice);
      const b = store.generateItemId("message", thread("thr_1"), alice);
      expect(typeof a).toBe("string");
      ids.add(a).add(b);
    }
    expect(ids.size).toBe(2000);
  });

  it("C-ID: the generateId option replaces the default (deterministic ids in tests)", () => {
    const calls: StoreItemType[] = [];
    let n = 0;
    const store = new InMemoryStore({ generateId: (type) => (calls.push(type), `${type}-${++n}`) });
    expect(store.generateThreadId(alice)).toBe("thread-1");
    expect(store.generateItemId("sdk_hidden_context", thread("t"), alice)).toBe("sdk_hidden_context-2");
    expect(calls).toEqual(["thread", "sdk_hidden_context"]);
  });

  it("C-ID: generated ids round-trip as thread, item and attachment ids", async () => {
    const store = new InMemoryStore();
    const threadId = store.generateThreadId(alice);
    await store.saveThread(thread(threadId), alice);
    const itemId = store.generateItemId("message", thread(threadId), alice);
    await store.addThreadItem(threadId, item(itemId, threadId), alice);
    const atcId = store.generateItemId("attachment", thread(threadId), alice);
    await store.saveAttachment({ type: "file", id: atcId, name: "a", mime_type: "text/plain" }, alice);
    expect((await store.loadThread(threadId, alice)).id).toBe(threadId);
    expect((await store.loadItem(threadId, itemId, alice)).id).toBe(itemId);
    expect((await store.loadAttachment(atcId, alice)).id).toBe(atcId);
  });

  it.each(ODD_IDS)("C-ID: a caller-supplied id %j round-trips everywhere, cursors included", async (id) => {
    const store = new InMemoryStore();
    await store.saveThread(thread(id, "2026-01-01T00:00:00Z"), alice);
    await store.saveThread(thread("thr_later", "2026-01-02T00:00:00Z"), alice);
    await store.addThreadItem(id, item(id, id, "2026-01-01T00:00:00Z"), alice);
    await store.addThreadItem(id, item("msg_later", id, "2026-01-02T00:00:00Z"), alice);
    await store.saveAttachment({ type: "file", id, name: "n", mime_type: "text/plain" }, alice);
    expect((await store.loadThread(id, alice)).id).toBe(id);
    expect((await store.loadItem(id, id, alice)).id).toBe(id);
    expect((await store.loadAttachment(id, alice)).id).toBe(id);
    expect(await allIds(threadsOf(store, alice))).toEqual([id, "thr_later"]);
    expect((await store.loadThreads(5, id, "asc", alice)).data.map((t) => t.id)).toEqual(["thr_later"]);
    expect((await store.loadThreadItems(id, id, 5, "asc", alice)).data.map((t) => t.id)).toEqual(["msg_later"]);
    expect(await allIds(itemsOf(store, id, alice), "desc")).toEqual(["msg_later", id]);
  });
});
