/**
 * One table of error cases — every method × missing thread, item, attachment and cursor, bad limit,
 * order, ids, records, limits and scope — run against every bundled store: InMemoryStore, PostgresStore on
 * pg-mem and on the run's real PostgreSQL. Each case states the outcome it expects (so a table that every
 * store gets equally wrong still fails), and every store must give exactly the same error class, `code`,
 * `argument` (or `kind`), and message, because the glue lives once, in src/store/kernel.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InMemoryStore, MAX_ID_BYTES, MAX_RECORD_SIZE, MAX_SCOPE_KEY_BYTES, MAX_JSON_DEPTH, type Store } from "chatkit-testkit";
import { pgMemBackend, realPgBackend, titleOf, type StoreBackend } from "../postgres/backends.js";

type AnyStore = Store<unknown, any>;

const ctx = { user_id: "u1" };
const other = { user_id: "u2" };
const T = { id: "thr_1", created_at: "2026-01-01T00:00:00Z" };
const I = { type: "end_of_turn", id: "msg_1", thread_id: "thr_1", created_at: "2026-01-01T00:00:01Z" };
const A = { type: "file", id: "atc_1", name: "a.txt", mime_type: "text/plain" };

const longId = "x".repeat(MAX_ID_BYTES + 1);
const maxId = "é".repeat(MAX_ID_BYTES / 2); // exactly 1,024 UTF-8 bytes: accepted
const hugeCursor = "c".repeat(2_000_000);
const deep = (levels: number): unknown => {
  let v: unknown = {};
  for (let i = 1; i < levels; i++) v = { v };
  return v;
};

/** What a case expects: a resolution, or an error named by class and `argument` / `kind`. */
type Expect = "resolves" | `InvalidArgumentError ${string}` | `NotFoundError ${string}`;

/** [name, expected, call]. Ids and scopes are the seeded ones unless the name says otherwise. */
const CASES: readonly (readonly [string, Expect, (s: AnyStore) => unknown])[] = [
  // ---- loadThread
  ["loadThread: missing thread", "NotFoundError thread", (s) => s.loadThread("thr_missing", ctx)],
  ["loadThread: another scope's thread", "NotFoundError thread", (s) => s.loadThread("thr_1", other)],
  ["loadThread: empty id", "InvalidArgumentError threadId", (s) => s.loadThread("", ctx)],
  ["loadThread: a number as id", "InvalidArgumentError threadId", (s) => s.loadThread(42 as never, ctx)],
  ["loadThread: an id past the limit", "NotFoundError thread", (s) => s.loadThread(longId, ctx)],
  ["loadThread: an id with U+0000", "NotFoundError thread", (s) => s.loadThread("thr_\u0000", ctx)],
  ["loadThread: an id with a lone surrogate", "NotFoundError thread", (s) => s.loadThread("thr_\ud800", ctx)],
  // ---- saveThread
  ["saveThread: no id", "InvalidArgumentError thread.id", (s) => s.saveThread({ created_at: T.created_at } as never, ctx)],
  ["saveThread: not an object", "InvalidArgumentError thread", (s) => s.saveThread("thr_1" as never, ctx)],
  ["saveThread: an array", "InvalidArgumentError thread", (s) => s.saveThread([T] as never, ctx)],
  ["saveThread: no created_at", "InvalidArgumentError thread.created_at", (s) => s.saveThread({ id: "thr_2" } as never, ctx)],
  ["saveThread: created_at not a timestamp", "InvalidArgumentError thread.created_at", (s) => s.saveThread({ id: "thr_2", created_at: "yesterday" }, ctx)],
  ["saveThread: created_at a Date", "InvalidArgumentError thread.created_at", (s) => s.saveThread({ id: "thr_2", created_at: new Date(0) } as never, ctx)],
  ["saveThread: a Date in metadata", "InvalidArgumentError thread.metadata.when", (s) => s.saveThread({ ...T, id: "thr_2", metadata: { when: new Date(0) } } as never, ctx)],
  ["saveThread: NaN in metadata", "InvalidArgumentError thread.metadata.n", (s) => s.saveThread({ ...T, id: "thr_2", metadata: { n: Number.NaN } } as never, ctx)],
  ["saveThread: an id past the limit", "InvalidArgumentError thread.id", (s) => s.saveThread({ ...T, id: longId }, ctx)],
  ["saveThread: an id with U+0000", "InvalidArgumentError thread.id", (s) => s.saveThread({ ...T, id: "thr_\u0000" }, ctx)],
  ["saveThread: an id with a lone surrogate", "InvalidArgumentError thread.id", (s) => s.saveThread({ ...T, id: "thr_\udc00x" }, ctx)],
  ["saveThread: an id of exactly the limit", "resolves", (s) => s.saveThread({ ...T, id: maxId }, ctx)],
  ["saveThread: nested one level past the depth limit", "InvalidArgumentError thread", (s) => s.saveThread({ ...T, id: "thr_2", metadata: deep(MAX_JSON_DEPTH) } as never, ctx)],
  ["saveThread: larger than the size limit", "InvalidArgumentError thread", (s) => s.saveThread({ ...T, id: "thr_2", title: "t".repeat(MAX_RECORD_SIZE) }, ctx)],
  // ---- loadThreads
  ["loadThreads: limit 0", "InvalidArgumentError limit", (s) => s.loadThreads(0, null, "asc", ctx)],
  ["loadThreads: limit 1.5", "InvalidArgumentError limit", (s) => s.loadThreads(1.5, null, "asc", ctx)],
  ["loadThreads: limit as a string", "InvalidArgumentError limit", (s) => s.loadThreads("10" as never, null, "asc", ctx)],
  ["loadThreads: order ASC", "InvalidArgumentError order", (s) => s.loadThreads(10, null, "ASC" as never, ctx)],
  ["loadThreads: after a number", "InvalidArgumentError after", (s) => s.loadThreads(10, 42 as never, "asc", ctx)],
  ["loadThreads: missing cursor", "NotFoundError cursor", (s) => s.loadThreads(10, "thr_missing", "asc", ctx)],
  ["loadThreads: another scope's cursor", "NotFoundError cursor", (s) => s.loadThreads(10, "thr_1", "desc", other)],
  ["loadThreads: a 2 MB cursor", "NotFoundError cursor", (s) => s.loadThreads(10, hugeCursor, "asc", ctx)],
  ["loadThreads: an item id as cursor", "NotFoundError cursor", (s) => s.loadThreads(10, "msg_1", "asc", ctx)],
  ["loadThreads: after \"\" is no cursor", "resolves", (s) => s.loadThreads(10, "", "asc", ctx)],
  // ---- deleteThread
  ["deleteThread: empty id", "InvalidArgumentError threadId", (s) => s.deleteThread("", ctx)],
  ["deleteThread: missing thread is a no-op", "resolves", (s) => s.deleteThread("thr_missing", ctx)],
  ["deleteThread: an id past the limit is a no-op", "resolves", (s) => s.deleteThread(longId, ctx)],
  // ---- loadThreadItems
  ["loadThreadItems: missing thread is an empty page", "resolves", (s) => s.loadThreadItems("thr_missing", null, 10, "asc", ctx)],
  ["loadThreadItems: another scope's thread is an empty page", "resolves", (s) => s.loadThreadItems("thr_1", null, 10, "asc", other)],
  ["loadThreadItems: a thread id past the limit is an empty page", "resolves", (s) => s.loadThreadItems(longId, null, 10, "asc", ctx)],
  ["loadThreadItems: a cursor in a missing thread", "NotFoundError cursor", (s) => s.loadThreadItems("thr_missing", "msg_1", 10, "asc", ctx)],
  ["loadThreadItems: missing cursor", "NotFoundError cursor", (s) => s.loadThreadItems("thr_1", "msg_missing", 10, "asc", ctx)],
  ["loadThreadItems: a thread id as cursor", "NotFoundError cursor", (s) => s.loadThreadItems("thr_1", "thr_1", 10, "asc", ctx)],
  ["loadThreadItems: a 2 MB cursor", "NotFoundError cursor", (s) => s.loadThreadItems("thr_1", hugeCursor, 10, "desc", ctx)],
  ["loadThreadItems: limit -1", "InvalidArgumentError limit", (s) => s.loadThreadItems("thr_1", null, -1, "asc", ctx)],
  ["loadThreadItems: limit NaN", "InvalidArgumentError limit", (s) => s.loadThreadItems("thr_1", null, Number.NaN, "asc", ctx)],
  ["loadThreadItems: order null", "InvalidArgumentError order", (s) => s.loadThreadItems("thr_1", null, 10, null as never, ctx)],
  ["loadThreadItems: empty thread id", "InvalidArgumentError threadId", (s) => s.loadThreadItems("", null, 10, "asc", ctx)],
  // ---- addThreadItem and saveItem
  ...(["addThreadItem", "saveItem"] as const).flatMap((m) => [
    [`${m}: missing thread`, "NotFoundError thread", (s: AnyStore) => s[m]("thr_missing", { ...I, id: "msg_2" }, ctx)],
    [`${m}: another scope's thread`, "NotFoundError thread", (s: AnyStore) => s[m]("thr_1", { ...I, id: "msg_2" }, other)],
    [`${m}: a thread id past the limit`, "NotFoundError thread", (s: AnyStore) => s[m](longId, { ...I, id: "msg_2" }, ctx)],
    [`${m}: empty thread id`, "InvalidArgumentError threadId", (s: AnyStore) => s[m]("", I, ctx)],
    [`${m}: no type`, "InvalidArgumentError item.type", (s: AnyStore) => s[m]("thr_1", { id: "msg_2", created_at: I.created_at } as never, ctx)],
    [`${m}: no id`, "InvalidArgumentError item.id", (s: AnyStore) => s[m]("thr_1", { type: "end_of_turn", created_at: I.created_at } as never, ctx)],
    [`${m}: thread_id a number`, "InvalidArgumentError item.thread_id", (s: AnyStore) => s[m]("thr_1", { ...I, id: "msg_2", thread_id: 1 } as never, ctx)],
    [`${m}: an id past the limit`, "InvalidArgumentError item.id", (s: AnyStore) => s[m]("thr_1", { ...I, id: longId }, ctx)],
    [`${m}: a function in content`, "InvalidArgumentError item.content", (s: AnyStore) => s[m]("thr_1", { ...I, id: "msg_2", content: () => 1 } as never, ctx)],
  ] as const),
  // ---- loadItem
  ["loadItem: missing item", "NotFoundError item", (s) => s.loadItem("thr_1", "msg_missing", ctx)],
  ["loadItem: missing thread", "NotFoundError item", (s) => s.loadItem("thr_missing", "msg_1", ctx)],
  ["loadItem: another scope's item", "NotFoundError item", (s) => s.loadItem("thr_1", "msg_1", other)],
  ["loadItem: an item id past the limit", "NotFoundError item", (s) => s.loadItem("thr_1", longId, ctx)],
  ["loadItem: empty item id", "InvalidArgumentError itemId", (s) => s.loadItem("thr_1", "", ctx)],
  ["loadItem: empty thread id", "InvalidArgumentError threadId", (s) => s.loadItem("", "msg_1", ctx)],
  // ---- deleteThreadItem
  ["deleteThreadItem: missing item is a no-op", "resolves", (s) => s.deleteThreadItem("thr_1", "msg_missing", ctx)],
  ["deleteThreadItem: empty item id", "InvalidArgumentError itemId", (s) => s.deleteThreadItem("thr_1", "", ctx)],
  ["deleteThreadItem: a number as thread id", "InvalidArgumentError threadId", (s) => s.deleteThreadItem(7 as never, "msg_1", ctx)],
  // ---- attachments
  ["saveAttachment: no id", "InvalidArgumentError attachment.id", (s) => s.saveAttachment({ type: "file", name: "a" } as never, ctx)],
  ["saveAttachment: no type", "InvalidArgumentError attachment.type", (s) => s.saveAttachment({ id: "atc_2", name: "a" } as never, ctx)],
  ["saveAttachment: null", "InvalidArgumentError attachment", (s) => s.saveAttachment(null as never, ctx)],
  ["saveAttachment: an id past the limit", "InvalidArgumentError attachment.id", (s) => s.saveAttachment({ ...A, id: longId }, ctx)],
  ["loadAttachment: missing", "NotFoundError attachment", (s) => s.loadAttachment("atc_missing", ctx)],
  ["loadAttachment: another scope's", "NotFoundError attachment", (s) => s.loadAttachment("atc_1", other)],
  ["loadAttachment: empty id", "InvalidArgumentError attachmentId", (s) => s.loadAttachment("", ctx)],
  ["deleteAttachment: missing is a no-op", "resolves", (s) => s.deleteAttachment("atc_missing", ctx)],
  ["deleteAttachment: undefined id", "InvalidArgumentError attachmentId", (s) => s.deleteAttachment(undefined as never, ctx)],
  // ---- scope (C-SCOPE fails closed; the key limits)
  ["loadThread: no context", "InvalidArgumentError context", (s) => s.loadThread("thr_1", undefined)],
  ["saveThread: an empty user_id", "InvalidArgumentError context", (s) => s.saveThread(T, { user_id: "" })],
  ["loadThreads: a scope key past the limit", "InvalidArgumentError context", (s) => s.loadThreads(10, null, "asc", { user_id: "u".repeat(MAX_SCOPE_KEY_BYTES + 1) })],
  ["saveAttachment: a scope key with U+0000", "InvalidArgumentError context", (s) => s.saveAttachment(A, { user_id: "u\u0000" })],
  ["deleteThread: a scope key with a lone surrogate", "InvalidArgumentError context", (s) => s.deleteThread("thr_1", { user_id: "u\ud800" })],
  ["generateThreadId: no context", "InvalidArgumentError context", (s) => s.generateThreadId(undefined)],
  ["generateItemId: a scope key past the limit", "InvalidArgumentError context", (s) => s.generateItemId("message", T, "k".repeat(MAX_SCOPE_KEY_BYTES + 1))],
  ["loadThreads: a scope key of exactly the limit", "resolves", (s) => s.loadThreads(10, null, "asc", { user_id: "ü".repeat(MAX_SCOPE_KEY_BYTES / 2) })],
];

/** A call's outcome, in the fields that must agree across stores. */
async function outcome(call: () => unknown): Promise<Record<string, unknown>> {
  try {
    const value = await call();
    return { status: "resolves", value: value && typeof value === "object" && "data" in value ? value : typeof value };
  } catch (e) {
    const error = e as Record<string, unknown>;
    return {
      status: "rejects",
      class: error.constructor === undefined ? undefined : (error.constructor as { name: string }).name,
      name: error.name,
      code: error.code,
      argument: error.argument,
      method: error.method,
      kind: error.kind,
      message: error.message,
    };
  }
}

function label(o: Record<string, unknown>): string {
  if (o.status === "resolves") return "resolves";
  return `${String(o.name)} ${String(o.name === "NotFoundError" ? o.kind : o.argument)}`;
}

const memoryBackend: StoreBackend = {
  name: "InMemoryStore",
  available: true,
  real: false,
  createStore: async () => new InMemoryStore() as never,
  destroyStore: async () => {},
  close: async () => {},
};
const BACKENDS = [memoryBackend, pgMemBackend("database"), realPgBackend("database")];

async function seeded(backend: StoreBackend): Promise<AnyStore> {
  const store = (await backend.createStore()) as unknown as AnyStore;
  await store.saveThread(T, ctx);
  await store.addThreadItem("thr_1", I, ctx);
  await store.saveAttachment(A, ctx);
  return store;
}

/** Everything a scope holds, through the store's own reads. */
async function contents(store: AnyStore, context: unknown): Promise<unknown> {
  const threads = await store.loadThreads(100, null, "asc", context);
  const items = await store.loadThreadItems("thr_1", null, 100, "asc", context);
  const attachment = await store.loadAttachment("atc_1", context).then((a) => a.id, (e: Error) => e.name);
  return { threads: threads.data.map((t) => t.id), items: items.data.map((i) => i.id), attachment };
}

const seen = new Map<string, Map<string, Record<string, unknown>>>();

afterAll(async () => {
  for (const b of BACKENDS) await b.close();
});

describe.each(BACKENDS.map((b) => [titleOf(b), b] as const))("error cases on %s", (_title, backend) => {
  const results = new Map<string, Record<string, unknown>>();
  let store: AnyStore;
  beforeAll(async () => {
    if (!backend.available) return;
    store = await seeded(backend);
    seen.set(backend.name, results);
  });

  it.skipIf(!backend.available).each(CASES.map(([name, expected, call]) => [name, expected, call] as const))("%s → %s", async (name, expected, call) => {
    const o = await outcome(() => call(store));
    results.set(name, o);
    expect(label(o), JSON.stringify(o).slice(0, 400)).toBe(expected);
    if (o.status === "rejects") {
      expect(o.class).toBe(o.name); // a real instance of the class, not an imitation
      expect(String(o.message)).toMatch(/^\[chatkit-testkit\] /);
      expect(String(o.message).length).toBeLessThan(600); // never a whole 2 MB cursor or record
    }
  });

  it.skipIf(!backend.available)("C-ERR: no rejected call changed what the store holds (the one accepted max-length save aside)", async () => {
    expect(await contents(store, ctx)).toEqual({ threads: ["thr_1", maxId], items: ["msg_1"], attachment: "atc_1" });
    expect(await contents(store, other)).toEqual({ threads: [], items: [], attachment: "NotFoundError" });
  });
});

describe("the same outcome on every bundled store", () => {
  it("C-ERR: every case gives the same class, code, argument, kind and message on every available store as on InMemoryStore", () => {
    const reference = seen.get("InMemoryStore")!;
    expect(reference.size).toBe(CASES.length);
    for (const [name, results] of seen) {
      if (name === "InMemoryStore") continue;
      expect(results.size, name).toBe(CASES.length);
      for (const [title] of CASES) expect(results.get(title), `${name}: ${title}`).toEqual(reference.get(title));
    }
    expect(seen.size).toBe(BACKENDS.filter((b) => b.available).length);
  });
});
