import { describe, expect, it } from "vitest";
import { InMemoryStore, InvalidArgumentError, NotFoundError, isInvalidArgumentError, isNotFoundError } from "chatkit-testkit";
import { sampleAttachments, sampleItems, sampleThreads } from "./samples.js";
import { alice, expectInvalid, expectNotFound, item, rejectionOf, thread } from "./support.js";

/** A store holding one thread with one item and one attachment, so "nothing changed" is meaningful. */
async function nonEmpty(strict = false) {
  const store = new InMemoryStore({ strict });
  await store.saveThread(thread("thr_1"), alice);
  await store.addThreadItem("thr_1", item("msg_1", "thr_1"), alice);
  await store.saveAttachment({ type: "file", id: "atc_1", name: "n", mime_type: "text/plain" }, alice);
  return store;
}

class Money {
  constructor(readonly cents: number) {}
}
const circular = () => {
  const o: Record<string, unknown> = { a: 1 };
  o.self = o;
  return o;
};

describe("C-ERR: error names and codes", () => {
  it("C-ERR: NotFoundError carries name, code, kind and id, and is exported", async () => {
    const store = new InMemoryStore();
    const error = await rejectionOf(store.loadThread("thr_x", alice));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ name: "NotFoundError", code: "CHATKIT_NOT_FOUND", kind: "thread", id: "thr_x" });
    expect(isNotFoundError(error)).toBe(true);
    expect(isInvalidArgumentError(error)).toBe(false);
  });

  it("C-ERR: InvalidArgumentError carries name, code, method and argument, and is a TypeError", async () => {
    const store = new InMemoryStore();
    const error = await rejectionOf(store.loadThreads(0, null, "asc", alice));
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(error).toBeInstanceOf(TypeError);
    expect(error).toMatchObject({ name: "InvalidArgumentError", code: "CHATKIT_INVALID_ARGUMENT", method: "loadThreads", argument: "limit" });
    expect(isInvalidArgumentError(error)).toBe(true);
    expect(isNotFoundError(error)).toBe(false);
  });

  it("C-ERR: every method reports errors as a rejected promise, never a synchronous throw", () => {
    const store = new InMemoryStore();
    const calls = [
      () => store.loadThread(null as never, alice),
      () => store.saveThread(null as never, alice),
      () => store.loadThreads(0, null, "asc", alice),
      () => store.loadThreadItems("t", null, 0, "asc", alice),
      () => store.addThreadItem("t", null as never, alice),
      () => store.saveItem("t", null as never, alice),
      () => store.loadItem("t", "", alice),
      () => store.deleteThread("", alice),
      () => store.deleteThreadItem("t", "", alice),
      () => store.saveAttachment(null as never, alice),
      () => store.loadAttachment("", alice),
      () => store.deleteAttachment("", alice),
    ];
    for (const call of calls) {
      let promise: Promise<unknown> | undefined;
      expect(() => (promise = call())).not.toThrow();
      promise!.catch(() => undefined);
    }
  });
});

describe("C-ERR: wrong types from JavaScript callers are InvalidArgumentErrors naming the path; nothing is stored", () => {
  const BAD_THREADS: readonly (readonly [string, unknown, string, string | RegExp])[] = [
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
    ["a sparse array", thread("thr_2", undefined, { allowed_image_domains: [, "a"] }), "thread.allowed_image_domains[0]", "is a hole in a sparse array"],
    ["an odd key path", thread("thr_2", undefined, { metadata: { "a b": { "c-d": NaN } } }), 'thread.metadata["a b"]["c-d"]', "got NaN"],
  ];

  it.each(BAD_THREADS)("C-ERR: saveThread with %s", async (_what, value, path, shown) => {
    const store = await nonEmpty();
    await expectInvalid(store, () => store.saveThread(value as never, alice), "saveThread", path, shown);
    await expectNotFound(store.loadThread("thr_2", alice), "thread");
  });

  const BAD_ITEMS: readonly (readonly [string, unknown, string, string | RegExp])[] = [
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

  for (const method of ["addThreadItem", "saveItem"] as const) {
    it.each(BAD_ITEMS)(`C-ERR: ${method} with %s`, async (_what, value, path, shown) => {
      const store = await nonEmpty();
      await expectInvalid(store, () => store[method]("thr_1", value as never, alice), method, path, shown);
      await expectNotFound(store.loadItem("thr_1", "msg_2", alice), "item");
    });
  }

  it("C-ERR: a bad item is reported before a missing thread (argument errors first)", async () => {
    const store = await nonEmpty();
    await expectInvalid(store, () => store.addThreadItem("thr_missing", null as never, alice), "addThreadItem", "item");
  });

  it("C-ERR: an item that replaces a stored one but is malformed leaves the stored one as it was", async () => {
    const store = await nonEmpty();
    await expectInvalid(store, () => store.saveItem("thr_1", { ...item("msg_1", "thr_1"), extra: { fn: () => 0 } } as never, alice), "saveItem", "item.extra.fn");
    expect(await store.loadItem("thr_1", "msg_1", alice)).toStrictEqual(item("msg_1", "thr_1"));
  });

  const BAD_ATTACHMENTS: readonly (readonly [string, unknown, string, string])[] = [
    ["null", null, "attachment", "got null"],
    ["no id", { type: "file", name: "n", mime_type: "m" }, "attachment.id", "got undefined"],
    ["no type", { id: "atc_2", name: "n", mime_type: "m" }, "attachment.type", "got undefined"],
    ["a Date in metadata", { type: "file", id: "atc_2", name: "n", mime_type: "m", metadata: { at: new Date(0) } }, "attachment.metadata.at", "got a Date"],
  ];

  it.each(BAD_ATTACHMENTS)("C-ERR: saveAttachment with %s", async (_what, value, path, shown) => {
    const store = await nonEmpty();
    await expectInvalid(store, () => store.saveAttachment(value as never, alice), "saveAttachment", path, shown);
    await expectNotFound(store.loadAttachment("atc_2", alice), "attachment");
  });

  it("C-ERR: id arguments must be non-empty strings (threadId, itemId, attachmentId)", async () => {
    const store = await nonEmpty();
    const cases: readonly (readonly [() => Promise<unknown>, string, string])[] = [
      [() => store.loadThread("", alice), "loadThread", "threadId"],
      [() => store.loadThread(5 as never, alice), "loadThread", "threadId"],
      [() => store.loadThreadItems(null as never, null, 1, "asc", alice), "loadThreadItems", "threadId"],
      [() => store.addThreadItem(undefined as never, item("m", "t"), alice), "addThreadItem", "threadId"],
      [() => store.saveItem({} as never, item("m", "t"), alice), "saveItem", "threadId"],
      [() => store.loadItem("thr_1", "", alice), "loadItem", "itemId"],
      [() => store.loadItem("", "msg_1", alice), "loadItem", "threadId"],
      [() => store.deleteThread(null as never, alice), "deleteThread", "threadId"],
      [() => store.deleteThreadItem("thr_1", 0 as never, alice), "deleteThreadItem", "itemId"],
      [() => store.deleteThreadItem("", "msg_1", alice), "deleteThreadItem", "threadId"],
      [() => store.loadAttachment(["atc_1"] as never, alice), "loadAttachment", "attachmentId"],
      [() => store.deleteAttachment("", alice), "deleteAttachment", "attachmentId"],
    ];
    for (const [call, method, argument] of cases) await expectInvalid(store, call, method, argument, "must be a non-empty string");
  });

  it("C-ERR, C-SCOPE: a scope function that returns no non-empty string, and a non-string user_id, are InvalidArgumentErrors naming context", async () => {
    const store = new InMemoryStore<{ n: unknown }>({ scope: (c) => c.n as never });
    await expectInvalid(store, () => store.saveThread(thread("t"), { n: 1 }), "saveThread", "context", "the scope option returned 1, not a non-empty string, got {\"n\":1}");
    await expectInvalid(store, () => store.saveThread(thread("t"), { n: "" }), "saveThread", "context", 'the scope option returned "", not a non-empty string');
    const byDefault = new InMemoryStore();
    await expectInvalid(byDefault, () => byDefault.saveThread(thread("t"), { user_id: 7 }), "saveThread", "context", "(its user_id is 7), got {\"user_id\":7}");
    expect(byDefault.snapshot()).toEqual({});
  });
});

describe("strict option (docs/decisions/record-validation.md)", () => {
  const malformed = { type: "user_message", id: "msg_bad", thread_id: "thr_1", created_at: "2026-01-01T00:00:00Z", content: [{ type: "input_txt", text: "typo" }], inference_options: {} };

  it("C-ERR: strict: true rejects a malformed user_message with the path in the message; nothing stored", async () => {
    const store = await nonEmpty(true);
    for (const method of ["addThreadItem", "saveItem"] as const) {
      const e = await expectInvalid(store, () => store[method]("thr_1", malformed as never, alice), method, "item", "item.content[0].type");
      expect(e.message).toMatch(/does not match the ChatKit model \(strict mode\)/);
      expect((e as Error).cause).toMatchObject({ name: "ValidationError" });
      await expectNotFound(store.loadItem("thr_1", "msg_bad", alice), "item");
    }
  });

  it("C-ERR: strict: true names every failing path (a user_message without inference_options, an image attachment without preview_url)", async () => {
    const store = await nonEmpty(true);
    const { inference_options: _, ...noOptions } = sampleItems("thr_1")[0] as Record<string, unknown>;
    await expectInvalid(store, () => store.addThreadItem("thr_1", noOptions as never, alice), "addThreadItem", "item", "item.inference_options");
    await expectInvalid(store, () => store.saveAttachment({ type: "image", id: "atc_2", name: "n", mime_type: "image/png" } as never, alice), "saveAttachment", "attachment", "attachment.preview_url");
    await expectInvalid(store, () => store.saveThread(thread("thr_2", undefined, { status: { type: "archived" } }), alice), "saveThread", "thread", "thread.status.type");
  });

  it("C-ROUNDTRIP: strict: false (the default) accepts the same malformed record and round-trips it exactly", async () => {
    const store = await nonEmpty(false);
    await store.addThreadItem("thr_1", malformed as never, alice);
    expect(await store.loadItem("thr_1", "msg_bad", alice)).toStrictEqual(malformed);
    await store.saveThread(thread("thr_2", undefined, { status: { type: "archived" } }), alice);
    expect((await store.loadThread("thr_2", alice)).status).toEqual({ type: "archived" });
  });

  it("C-ROUNDTRIP: strict: true accepts every valid sample and stores it as given (no defaults filled in, unknown keys kept)", async () => {
    const store = new InMemoryStore({ strict: true });
    for (const t of sampleThreads()) await store.saveThread(t, alice);
    for (const i of sampleItems("thr_min")) await store.addThreadItem("thr_min", i, alice);
    for (const a of sampleAttachments()) await store.saveAttachment(a, alice);
    const withUnknown = { ...item("msg_u", "thr_min"), future: 1 };
    await store.addThreadItem("thr_min", withUnknown, alice);
    expect(await store.loadItem("thr_min", "msg_u", alice)).toStrictEqual(withUnknown);
    expect(await store.loadThread("thr_min", alice)).toStrictEqual(sampleThreads()[0]); // status not defaulted to active
  });

  it("C-ERR: strict mode still reports envelope problems first, with their own path", async () => {
    const store = await nonEmpty(true);
    await expectInvalid(store, () => store.saveThread({ id: "thr_2", created_at: new Date() } as never, alice), "saveThread", "thread.created_at");
  });
});
