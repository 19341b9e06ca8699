/**
 * Validate-then-copy is one step (issue 10, item 5), on every bundled store (InMemoryStore, PostgresStore
 * on pg-mem and on the run's real PostgreSQL): a store reads each property of a record once, checks that
 * copy and stores exactly it. A getter or proxy that answers differently on a second read can neither
 * smuggle an unchecked value in (an `id` of 42 that breaks every later listing) nor leave an index entry
 * under one id and a row under another.
 *
 * And what is stored is exactly that copy: every shipped sample loads (and lists) strictly equal with its
 * keys in the saved order, a property set to `undefined` is dropped as JSON drops it, and the default
 * store keeps records the strict model refuses.
 */
import { afterAll, describe, expect } from "vitest";
import { sampleAttachments, sampleItems, sampleThreads } from "../../src/harness/checks/samples.js";
import { titleOf } from "../postgres/backends.js";
import { bundledBackends, onBackend } from "./bundled.js";

const BACKENDS = bundledBackends();

afterAll(async () => {
  for (const b of BACKENDS) await b.close();
});

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

// ---------------------------------------------------------------- each property is read once, on every bundled store

describe.each(BACKENDS.map((b) => [titleOf(b), b] as const))("%s: a record is read once, checked and stored as that copy", (_title, backend) => {
  const { test, store, scope } = onBackend(backend, "once");

  test("a thread id that is valid on the first read and 42 later is stored as the valid id, read once", async () => {
    const c = scope();
    const t = fickle({ created_at: "2026-01-01T00:00:00Z" }, "id", "thr_1", 42);
    await store().saveThread(t.value as never, c);
    expect(t.reads()).toBe(1);
    expect((await store().loadThreads(10, null, "asc", c)).data).toEqual([{ id: "thr_1", created_at: "2026-01-01T00:00:00Z" }]);
    expect(await store().loadThread("thr_1", c)).toEqual({ id: "thr_1", created_at: "2026-01-01T00:00:00Z" });
  });

  test("an item id that changes between reads leaves one row under the checked id, findable and deletable (no ghost in the index)", async () => {
    const c = scope();
    await store().saveThread({ id: "thr_1", created_at: "2026-01-01T00:00:00Z" }, c);
    const i = fickle({ type: "end_of_turn", thread_id: "thr_1", created_at: "2026-01-01T00:00:01Z" }, "id", "msg_1", "msg_other");
    await store().addThreadItem("thr_1", i.value as never, c);
    expect(i.reads()).toBe(1);
    expect((await store().loadThreadItems("thr_1", null, 10, "asc", c)).data.map((x) => x.id)).toEqual(["msg_1"]);
    await store().deleteThreadItem("thr_1", "msg_1", c);
    expect((await store().loadThreadItems("thr_1", null, 10, "asc", c)).data).toEqual([]);
  });

  test("a created_at that is valid on the first read and a Date later is stored as the checked string", async () => {
    const c = scope();
    const t = fickle({ id: "thr_1" }, "created_at", "2026-01-01T00:00:00Z", new Date(0));
    await store().saveThread(t.value as never, c);
    expect(t.reads()).toBe(1);
    expect(await store().loadThread("thr_1", c)).toEqual({ id: "thr_1", created_at: "2026-01-01T00:00:00Z" });
  });

  test("a proxy's nested value is read once: what strict validation saw is what is stored", async () => {
    const c = scope();
    let reads = 0;
    const content = new Proxy([{ type: "input_text", text: "hi" }], {
      get(target, key, receiver) {
        if (key === "0") reads++;
        return key === "0" && reads > 1 ? { type: "bogus" } : Reflect.get(target, key, receiver);
      },
    });
    await store().saveThread({ id: "thr_1", created_at: "2026-01-01T00:00:00Z" }, c);
    const item = { type: "user_message", id: "msg_1", thread_id: "thr_1", created_at: "2026-01-01T00:00:01Z", content, attachments: [], inference_options: {} };
    await store().addThreadItem("thr_1", item as never, c);
    expect(reads).toBe(1);
    expect((await store().loadItem("thr_1", "msg_1", c)).content).toEqual([{ type: "input_text", text: "hi" }]);
  });
});

// ---------------------------------------------------------------- what is stored is exactly the copy, on every bundled store

/** Every key path of a JSON value in enumeration order: equal lists mean the same keys in the same order at every depth. */
function keyPaths(value: unknown, at = "$"): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => keyPaths(v, `${at}[${i}]`));
  if (value === null || typeof value !== "object") return [];
  return Object.keys(value).flatMap((k) => {
    const path = `${at}[${JSON.stringify(k)}]`;
    return [path, ...keyPaths((value as Record<string, unknown>)[k], path)];
  });
}

/** Where a value holds an object that is not a plain Object or Array (a class instance, a null prototype). */
function unplain(value: unknown, at = "$"): string[] {
  if (value === null || typeof value !== "object") return [];
  const proto: unknown = Object.getPrototypeOf(value);
  const here = proto === (Array.isArray(value) ? Array.prototype : Object.prototype) ? [] : [at];
  return [...here, ...Object.keys(value).flatMap((k) => unplain((value as Record<string, unknown>)[k], `${at}[${JSON.stringify(k)}]`))];
}

/**
 * Strict equality: `toStrictEqual` (no `undefined`-valued key the saved record lacks, same types) and the
 * saved key order at every depth. Vitest's `toStrictEqual` compares `a.constructor === b.constructor`, which
 * an own data key "constructor" (a shipped sample may have one) makes two distinct objects; for such a record the
 * same checks are made one by one: the key paths (undefined-valued keys included), the values, plain prototypes.
 */
function expectExactly(loaded: unknown, saved: unknown): void {
  expect(keyPaths(loaded)).toEqual(keyPaths(saved));
  expect(unplain(loaded)).toEqual([]);
  if (keyPaths(saved).some((p) => p.endsWith('["constructor"]'))) expect(loaded).toEqual(saved);
  else expect(loaded).toStrictEqual(saved);
}

const byId = <T extends { id: string }>(records: readonly T[]) => new Map(records.map((r) => [r.id, r]));

describe.each(BACKENDS.map((b) => [titleOf(b), b] as const))("%s: records come back exactly as saved", (_title, backend) => {
  const { test, store, scope } = onBackend(backend, "copy");

  test("C-ROUNDTRIP: a multi-megabyte unicode title and text (astral, combining, U+10FFFF), a 10,000-element array and 100-deep metadata come back exactly", async () => {
    const c = scope();
    let deep: Record<string, unknown> = { leaf: "🌳" };
    for (let d = 0; d < 100; d++) deep = { [`level_${d}`]: deep, arr: [d] };
    const big = "😀é\u0301中\u{10FFFF}".repeat(200_000);
    const t = { id: "thr_big", created_at: "2026-01-01T00:00:00Z", title: big, metadata: { deep, list: Array.from({ length: 10_000 }, (_, i) => i) } };
    await store().saveThread(t, c);
    expectExactly(await store().loadThread("thr_big", c), t);
    const message = { type: "assistant_message", id: "msg_big", thread_id: "thr_big", created_at: "2026-01-01T00:00:00", content: [{ type: "output_text", text: big, annotations: [] }] };
    await store().addThreadItem("thr_big", message, c);
    expectExactly(await store().loadItem("thr_big", "msg_big", c), message);
  });

  test("C-ROUNDTRIP: every shipped thread sample, by loadThread and by loadThreads: strictly equal, keys in the saved order", async () => {
    const c = scope();
    const samples = sampleThreads();
    for (const t of samples) await store().saveThread(t, c);
    for (const t of samples) expectExactly(await store().loadThread(t.id, c), t);
    const page = await store().loadThreads(100, null, "asc", c);
    expect(page.data.map((t) => t.id).sort()).toEqual(samples.map((t) => t.id).sort());
    const want = byId(samples);
    for (const t of page.data) expectExactly(t, want.get(t.id));
  });

  test("C-ROUNDTRIP: every shipped item sample, by loadItem and by loadThreadItems: strictly equal, keys in the saved order", async () => {
    const c = scope();
    const samples = sampleItems("thr_samples");
    await store().saveThread({ id: "thr_samples", created_at: "2026-01-01T00:00:00Z" }, c);
    for (const i of samples) await store().addThreadItem("thr_samples", i, c);
    for (const i of samples) expectExactly(await store().loadItem("thr_samples", i.id, c), i);
    const page = await store().loadThreadItems("thr_samples", null, 1000, "asc", c);
    expect(page.data.map((i) => i.id).sort()).toEqual(samples.map((i) => i.id).sort());
    const want = byId(samples);
    for (const i of page.data) expectExactly(i, want.get(i.id));
  });

  test("C-ROUNDTRIP: every shipped attachment sample, by loadAttachment: strictly equal, keys in the saved order", async () => {
    const c = scope();
    const samples = sampleAttachments("thr_samples");
    for (const a of samples) await store().saveAttachment(a, c);
    for (const a of samples) expectExactly(await store().loadAttachment(a.id, c), a);
  });

  test("C-ROUNDTRIP: a property set to undefined is dropped, as JSON.stringify drops it, at any depth; unknown keys stay", async () => {
    const c = scope();
    await store().saveThread({ id: "thr_1", created_at: "2026-01-01T00:00:00Z", future_field: { x: [1] }, title: undefined, metadata: { gone: undefined, kept: [1] } } as never, c);
    await store().addThreadItem("thr_1", { type: "hidden_context_item", id: "msg_1", thread_id: "thr_1", created_at: "2026-01-01T00:00:01Z", extra: undefined, content: { gone: undefined, kept: null } } as never, c);
    await store().saveAttachment({ type: "file", id: "atc_1", name: "a", mime_type: "text/plain", metadata: undefined, thread_id: undefined } as never, c);
    const thread = { id: "thr_1", created_at: "2026-01-01T00:00:00Z", future_field: { x: [1] }, metadata: { kept: [1] } };
    const item = { type: "hidden_context_item", id: "msg_1", thread_id: "thr_1", created_at: "2026-01-01T00:00:01Z", content: { kept: null } };
    expectExactly(await store().loadThread("thr_1", c), thread);
    expectExactly((await store().loadThreads(10, null, "asc", c)).data, [thread]);
    expect(Object.hasOwn(await store().loadThread("thr_1", c), "title")).toBe(false);
    expectExactly(await store().loadItem("thr_1", "msg_1", c), item);
    expectExactly((await store().loadThreadItems("thr_1", null, 10, "asc", c)).data, [item]);
    expectExactly(await store().loadAttachment("atc_1", c), { type: "file", id: "atc_1", name: "a", mime_type: "text/plain" });
  });

  test("C-ROUNDTRIP: the default (non-strict) store keeps what the strict model would reject, as given: an unknown item type, an input_txt part, an archived status, upload_url", async () => {
    const c = scope();
    const archived = { id: "thr_archived", created_at: "2026-01-01T00:00:00Z", status: { type: "archived" } };
    const future = { type: "future_item", id: "msg_future", thread_id: "thr_archived", created_at: "2026-01-01T00:00:01Z", payload: { a: 1 } };
    const typo = { type: "user_message", id: "msg_typo", thread_id: "thr_archived", created_at: "2026-01-01T00:00:02Z", content: [{ type: "input_txt", text: "typo" }], inference_options: {} };
    const old = { type: "file", id: "atc_old", name: "a", mime_type: "text/plain", upload_url: "https://u.example/a" };
    await store().saveThread(archived as never, c);
    await store().addThreadItem("thr_archived", future as never, c);
    await store().saveItem("thr_archived", typo as never, c);
    await store().saveAttachment(old as never, c);
    expectExactly(await store().loadThread("thr_archived", c), archived);
    expectExactly((await store().loadThreads(10, null, "asc", c)).data, [archived]);
    expectExactly(await store().loadItem("thr_archived", "msg_future", c), future);
    expectExactly(await store().loadItem("thr_archived", "msg_typo", c), typo);
    expectExactly((await store().loadThreadItems("thr_archived", null, 10, "asc", c)).data, [future, typo]);
    expectExactly(await store().loadAttachment("atc_old", c), old);
  });
});
