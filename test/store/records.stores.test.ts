/**
 * Records and id arguments a JavaScript caller gets wrong, on every bundled store (default, not strict):
 * each bad value is an InvalidArgumentError naming the method and the exact argument path, its message
 * `[chatkit-testkit] <method>: <path> …` shows the bad value, the promise rejects (never a synchronous
 * throw), and nothing is stored. The checks are the kernel's (src/store/arguments.ts, src/model/json.ts), so
 * every store gives the same message; the last test compares them. The strict model's checks are
 * test/store/strict.stores.test.ts's.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InMemoryStore, InvalidArgumentError, NotFoundError, isInvalidArgumentError, isNotFoundError, type Store } from "chatkit-testkit";
import { titleOf } from "../postgres/backends.js";
import { bundledBackends } from "./bundled.js";
import { item, thread } from "../support/stores.js";

type AnyStore = Store<unknown, any>;
type Rejection = Error & Record<string, unknown>;

const BACKENDS = bundledBackends();

afterAll(async () => {
  for (const b of BACKENDS) await b.close();
});

const ctx = { user_id: "u1" };
const A = { type: "file", id: "atc_1", name: "n", mime_type: "text/plain" };

class Money {
  constructor(readonly cents: number) {}
}
const circular = () => {
  const o: Record<string, unknown> = { a: 1 };
  o.self = o;
  return o;
};

/** [what, value, argument path, how the message shows the bad value]. */
type Row = readonly [string, unknown, string, string | RegExp];

const BAD_THREADS: readonly Row[] = [
  ["null", null, "thread", "must be an object, got null"],
  ["undefined", undefined, "thread", "got undefined"],
  ["a string", "thr_1", "thread", 'got "thr_1"'],
  ["an array", [thread("thr_1")], "thread", "got an array of 1"],
  ["no id", { created_at: "2026-01-01T00:00:00Z" }, "thread.id", "must be a non-empty string, got undefined"],
  ["an empty id", thread(""), "thread.id", 'got ""'],
  ["a numeric id", { id: 5, created_at: "2026-01-01T00:00:00Z" }, "thread.id", "got 5"],
  ["created_at a Date", { id: "thr_2", created_at: new Date("2026-01-01T00:00:00Z") }, "thread.created_at", /must be plain JSON, got a Date \(pass an ISO-8601 string\)/],
  ["created_at a number", { id: "thr_2", created_at: 1767225600000 }, "thread.created_at", "got 1767225600000"],
  ["created_at missing", { id: "thr_2" }, "thread.created_at", "got undefined"],
  ["created_at month 13", thread("thr_2", "2026-13-01T00:00:00Z"), "thread.created_at", 'has month 13, got "2026-13-01T00:00:00Z"'],
  ["created_at Feb 29 of 2025", thread("thr_2", "2025-02-29T00:00:00Z"), "thread.created_at", "has day 29 in month 02"],
  ["created_at without a time", thread("thr_2", "2026-01-01"), "thread.created_at", "must be an ISO-8601 date-time"],
  ["created_at with 10 fractional digits", thread("thr_2", "2026-01-01T00:00:00.1234567890Z"), "thread.created_at", "must be an ISO-8601 date-time"],
  ["a function in metadata", thread("thr_2", undefined, { metadata: { fn: () => 1 } }), "thread.metadata.fn", "must be plain JSON, got a function"],
  ["a circular metadata", thread("thr_2", undefined, { metadata: circular() }), "thread.metadata.self", "is a circular reference"],
  ["a Date in metadata", thread("thr_2", undefined, { metadata: { when: new Date(0) } }), "thread.metadata.when", "got a Date (pass an ISO-8601 string)"],
  ["a Map in metadata", thread("thr_2", undefined, { metadata: new Map() }), "thread.metadata", "got a Map"],
  ["a class instance in metadata", thread("thr_2", undefined, { metadata: { price: new Money(1) } }), "thread.metadata.price", "got a Money"],
  ["a bigint in metadata", thread("thr_2", undefined, { metadata: { n: 1n } }), "thread.metadata.n", "got 1n (bigint)"],
  ["a symbol in metadata", thread("thr_2", undefined, { metadata: { s: Symbol("s") } }), "thread.metadata.s", "got a symbol"],
  ["Infinity in metadata", thread("thr_2", undefined, { metadata: { n: Infinity } }), "thread.metadata.n", "must be a finite number, got Infinity"],
  ["undefined in an array", thread("thr_2", undefined, { allowed_image_domains: ["a", undefined] }), "thread.allowed_image_domains[1]", "got undefined"],
  // eslint-disable-next-line no-sparse-arrays
  ["a sparse array", thread("thr_2", undefined, { allowed_image_domains: [, "a"] }), "thread.allowed_image_domains[0]", "is a hole in a sparse array"],
  ["an odd key path", thread("thr_2", undefined, { metadata: { "a b": { "c-d": NaN } } }), 'thread.metadata["a b"]["c-d"]', "got NaN"],
];

const BAD_ITEMS: readonly Row[] = [
  ["null", null, "item", "got null"],
  ["no type", { id: "msg_2", thread_id: "thr_1", created_at: "2026-01-01T00:00:00Z" }, "item.type", "must be a string, got undefined"],
  ["a numeric type", { ...item("msg_2", "thr_1"), type: 3 }, "item.type", "got 3"],
  ["created_at a Date", { ...item("msg_2", "thr_1"), created_at: new Date("2026-01-01T00:00:00Z") }, "item.created_at", "got a Date"],
  ["created_at hour 24", item("msg_2", "thr_1", "2026-01-01T24:00:00Z"), "item.created_at", "has hour 24"],
  ["a numeric thread_id", { ...item("msg_2", "thr_1"), thread_id: 1 }, "item.thread_id", "must be a string, got 1"],
  ["NaN in content", { type: "assistant_message", id: "msg_2", thread_id: "thr_1", created_at: "2026-01-01T00:00:00Z", content: [{ type: "output_text", text: "x", annotations: [], score: NaN }] }, "item.content[0].score", "must be a finite number, got NaN"],
  ["NaN as hidden content", { type: "hidden_context_item", id: "msg_2", thread_id: "thr_1", created_at: "2026-01-01T00:00:00Z", content: NaN }, "item.content", "got NaN"],
  ["a function in widget props", { type: "widget", id: "msg_2", thread_id: "thr_1", created_at: "2026-01-01T00:00:00Z", widget: { type: "Card", onClick: () => 0 } }, "item.widget.onClick", "got a function"],
  ["a circular tool output", { type: "client_tool_call", id: "msg_2", thread_id: "thr_1", created_at: "2026-01-01T00:00:00Z", call_id: "c", name: "n", arguments: {}, output: circular() }, "item.output.self", "circular"],
];

const BAD_ATTACHMENTS: readonly Row[] = [
  ["null", null, "attachment", "got null"],
  ["no id", { type: "file", name: "n", mime_type: "m" }, "attachment.id", "got undefined"],
  ["no type", { id: "atc_2", name: "n", mime_type: "m" }, "attachment.type", "got undefined"],
  ["a Date in metadata", { type: "file", id: "atc_2", name: "n", mime_type: "m", metadata: { at: new Date(0) } }, "attachment.metadata.at", "got a Date"],
];

/** A table's rows as [what, path, value, shown], so a test title can name the path. */
const titled = (rows: readonly Row[]) => rows.map(([what, value, path, shown]) => [what, path, value, shown] as const);

/** The rejection of `call()`: it must return a promise (no synchronous throw) that rejects with an Error. */
async function rejection(call: () => Promise<unknown>): Promise<Rejection> {
  let promise: Promise<unknown> | undefined;
  expect(() => (promise = call()), "a synchronous throw instead of a rejected promise").not.toThrow();
  expect(promise).toBeInstanceOf(Promise);
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(Error);
    return error as Rejection;
  }
  throw new Error("expected the call to reject, but it resolved");
}

/** What the scope holds, as whole records, and what the rejected calls would have written (thr_2, msg_2, atc_2, items of thr_missing). */
async function contents(store: AnyStore): Promise<unknown> {
  const outcome = (p: Promise<unknown>) => p.then((v) => v, (e: Error) => e.name);
  return {
    threads: (await store.loadThreads(100, null, "asc", ctx)).data,
    items: (await store.loadThreadItems("thr_1", null, 100, "asc", ctx)).data,
    itemsOfMissing: (await store.loadThreadItems("thr_missing", null, 100, "asc", ctx)).data,
    thread2: await outcome(store.loadThread("thr_2", ctx)),
    item2: await outcome(store.loadItem("thr_1", "msg_2", ctx)),
    attachments: [await outcome(store.loadAttachment("atc_1", ctx)), await outcome(store.loadAttachment("atc_2", ctx))],
  };
}

/** What every store holds before and after each rejected call. */
const SEEDED = {
  threads: [thread("thr_1")],
  items: [item("msg_1", "thr_1")],
  itemsOfMissing: [],
  thread2: "NotFoundError",
  item2: "NotFoundError",
  attachments: [A, "NotFoundError"],
};

/** Messages per store and case title, compared across stores at the end. */
const seen = new Map<string, Map<string, string>>();

describe.each(BACKENDS.map((b) => [titleOf(b), b] as const))("%s: bad records and ids (default store)", (_title, backend) => {
  const test = it.skipIf(!backend.available);
  const messages = new Map<string, string>();
  let store: AnyStore;
  beforeAll(async () => {
    if (!backend.available) return;
    store = (await backend.createStore()) as unknown as AnyStore;
    await store.saveThread(thread("thr_1"), ctx);
    await store.addThreadItem("thr_1", item("msg_1", "thr_1"), ctx);
    await store.saveAttachment(A, ctx);
    seen.set(backend.name, messages);
  });

  /**
   * Expects an InvalidArgumentError naming `method` and `argument` whose message starts
   * `[chatkit-testkit] <method>: <argument> ` and contains `shown`, and a store exactly as seeded afterwards.
   */
  async function expectInvalid(title: string, call: () => Promise<unknown>, method: string, argument: string, shown?: string | RegExp): Promise<Rejection> {
    const error = await rejection(call);
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(error).toBeInstanceOf(TypeError);
    expect(error).toMatchObject({ name: "InvalidArgumentError", code: "CHATKIT_INVALID_ARGUMENT", method, argument });
    expect(error.message.startsWith(`[chatkit-testkit] ${method}: ${argument} `), error.message).toBe(true);
    if (typeof shown === "string") expect(error.message).toContain(shown);
    else if (shown) expect(error.message).toMatch(shown);
    expect(await contents(store), "a rejected call leaves the store as it was").toStrictEqual(SEEDED);
    messages.set(title, error.message);
    return error;
  }

  test("the seeded store holds exactly thr_1, msg_1 and atc_1", async () => {
    expect(await contents(store)).toStrictEqual(SEEDED);
  });

  test.each(titled(BAD_THREADS))("C-ERR: saveThread with %s → InvalidArgumentError %s; thr_2 not stored", async (what, path, value, shown) => {
    await expectInvalid(`saveThread ${what}`, () => store.saveThread(value as never, ctx), "saveThread", path, shown);
    await expect(store.loadThread("thr_2", ctx)).rejects.toThrow(expect.objectContaining({ name: "NotFoundError", kind: "thread", id: "thr_2" }));
  });

  for (const method of ["addThreadItem", "saveItem"] as const) {
    test.each(titled(BAD_ITEMS))(`C-ERR: ${method} with %s → InvalidArgumentError %s; msg_2 not stored`, async (what, path, value, shown) => {
      await expectInvalid(`${method} ${what}`, () => store[method]("thr_1", value as never, ctx), method, path, shown);
      await expect(store.loadItem("thr_1", "msg_2", ctx)).rejects.toThrow(expect.objectContaining({ name: "NotFoundError", kind: "item", id: "msg_2" }));
    });

    test(`C-ERR: ${method}: a bad item is reported before a missing thread (argument errors first)`, async () => {
      await expectInvalid(`${method} before missing thread`, () => store[method]("thr_missing", null as never, ctx), method, "item", "must be an object, got null");
    });

    test(`C-ERR: ${method}: an item that would replace a stored one but is malformed leaves the stored one as it was`, async () => {
      const malformed = { ...item("msg_1", "thr_1"), extra: { fn: () => 0 } };
      await expectInvalid(`${method} malformed replacement`, () => store[method]("thr_1", malformed as never, ctx), method, "item.extra.fn", "must be plain JSON, got a function");
      expect(await store.loadItem("thr_1", "msg_1", ctx)).toStrictEqual(item("msg_1", "thr_1"));
    });
  }

  test.each(titled(BAD_ATTACHMENTS))("C-ERR: saveAttachment with %s → InvalidArgumentError %s; atc_2 not stored", async (what, path, value, shown) => {
    await expectInvalid(`saveAttachment ${what}`, () => store.saveAttachment(value as never, ctx), "saveAttachment", path, shown);
    await expect(store.loadAttachment("atc_2", ctx)).rejects.toThrow(expect.objectContaining({ name: "NotFoundError", kind: "attachment", id: "atc_2" }));
  });

  test("C-ERR: id arguments must be non-empty strings (threadId, itemId, attachmentId), with the exact message", async () => {
    const cases: readonly (readonly [() => Promise<unknown>, string, string, string])[] = [
      [() => store.loadThread("", ctx), "loadThread", "threadId", '""'],
      [() => store.loadThread(5 as never, ctx), "loadThread", "threadId", "5"],
      [() => store.loadThreadItems(null as never, null, 1, "asc", ctx), "loadThreadItems", "threadId", "null"],
      [() => store.addThreadItem(undefined as never, item("m", "t"), ctx), "addThreadItem", "threadId", "undefined"],
      [() => store.saveItem({} as never, item("m", "t"), ctx), "saveItem", "threadId", "{}"],
      [() => store.loadItem("thr_1", "", ctx), "loadItem", "itemId", '""'],
      [() => store.loadItem("", "msg_1", ctx), "loadItem", "threadId", '""'],
      [() => store.deleteThread(null as never, ctx), "deleteThread", "threadId", "null"],
      [() => store.deleteThreadItem("thr_1", 0 as never, ctx), "deleteThreadItem", "itemId", "0"],
      [() => store.deleteThreadItem("", "msg_1", ctx), "deleteThreadItem", "threadId", '""'],
      [() => store.loadAttachment(["atc_1"] as never, ctx), "loadAttachment", "attachmentId", "an array of 1"],
      [() => store.deleteAttachment("", ctx), "deleteAttachment", "attachmentId", '""'],
    ];
    for (const [call, method, argument, shown] of cases) {
      const error = await expectInvalid(`${method} ${argument} ${shown}`, call, method, argument);
      expect(error.message).toBe(`[chatkit-testkit] ${method}: ${argument} must be a non-empty string, got ${shown}`);
    }
  });

  test("C-ERR: every method reports errors as a rejected promise, never a synchronous throw", async () => {
    const calls: readonly (readonly [() => Promise<unknown>, string, string])[] = [
      [() => store.loadThread(null as never, ctx), "InvalidArgumentError", "threadId"],
      [() => store.loadThread("thr_1", undefined), "InvalidArgumentError", "context"],
      [() => store.saveThread(null as never, ctx), "InvalidArgumentError", "thread"],
      [() => store.loadThreads(0, null, "asc", ctx), "InvalidArgumentError", "limit"],
      [() => store.loadThreads(10, "thr_missing", "asc", ctx), "NotFoundError", "cursor"],
      [() => store.deleteThread("", ctx), "InvalidArgumentError", "threadId"],
      [() => store.loadThreadItems("t", null, 0, "asc", ctx), "InvalidArgumentError", "limit"],
      [() => store.addThreadItem("t", null as never, ctx), "InvalidArgumentError", "item"],
      [() => store.addThreadItem("thr_missing", item("msg_2", "thr_missing"), ctx), "NotFoundError", "thread"],
      [() => store.saveItem("t", null as never, ctx), "InvalidArgumentError", "item"],
      [() => store.loadItem("t", "", ctx), "InvalidArgumentError", "itemId"],
      [() => store.loadItem("thr_1", "msg_missing", ctx), "NotFoundError", "item"],
      [() => store.deleteThreadItem("t", "", ctx), "InvalidArgumentError", "itemId"],
      [() => store.saveAttachment(null as never, ctx), "InvalidArgumentError", "attachment"],
      [() => store.loadAttachment("", ctx), "InvalidArgumentError", "attachmentId"],
      [() => store.loadAttachment("atc_missing", ctx), "NotFoundError", "attachment"],
      [() => store.deleteAttachment("", ctx), "InvalidArgumentError", "attachmentId"],
    ];
    for (const [call, name, what] of calls) {
      const error = await rejection(call);
      expect(error.name).toBe(name);
      expect(name === "NotFoundError" ? error.kind : error.argument).toBe(what);
    }
    expect(await contents(store)).toStrictEqual(SEEDED);
  });

  test("C-ERR: through the store, a NotFoundError carries name, code, kind and id; an InvalidArgumentError name, code, method and argument, and is a TypeError", async () => {
    const notFound = await rejection(() => store.loadThread("thr_x", ctx));
    expect(notFound).toBeInstanceOf(NotFoundError);
    expect(notFound).toMatchObject({ name: "NotFoundError", code: "CHATKIT_NOT_FOUND", kind: "thread", id: "thr_x" });
    expect(isNotFoundError(notFound)).toBe(true);
    expect(isInvalidArgumentError(notFound)).toBe(false);
    const invalid = await expectInvalid("loadThreads limit 0", () => store.loadThreads(0, null, "asc", ctx), "loadThreads", "limit", "must be an integer ≥ 1, got 0");
    expect(invalid).toBeInstanceOf(InvalidArgumentError);
    expect(isInvalidArgumentError(invalid)).toBe(true);
    expect(isNotFoundError(invalid)).toBe(false);
  });
});

describe("the same messages on every bundled store", () => {
  it("C-ERR: every case above gives the same message on every available store as on InMemoryStore", () => {
    const reference = seen.get("InMemoryStore")!;
    // 25 threads + 2 × (10 items + 2) + 4 attachments + 12 id arguments + 1
    expect(reference.size).toBe(BAD_THREADS.length + 2 * (BAD_ITEMS.length + 2) + BAD_ATTACHMENTS.length + 12 + 1);
    for (const [name, messages] of seen) expect(Object.fromEntries(messages), name).toEqual(Object.fromEntries(reference));
    expect(seen.size).toBe(BACKENDS.filter((b) => b.available).length);
  });
});
