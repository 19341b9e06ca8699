/**
 * The `strict: true` option (docs/decisions/record-validation.md) on every bundled store: a record that does
 * not match the ChatKit model is an InvalidArgumentError naming the record (`item`, `attachment`, `thread`)
 * whose message says "(strict mode)" and lists every failing path, prefixed with the record's name; nothing is
 * stored; envelope problems (not plain JSON, no id, a bad created_at) are reported first with their own path.
 * A strict store accepts every shipped sample and stores it as given; `strict: false` keeps what strict
 * refuses. The default store's record checks are test/store/records.stores.test.ts's.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InMemoryStore, InvalidArgumentError, ValidationError, type Store } from "chatkit-testkit";
import { sampleAttachments, sampleItems, sampleThreads } from "../../src/harness/checks/samples.js";
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
/** A user_message with a typo in its content part type: only the strict model sees it. */
const malformed = { type: "user_message", id: "msg_bad", thread_id: "thr_1", created_at: "2026-01-01T00:00:00Z", content: [{ type: "input_txt", text: "typo" }], inference_options: {} };
const CONTENT_TYPE = "item.content[0].type: Invalid discriminator value. Expected 'input_text' | 'input_tag'";
const strictPrefix = (method: string, record: string) => `[chatkit-testkit] ${method}: ${record} does not match the ChatKit model (strict mode): `;

async function rejection(call: () => Promise<unknown>): Promise<Rejection> {
  let promise: Promise<unknown> | undefined;
  expect(() => (promise = call())).not.toThrow();
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(Error);
    return error as Rejection;
  }
  throw new Error("expected the call to reject, but it resolved");
}

/** What the seeded scope holds, as whole records, and the ids the rejected calls try to write. */
async function contents(store: AnyStore): Promise<unknown> {
  const outcome = (p: Promise<unknown>) => p.then((v) => v, (e: Error) => e.name);
  return {
    threads: (await store.loadThreads(100, null, "asc", ctx)).data,
    items: (await store.loadThreadItems("thr_1", null, 100, "asc", ctx)).data,
    probes: [
      await outcome(store.loadThread("thr_2", ctx)),
      await outcome(store.loadItem("thr_1", "msg_bad", ctx)),
      await outcome(store.loadItem("thr_1", "msg_2", ctx)),
      await outcome(store.loadAttachment("atc_2", ctx)),
    ],
    attachment: await outcome(store.loadAttachment("atc_1", ctx)),
  };
}
const SEEDED = { threads: [thread("thr_1")], items: [item("msg_1", "thr_1")], probes: Array(4).fill("NotFoundError"), attachment: A };

/** Every key path of a JSON value in enumeration order: equal lists mean the same keys in the same order at every depth. */
function keyPaths(value: unknown, at = "$"): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => keyPaths(v, `${at}[${i}]`));
  if (value === null || typeof value !== "object") return [];
  return Object.keys(value).flatMap((k) => {
    const path = `${at}[${JSON.stringify(k)}]`;
    return [path, ...keyPaths((value as Record<string, unknown>)[k], path)];
  });
}

/**
 * Stored as given: `toStrictEqual` and the saved key order. (Vitest's `toStrictEqual` compares
 * `constructor`s, which an own data key "constructor" defeats; such a record is compared with `toEqual`
 * plus the key paths, undefined-valued keys included.)
 */
function expectAsGiven(loaded: unknown, saved: unknown): void {
  expect(keyPaths(loaded)).toEqual(keyPaths(saved));
  if (keyPaths(saved).some((p) => p.endsWith('["constructor"]'))) expect(loaded).toEqual(saved);
  else expect(loaded).toStrictEqual(saved);
}

/** Messages per store and case, compared across stores at the end. */
const seen = new Map<string, Map<string, string>>();

describe.each(BACKENDS.map((b) => [titleOf(b), b] as const))("%s with strict: true", (_title, backend) => {
  const test = it.skipIf(!backend.available);
  const messages = new Map<string, string>();
  let store: AnyStore;
  beforeAll(async () => {
    if (!backend.available) return;
    store = (await backend.createStore({ strict: true })) as unknown as AnyStore;
    await store.saveThread(thread("thr_1"), ctx);
    await store.addThreadItem("thr_1", item("msg_1", "thr_1"), ctx);
    await store.saveAttachment(A, ctx);
    seen.set(backend.name, messages);
  });

  /** An InvalidArgumentError naming `method` and `argument` (a TypeError, the exported class); the store as seeded afterwards. */
  async function expectInvalid(title: string, call: () => Promise<unknown>, method: string, argument: string): Promise<Rejection> {
    const error = await rejection(call);
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(error).toBeInstanceOf(TypeError);
    expect(error).toMatchObject({ name: "InvalidArgumentError", code: "CHATKIT_INVALID_ARGUMENT", method, argument });
    expect(await contents(store), "a rejected call stores nothing").toStrictEqual(SEEDED);
    messages.set(title, error.message);
    return error;
  }

  test("the seeded strict store holds exactly thr_1, msg_1 and atc_1", async () => {
    expect(await contents(store)).toStrictEqual(SEEDED);
  });

  for (const method of ["addThreadItem", "saveItem"] as const) {
    test(`C-ERR: ${method} of a malformed user_message: argument item, "(strict mode)", the prefixed path, a ValidationError cause; nothing stored`, async () => {
      const e = await expectInvalid(`${method} malformed`, () => store[method]("thr_1", malformed as never, ctx), method, "item");
      expect(e.message).toBe(strictPrefix(method, "item") + CONTENT_TYPE);
      expect(e.message).toMatch(/does not match the ChatKit model \(strict mode\)/);
      expect(e.cause).toBeInstanceOf(ValidationError);
      expect(e.cause).toMatchObject({ name: "ValidationError", code: "CHATKIT_VALIDATION", model: "ThreadItem" });
      expect((e.cause as ValidationError).issues.map((i) => i.path)).toEqual(["item.content[0].type"]);
      await expect(store.loadItem("thr_1", "msg_bad", ctx)).rejects.toThrow(expect.objectContaining({ name: "NotFoundError", kind: "item", id: "msg_bad" }));
    });
  }

  test("C-ERR: the message names every failing path, each prefixed with the record's argument (item, attachment, thread)", async () => {
    const { inference_options: _, ...twoProblems } = malformed;
    const two = await expectInvalid("two problems", () => store.addThreadItem("thr_1", twoProblems as never, ctx), "addThreadItem", "item");
    expect(two.message).toBe(`${strictPrefix("addThreadItem", "item")}${CONTENT_TYPE}; item.inference_options: Invalid input: expected object, received undefined`);
    expect((two.cause as ValidationError).issues.map((i) => i.path)).toEqual(["item.content[0].type", "item.inference_options"]);

    const { inference_options: __, ...noOptions } = sampleItems("thr_1").find((i) => i.id === "msg_user_min") as Record<string, unknown>;
    const options = await expectInvalid("no inference_options", () => store.saveItem("thr_1", { ...noOptions, id: "msg_2" } as never, ctx), "saveItem", "item");
    expect(options.message).toBe(`${strictPrefix("saveItem", "item")}item.inference_options: Invalid input: expected object, received undefined`);

    const image = await expectInvalid("no preview_url", () => store.saveAttachment({ type: "image", id: "atc_2", name: "n", mime_type: "image/png" } as never, ctx), "saveAttachment", "attachment");
    expect(image.message).toBe(`${strictPrefix("saveAttachment", "attachment")}attachment.preview_url: Invalid input: expected string, received undefined`);
    expect(image.cause).toMatchObject({ name: "ValidationError", model: "Attachment" });

    const archived = await expectInvalid("archived status", () => store.saveThread(thread("thr_2", undefined, { status: { type: "archived" } }), ctx), "saveThread", "thread");
    expect(archived.message).toBe(`${strictPrefix("saveThread", "thread")}thread.status.type: Invalid discriminator value. Expected 'active' | 'locked' | 'closed'`);
    expect(archived.cause).toMatchObject({ name: "ValidationError", model: "ThreadMetadata" });
  });

  test("C-ERR: envelope problems are reported first, with their own path and no \"(strict mode)\"", async () => {
    const cases: readonly (readonly [string, () => Promise<unknown>, string, string, string])[] = [
      ["a Date created_at", () => store.saveThread({ id: "thr_2", created_at: new Date() } as never, ctx), "saveThread", "thread.created_at", "must be plain JSON, got a Date (pass an ISO-8601 string)"],
      ["a bad created_at and a bad status", () => store.saveThread(thread("thr_2", "2026-13-01T00:00:00Z", { status: { type: "archived" } }), ctx), "saveThread", "thread.created_at", 'has month 13, got "2026-13-01T00:00:00Z"'],
      ["a function in a model-invalid item", () => store.addThreadItem("thr_1", { ...malformed, id: "msg_2", content: [{ type: "input_txt", f: () => 1 }] } as never, ctx), "addThreadItem", "item.content[0].f", "must be plain JSON, got a function"],
      ["no id on a model-invalid item", () => store.saveItem("thr_1", { ...malformed, id: undefined } as never, ctx), "saveItem", "item.id", "must be a non-empty string, got undefined"],
      ["no id on a model-invalid attachment", () => store.saveAttachment({ type: "image", name: "n", mime_type: "image/png" } as never, ctx), "saveAttachment", "attachment.id", "must be a non-empty string, got undefined"],
    ];
    for (const [what, call, method, argument, problem] of cases) {
      const e = await expectInvalid(`envelope: ${what}`, call, method, argument);
      expect(e.message, what).toBe(`[chatkit-testkit] ${method}: ${argument} ${problem}`);
      expect(e.cause, what).toBeUndefined();
    }
  });

  test("C-ROUNDTRIP: strict accepts every shipped sample and stores it as given: no defaults filled in, unknown keys kept", async () => {
    const c = { user_id: "samples" };
    const threads = sampleThreads();
    const items = sampleItems("thr_min");
    const attachments = sampleAttachments("thr_min");
    for (const t of threads) await store.saveThread(t, c);
    for (const i of items) await store.addThreadItem("thr_min", i, c);
    for (const a of attachments) await store.saveAttachment(a, c);
    const withUnknown = { ...item("msg_u", "thr_min"), future: 1 };
    await store.saveItem("thr_min", withUnknown, c);
    for (const t of threads) expectAsGiven(await store.loadThread(t.id, c), t);
    for (const i of [...items, withUnknown]) expectAsGiven(await store.loadItem("thr_min", i.id, c), i);
    for (const a of attachments) expectAsGiven(await store.loadAttachment(a.id, c), a);
    const listedThreads = (await store.loadThreads(100, null, "asc", c)).data;
    expect(listedThreads.map((t) => t.id).sort()).toEqual(threads.map((t) => t.id).sort());
    for (const t of listedThreads) expectAsGiven(t, threads.find((s) => s.id === t.id));
    const listedItems = (await store.loadThreadItems("thr_min", null, 1000, "asc", c)).data;
    expect(listedItems.map((i) => i.id).sort()).toEqual([...items, withUnknown].map((i) => i.id).sort());
    for (const i of listedItems) expectAsGiven(i, [...items, withUnknown].find((s) => s.id === i.id));
    const min = await store.loadThread("thr_min", c);
    expect(min).toStrictEqual(threads.find((t) => t.id === "thr_min"));
    expect(Object.hasOwn(min, "status")).toBe(false); // not defaulted to { type: "active" }
  });

  test("C-ROUNDTRIP: strict: false keeps the records strict refuses, exactly as given", async () => {
    const loose = (await backend.createStore({ strict: false })) as unknown as AnyStore;
    const archived = thread("thr_2", undefined, { status: { type: "archived" } });
    const image = { type: "image", id: "atc_2", name: "n", mime_type: "image/png" };
    await loose.saveThread(archived, ctx);
    await loose.addThreadItem("thr_2", { ...malformed, thread_id: "thr_2" } as never, ctx);
    await loose.saveAttachment(image as never, ctx);
    expectAsGiven(await loose.loadThread("thr_2", ctx), archived);
    expectAsGiven(await loose.loadItem("thr_2", "msg_bad", ctx), { ...malformed, thread_id: "thr_2" });
    expectAsGiven(await loose.loadAttachment("atc_2", ctx), image);
    await backend.destroyStore(loose as never);
  });

  test("C-ERR: a strict option that is not a boolean is refused by the constructor, naming options.strict", async () => {
    const owner = backend.name === "InMemoryStore" ? "InMemoryStore" : "PostgresStore"; // the class whose constructor checks its options
    await expect(backend.createStore({ strict: "yes" as never })).rejects.toThrow(
      expect.objectContaining({ name: "InvalidArgumentError", method: owner, argument: "options.strict", message: `[chatkit-testkit] ${owner}: options.strict must be a boolean, got "yes"` }),
    );
  });
});

describe("the same strict-mode messages on every bundled store", () => {
  it("C-ERR: every case above gives the same message on every available store as on InMemoryStore", () => {
    const reference = seen.get("InMemoryStore")!;
    expect(reference.size).toBe(2 + 4 + 5);
    for (const [name, messages] of seen) expect(Object.fromEntries(messages), name).toEqual(Object.fromEntries(reference));
    expect(seen.size).toBe(BACKENDS.filter((b) => b.available).length);
  });
});
