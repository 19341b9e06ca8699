/**
 * One table of error cases — every method × missing thread, item, attachment and cursor, bad limit,
 * order, ids, records, limits and scope — run against every bundled store: InMemoryStore, PostgresStore on
 * pg-mem and on the run's real PostgreSQL. Each case states the outcome it expects (so a table that every
 * store gets equally wrong still fails), and every store must give exactly the same error class, `code`,
 * `argument` (or `kind`), `id`, `method` and message, because the glue lives once, in src/store/kernel.ts.
 *
 * What each row states: its label (a resolution, or the error class with its `argument` / `kind`); the
 * called method, which is the part of its name before the colon and must be the error's `method`; for a
 * NotFoundError the requested `id`; for a resolution the page (ids, has_more, after) or `undefined`; and
 * where a text is pinned, the exact message (or a part it must contain).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InMemoryStore, MAX_ID_BYTES, MAX_RECORD_SIZE, MAX_SCOPE_KEY_BYTES, MAX_JSON_DEPTH, type Store } from "chatkit-testkit";
import { titleOf, type StoreBackend } from "../postgres/backends.js";
import { bundledBackends } from "./bundled.js";

type AnyStore = Store<unknown, any>;

const ctx = { user_id: "u1" };
/** A scope that never wrote anything. */
const other = { user_id: "u2" };
/** A scope with a thread of its own named "thr_1" (see {@link seeded}). */
const third = { user_id: "u3" };
const T = { id: "thr_1", created_at: "2026-01-01T00:00:00Z" };
const I = { type: "end_of_turn", id: "msg_1", thread_id: "thr_1", created_at: "2026-01-01T00:00:01Z" };
const A = { type: "file", id: "atc_1", name: "a.txt", mime_type: "text/plain" };
const item = (id: string, threadId: string, createdAt: string) => ({ type: "end_of_turn", id, thread_id: threadId, created_at: createdAt });

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

/** A page as a row states it: the ids, has_more and after. */
interface PageShape {
  readonly ids: readonly string[];
  readonly has_more: boolean;
  readonly after: string | null;
}
/** The page of `ids`; with more rows to come, `after` is the last of them. */
const page = (ids: readonly string[], hasMore = false): PageShape => ({ ids, has_more: hasMore, after: hasMore ? ids.at(-1)! : null });

/**
 * What a row states beyond its label: a NotFoundError's requested `id` (every NotFoundError row states
 * one); a resolution's `page`, or `value: undefined` (every resolving row states one of them); the exact
 * `message`, or a part it must `contain`.
 */
interface Details {
  readonly id?: string;
  readonly page?: PageShape;
  readonly value?: undefined;
  readonly message?: string;
  readonly contains?: string;
}

type Case = readonly [name: string, expected: Expect, call: (s: AnyStore) => unknown, details?: Details];

const resolvesUndefined: Details = { value: undefined };
const limitMessage = (method: string, shown: string) => `[chatkit-testkit] ${method}: limit must be an integer ≥ 1, got ${shown}`;
const orderMessage = (method: string, shown: string) => `[chatkit-testkit] ${method}: order must be "asc" or "desc", got ${shown}`;

/** [value, how a message shows it]: every non-limit a store must reject (C-LIMIT). */
const BAD_LIMITS: readonly (readonly [unknown, string])[] = [
  [0, "0"],
  [-1, "-1"],
  [1.5, "1.5"],
  [Number.NaN, "NaN"],
  [Number.POSITIVE_INFINITY, "Infinity"],
  ["5", '"5"'],
  [null, "null"],
  [undefined, "undefined"],
];
/** [value, how a message shows it]: every non-order a store must reject (C-LIMIT). */
const BAD_ORDERS: readonly (readonly [unknown, string])[] = [
  ["ASC", '"ASC"'],
  ["Desc", '"Desc"'],
  ["", '""'],
  [undefined, "undefined"],
  [null, "null"],
  [1, "1"],
  [" asc", '" asc"'],
];

/** [name, expected, call, details]. Ids and scopes are the seeded ones unless the name says otherwise. */
const CASES: readonly Case[] = [
  // ---- loadThread
  ["loadThread: missing thread", "NotFoundError thread", (s) => s.loadThread("thr_missing", ctx), { id: "thr_missing", contains: '"thr_missing"' }],
  ["loadThread: another scope's thread", "NotFoundError thread", (s) => s.loadThread("thr_1", other), { id: "thr_1" }],
  ["loadThread: a deleted thread", "NotFoundError thread", (s) => s.loadThread("thr_del", ctx), { id: "thr_del" }],
  ["loadThread: empty id", "InvalidArgumentError threadId", (s) => s.loadThread("", ctx)],
  ["loadThread: a number as id", "InvalidArgumentError threadId", (s) => s.loadThread(42 as never, ctx)],
  ["loadThread: an id past the limit", "NotFoundError thread", (s) => s.loadThread(longId, ctx), { id: longId }],
  ["loadThread: an id with U+0000", "NotFoundError thread", (s) => s.loadThread("thr_\u0000", ctx), { id: "thr_\u0000" }],
  ["loadThread: an id with a lone surrogate", "NotFoundError thread", (s) => s.loadThread("thr_\ud800", ctx), { id: "thr_\ud800" }],
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
  ["saveThread: an id of exactly the limit", "resolves", (s) => s.saveThread({ ...T, id: maxId }, ctx), resolvesUndefined],
  ["saveThread: nested one level past the depth limit", "InvalidArgumentError thread", (s) => s.saveThread({ ...T, id: "thr_2", metadata: deep(MAX_JSON_DEPTH) } as never, ctx)],
  ["saveThread: larger than the size limit", "InvalidArgumentError thread", (s) => s.saveThread({ ...T, id: "thr_2", title: "t".repeat(MAX_RECORD_SIZE) }, ctx)],
  // ---- loadThreads
  ...BAD_LIMITS.map(([limit, shown]): Case => [`loadThreads: limit ${shown}`, "InvalidArgumentError limit", (s) => s.loadThreads(limit as never, null, "asc", ctx), { message: limitMessage("loadThreads", shown) }]),
  ["loadThreads: limit as a string", "InvalidArgumentError limit", (s) => s.loadThreads("10" as never, null, "asc", ctx), { message: limitMessage("loadThreads", '"10"') }],
  ["loadThreads: a bad limit with an unknown cursor (arguments first)", "InvalidArgumentError limit", (s) => s.loadThreads(0, "thr_unknown", "asc", ctx), { message: limitMessage("loadThreads", "0") }],
  ...BAD_ORDERS.map(([order, shown]): Case => [`loadThreads: order ${shown}`, "InvalidArgumentError order", (s) => s.loadThreads(10, null, order as never, ctx), { message: orderMessage("loadThreads", shown) }]),
  ["loadThreads: after a number", "InvalidArgumentError after", (s) => s.loadThreads(10, 42 as never, "asc", ctx), { message: "[chatkit-testkit] loadThreads: after must be a string id or null, got 42" }],
  ["loadThreads: missing cursor", "NotFoundError cursor", (s) => s.loadThreads(10, "thr_x", "asc", ctx), { id: "thr_x", message: '[chatkit-testkit] loadThreads: cursor thread "thr_x" not found' }],
  ["loadThreads: another scope's cursor", "NotFoundError cursor", (s) => s.loadThreads(10, "thr_1", "desc", other), { id: "thr_1" }],
  ["loadThreads: a deleted thread as cursor", "NotFoundError cursor", (s) => s.loadThreads(10, "thr_del", "desc", ctx), { id: "thr_del" }],
  ["loadThreads: a 2 MB cursor", "NotFoundError cursor", (s) => s.loadThreads(10, hugeCursor, "asc", ctx), { id: hugeCursor }],
  ["loadThreads: an item id as cursor", "NotFoundError cursor", (s) => s.loadThreads(10, "msg_1", "asc", ctx), { id: "msg_1" }],
  ["loadThreads: after \"\" is no cursor", "resolves", (s) => s.loadThreads(1, "", "asc", ctx), { page: page(["thr_1"], true) }],
  ["loadThreads: after undefined is no cursor", "resolves", (s) => s.loadThreads(1, undefined as never, "desc", ctx), { page: page(["thr_2"], true) }],
  ["loadThreads: limit Number.MAX_SAFE_INTEGER gives every row", "resolves", (s) => s.loadThreads(Number.MAX_SAFE_INTEGER, null, "asc", third), { page: page(["thr_1", "thr_u3"]) }],
  ["loadThreads: limit 1e9 gives every row", "resolves", (s) => s.loadThreads(1e9, null, "desc", third), { page: page(["thr_u3", "thr_1"]) }],
  // ---- deleteThread
  ["deleteThread: empty id", "InvalidArgumentError threadId", (s) => s.deleteThread("", ctx)],
  ["deleteThread: missing thread is a no-op", "resolves", (s) => s.deleteThread("thr_missing", ctx), resolvesUndefined],
  ["deleteThread: a deleted thread is a no-op", "resolves", (s) => s.deleteThread("thr_del", ctx), resolvesUndefined],
  ["deleteThread: an id past the limit is a no-op", "resolves", (s) => s.deleteThread(longId, ctx), resolvesUndefined],
  // ---- loadThreadItems
  ["loadThreadItems: missing thread is an empty page", "resolves", (s) => s.loadThreadItems("thr_missing", null, 10, "asc", ctx), { page: page([]) }],
  ["loadThreadItems: after \"\" on a missing thread is an empty page", "resolves", (s) => s.loadThreadItems("thr_missing", "", 10, "asc", ctx), { page: page([]) }],
  ["loadThreadItems: after undefined on a missing thread is an empty page", "resolves", (s) => s.loadThreadItems("thr_missing", undefined as never, 10, "desc", ctx), { page: page([]) }],
  ["loadThreadItems: another scope's thread is an empty page", "resolves", (s) => s.loadThreadItems("thr_1", null, 10, "asc", other), { page: page([]) }],
  ["loadThreadItems: a thread id past the limit is an empty page", "resolves", (s) => s.loadThreadItems(longId, null, 10, "asc", ctx), { page: page([]) }],
  ["loadThreadItems: a deleted thread is an empty page", "resolves", (s) => s.loadThreadItems("thr_del", null, 10, "asc", ctx), { page: page([]) }],
  ["loadThreadItems: after \"\" is no cursor", "resolves", (s) => s.loadThreadItems("thr_2", "", 1, "desc", ctx), { page: page(["msg_2c"], true) }],
  ["loadThreadItems: after undefined is no cursor", "resolves", (s) => s.loadThreadItems("thr_2", undefined as never, 2, "asc", ctx), { page: page(["msg_2a", "msg_2b"], true) }],
  ["loadThreadItems: limit Number.MAX_SAFE_INTEGER gives every row", "resolves", (s) => s.loadThreadItems("thr_2", null, Number.MAX_SAFE_INTEGER, "asc", ctx), { page: page(["msg_2a", "msg_2b", "msg_2c"]) }],
  ["loadThreadItems: limit 1e9 gives every row", "resolves", (s) => s.loadThreadItems("thr_2", null, 1e9, "desc", ctx), { page: page(["msg_2c", "msg_2b", "msg_2a"]) }],
  ["loadThreadItems: a cursor in a missing thread", "NotFoundError cursor", (s) => s.loadThreadItems("thr_missing", "msg_1", 10, "asc", ctx), { id: "msg_1" }],
  ["loadThreadItems: a cursor in a missing thread, desc", "NotFoundError cursor", (s) => s.loadThreadItems("thr_missing", "msg_1", 10, "desc", ctx), { id: "msg_1" }],
  [
    "loadThreadItems: missing cursor",
    "NotFoundError cursor",
    (s) => s.loadThreadItems("thr_1", "msg_x", 10, "asc", ctx),
    { id: "msg_x", message: '[chatkit-testkit] loadThreadItems: cursor item "msg_x" not found in thread "thr_1"' },
  ],
  ["loadThreadItems: a thread id as cursor", "NotFoundError cursor", (s) => s.loadThreadItems("thr_1", "thr_1", 10, "asc", ctx), { id: "thr_1" }],
  // near misses of msg_1 and thr_1 (the harness's cursor.unknown asserts NotFoundError; here its kind and id)
  ["loadThreadItems: the upper-case twin of an item id as cursor", "NotFoundError cursor", (s) => s.loadThreadItems("thr_1", "MSG_1", 10, "asc", ctx), { id: "MSG_1" }],
  ["loadThreadItems: the trailing-space twin of an item id as cursor, desc", "NotFoundError cursor", (s) => s.loadThreadItems("thr_1", "msg_1 ", 10, "desc", ctx), { id: "msg_1 " }],
  ["loadThreadItems: a LIKE % pattern as cursor", "NotFoundError cursor", (s) => s.loadThreadItems("thr_1", "msg_%", 10, "asc", ctx), { id: "msg_%" }],
  ["loadThreadItems: a LIKE _ pattern as cursor", "NotFoundError cursor", (s) => s.loadThreadItems("thr_1", "msg__", 10, "desc", ctx), { id: "msg__" }],
  ["loadThreads: a prefix of a thread id as cursor", "NotFoundError cursor", (s) => s.loadThreads(10, "thr_", "asc", ctx), { id: "thr_" }],
  ["loadThreads: the LIKE pattern % as cursor, desc", "NotFoundError cursor", (s) => s.loadThreads(10, "%", "desc", ctx), { id: "%" }],
  ["loadThreadItems: an item of another thread as cursor", "NotFoundError cursor", (s) => s.loadThreadItems("thr_1", "msg_2a", 10, "asc", ctx), { id: "msg_2a" }],
  ["loadThreadItems: an item of another thread as cursor, desc", "NotFoundError cursor", (s) => s.loadThreadItems("thr_2", "msg_1", 10, "desc", ctx), { id: "msg_1" }],
  ["loadThreadItems: another scope's item as cursor in a thread of the same id", "NotFoundError cursor", (s) => s.loadThreadItems("thr_1", "msg_u3", 10, "asc", ctx), { id: "msg_u3" }],
  ["loadThreadItems: another scope's item as cursor in a thread of the same id, desc", "NotFoundError cursor", (s) => s.loadThreadItems("thr_1", "msg_1", 10, "desc", third), { id: "msg_1" }],
  ["loadThreadItems: a deleted item as cursor", "NotFoundError cursor", (s) => s.loadThreadItems("thr_1", "msg_del", 10, "asc", ctx), { id: "msg_del" }],
  ["loadThreadItems: an item of a deleted thread as cursor", "NotFoundError cursor", (s) => s.loadThreadItems("thr_del", "msg_d1", 10, "desc", ctx), { id: "msg_d1" }],
  ["loadThreadItems: a cursor into another scope's thread", "NotFoundError cursor", (s) => s.loadThreadItems("thr_2", "msg_2a", 10, "asc", other), { id: "msg_2a" }],
  ["loadThreadItems: a 2 MB cursor", "NotFoundError cursor", (s) => s.loadThreadItems("thr_1", hugeCursor, 10, "desc", ctx), { id: hugeCursor }],
  ["loadThreadItems: limit -1", "InvalidArgumentError limit", (s) => s.loadThreadItems("thr_1", null, -1, "asc", ctx), { message: limitMessage("loadThreadItems", "-1") }],
  ["loadThreadItems: limit NaN", "InvalidArgumentError limit", (s) => s.loadThreadItems("thr_1", null, Number.NaN, "asc", ctx), { message: limitMessage("loadThreadItems", "NaN") }],
  ...BAD_LIMITS.map(([limit, shown]): Case => [
    `loadThreadItems: limit ${shown} on a missing thread with a cursor (arguments first)`,
    "InvalidArgumentError limit",
    (s) => s.loadThreadItems("thr_missing", "x", limit as never, "asc", ctx),
    { message: limitMessage("loadThreadItems", shown) },
  ]),
  ["loadThreadItems: a bad limit with an unknown cursor (arguments first)", "InvalidArgumentError limit", (s) => s.loadThreadItems("thr_1", "msg_unknown", 0, "desc", ctx), { message: limitMessage("loadThreadItems", "0") }],
  ...BAD_ORDERS.map(([order, shown]): Case => [`loadThreadItems: order ${shown}`, "InvalidArgumentError order", (s) => s.loadThreadItems("thr_1", null, 10, order as never, ctx), { message: orderMessage("loadThreadItems", shown) }]),
  ["loadThreadItems: an object as cursor", "InvalidArgumentError after", (s) => s.loadThreadItems("thr_1", {} as never, 10, "asc", ctx), { message: "[chatkit-testkit] loadThreadItems: after must be a string id or null, got {}" }],
  ["loadThreadItems: empty thread id", "InvalidArgumentError threadId", (s) => s.loadThreadItems("", null, 10, "asc", ctx)],
  // ---- addThreadItem and saveItem
  ...(["addThreadItem", "saveItem"] as const).flatMap((m): Case[] => [
    [`${m}: missing thread`, "NotFoundError thread", (s: AnyStore) => s[m]("thr_missing", { ...I, id: "msg_2" }, ctx), { id: "thr_missing", message: `[chatkit-testkit] ${m}: thread "thr_missing" not found` }],
    [`${m}: another scope's thread`, "NotFoundError thread", (s: AnyStore) => s[m]("thr_1", { ...I, id: "msg_2" }, other), { id: "thr_1" }],
    [`${m}: a deleted thread`, "NotFoundError thread", (s: AnyStore) => s[m]("thr_del", item("msg_late", "thr_del", "2026-01-03T00:00:09Z"), ctx), { id: "thr_del" }],
    [`${m}: a thread id past the limit`, "NotFoundError thread", (s: AnyStore) => s[m](longId, { ...I, id: "msg_2" }, ctx), { id: longId }],
    [`${m}: empty thread id`, "InvalidArgumentError threadId", (s: AnyStore) => s[m]("", I, ctx)],
    [`${m}: no type`, "InvalidArgumentError item.type", (s: AnyStore) => s[m]("thr_1", { id: "msg_2", created_at: I.created_at } as never, ctx)],
    [`${m}: no id`, "InvalidArgumentError item.id", (s: AnyStore) => s[m]("thr_1", { type: "end_of_turn", created_at: I.created_at } as never, ctx)],
    [`${m}: thread_id a number`, "InvalidArgumentError item.thread_id", (s: AnyStore) => s[m]("thr_1", { ...I, id: "msg_2", thread_id: 1 } as never, ctx)],
    [`${m}: an id past the limit`, "InvalidArgumentError item.id", (s: AnyStore) => s[m]("thr_1", { ...I, id: longId }, ctx)],
    [`${m}: a function in content`, "InvalidArgumentError item.content", (s: AnyStore) => s[m]("thr_1", { ...I, id: "msg_2", content: () => 1 } as never, ctx)],
  ]),
  // ---- loadItem
  ["loadItem: missing item", "NotFoundError item", (s) => s.loadItem("thr_1", "msg_missing", ctx), { id: "msg_missing", contains: '"msg_missing"' }],
  ["loadItem: missing thread", "NotFoundError item", (s) => s.loadItem("thr_missing", "msg_1", ctx), { id: "msg_1" }],
  ["loadItem: another scope's item", "NotFoundError item", (s) => s.loadItem("thr_1", "msg_1", other), { id: "msg_1" }],
  ["loadItem: a deleted item", "NotFoundError item", (s) => s.loadItem("thr_1", "msg_del", ctx), { id: "msg_del" }],
  ["loadItem: an item of a deleted thread", "NotFoundError item", (s) => s.loadItem("thr_del", "msg_d1", ctx), { id: "msg_d1" }],
  ["loadItem: an item id past the limit", "NotFoundError item", (s) => s.loadItem("thr_1", longId, ctx), { id: longId }],
  ["loadItem: empty item id", "InvalidArgumentError itemId", (s) => s.loadItem("thr_1", "", ctx)],
  ["loadItem: empty thread id", "InvalidArgumentError threadId", (s) => s.loadItem("", "msg_1", ctx)],
  // ---- deleteThreadItem
  ["deleteThreadItem: missing item is a no-op", "resolves", (s) => s.deleteThreadItem("thr_1", "msg_missing", ctx), resolvesUndefined],
  ["deleteThreadItem: missing thread is a no-op", "resolves", (s) => s.deleteThreadItem("thr_missing", "msg_1", ctx), resolvesUndefined],
  ["deleteThreadItem: a deleted item is a no-op", "resolves", (s) => s.deleteThreadItem("thr_1", "msg_del", ctx), resolvesUndefined],
  ["deleteThreadItem: empty item id", "InvalidArgumentError itemId", (s) => s.deleteThreadItem("thr_1", "", ctx)],
  ["deleteThreadItem: a number as thread id", "InvalidArgumentError threadId", (s) => s.deleteThreadItem(7 as never, "msg_1", ctx)],
  // ---- attachments
  ["saveAttachment: no id", "InvalidArgumentError attachment.id", (s) => s.saveAttachment({ type: "file", name: "a" } as never, ctx)],
  ["saveAttachment: no type", "InvalidArgumentError attachment.type", (s) => s.saveAttachment({ id: "atc_2", name: "a" } as never, ctx)],
  ["saveAttachment: null", "InvalidArgumentError attachment", (s) => s.saveAttachment(null as never, ctx)],
  ["saveAttachment: an id past the limit", "InvalidArgumentError attachment.id", (s) => s.saveAttachment({ ...A, id: longId }, ctx)],
  ["loadAttachment: missing", "NotFoundError attachment", (s) => s.loadAttachment("atc_missing", ctx), { id: "atc_missing", contains: '"atc_missing"' }],
  ["loadAttachment: another scope's", "NotFoundError attachment", (s) => s.loadAttachment("atc_1", other), { id: "atc_1", contains: '"atc_1"' }],
  ["loadAttachment: empty id", "InvalidArgumentError attachmentId", (s) => s.loadAttachment("", ctx)],
  ["deleteAttachment: missing is a no-op", "resolves", (s) => s.deleteAttachment("atc_missing", ctx), resolvesUndefined],
  ["deleteAttachment: undefined id", "InvalidArgumentError attachmentId", (s) => s.deleteAttachment(undefined as never, ctx)],
  // ---- scope (C-SCOPE fails closed; the key limits)
  ["loadThread: no context", "InvalidArgumentError context", (s) => s.loadThread("thr_1", undefined)],
  ["saveThread: an empty user_id", "InvalidArgumentError context", (s) => s.saveThread(T, { user_id: "" })],
  ["loadThreads: a scope key past the limit", "InvalidArgumentError context", (s) => s.loadThreads(10, null, "asc", { user_id: "u".repeat(MAX_SCOPE_KEY_BYTES + 1) })],
  ["saveAttachment: a scope key with U+0000", "InvalidArgumentError context", (s) => s.saveAttachment(A, { user_id: "u\u0000" })],
  ["deleteThread: a scope key with a lone surrogate", "InvalidArgumentError context", (s) => s.deleteThread("thr_1", { user_id: "u\ud800" })],
  ["generateThreadId: no context", "InvalidArgumentError context", (s) => s.generateThreadId(undefined)],
  ["generateItemId: a scope key past the limit", "InvalidArgumentError context", (s) => s.generateItemId("message", T, "k".repeat(MAX_SCOPE_KEY_BYTES + 1))],
  ["loadThreads: a scope key of exactly the limit", "resolves", (s) => s.loadThreads(10, null, "asc", { user_id: "ü".repeat(MAX_SCOPE_KEY_BYTES / 2) }), { page: page([]) }],
];

/** A call's outcome, in the fields that must agree across stores. */
async function outcome(call: () => unknown): Promise<Record<string, unknown>> {
  try {
    const value = await call();
    return { status: "resolves", value: value === undefined ? undefined : typeof value === "object" && value !== null && "data" in value ? value : typeof value };
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
      id: error.id,
      message: error.message,
    };
  }
}

function label(o: Record<string, unknown>): string {
  if (o.status === "resolves") return "resolves";
  return `${String(o.name)} ${String(o.name === "NotFoundError" ? o.kind : o.argument)}`;
}

const BACKENDS = bundledBackends();

/**
 * Scope u1: thr_1 (msg_1; msg_del added and deleted), thr_2 (msg_2a, msg_2b, msg_2c), thr_del (with msg_d1,
 * deleted), atc_1. Scope u3: a thread of its own named thr_1 (msg_u3), and thr_u3. Scope u2: nothing.
 */
async function seeded(backend: StoreBackend): Promise<AnyStore> {
  const store = (await backend.createStore()) as unknown as AnyStore;
  await store.saveThread(T, ctx);
  await store.addThreadItem("thr_1", I, ctx);
  await store.addThreadItem("thr_1", item("msg_del", "thr_1", "2026-01-01T00:00:02Z"), ctx);
  await store.deleteThreadItem("thr_1", "msg_del", ctx);
  await store.saveThread({ id: "thr_2", created_at: "2026-01-02T00:00:00Z" }, ctx);
  for (const [n, id] of ["msg_2a", "msg_2b", "msg_2c"].entries()) await store.addThreadItem("thr_2", item(id, "thr_2", `2026-01-02T00:00:0${n + 1}Z`), ctx);
  await store.saveThread({ id: "thr_del", created_at: "2026-01-03T00:00:00Z" }, ctx);
  await store.addThreadItem("thr_del", item("msg_d1", "thr_del", "2026-01-03T00:00:01Z"), ctx);
  await store.deleteThread("thr_del", ctx);
  await store.saveAttachment(A, ctx);
  await store.saveThread(T, third);
  await store.addThreadItem("thr_1", item("msg_u3", "thr_1", "2026-01-01T00:00:01Z"), third);
  await store.saveThread({ id: "thr_u3", created_at: "2026-01-05T00:00:00Z" }, third);
  return store;
}

/** Everything a scope holds, through the store's own reads: its threads, the items of every thread the cases name, atc_1. */
async function contents(store: AnyStore, context: unknown): Promise<unknown> {
  const threads = await store.loadThreads(100, null, "asc", context);
  const items: Record<string, string[]> = {};
  for (const id of ["thr_1", "thr_2", "thr_del", "thr_missing"]) items[id] = (await store.loadThreadItems(id, null, 100, "asc", context)).data.map((i) => i.id);
  const attachment = await store.loadAttachment("atc_1", context).then((a) => a.id, (e: Error) => e.name);
  return { threads: threads.data.map((t) => t.id), items, attachment };
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

  it.skipIf(!backend.available).each(CASES.map(([name, expected, call, details]) => [name, expected, call, details] as const))("%s → %s", async (name, expected, call, details) => {
    const o = await outcome(() => call(store));
    results.set(name, o);
    const shown = JSON.stringify(o).slice(0, 400);
    expect(label(o), shown).toBe(expected);
    if (o.status === "rejects") {
      expect(o.class).toBe(o.name); // a real instance of the class, not an imitation
      expect(o.method, "the error names the called method (the row's name starts with it)").toBe(name.slice(0, name.indexOf(":")));
      expect(String(o.message)).toMatch(/^\[chatkit-testkit\] /);
      expect(String(o.message).length).toBeLessThan(600); // never a whole 2 MB cursor or record
      if (o.name === "InvalidArgumentError") expect(String(o.message).startsWith(`[chatkit-testkit] ${String(o.method)}: ${String(o.argument)} `), shown).toBe(true);
      if (o.name === "NotFoundError") {
        expect(details?.id, "a NotFoundError row states the requested id").toBeTypeOf("string");
        expect(o.id === details!.id, `id ${String(o.id).slice(0, 80)}`).toBe(true);
      }
    } else {
      expect(details !== undefined && ("page" in details || "value" in details), "a resolving row states its page or value").toBe(true);
      if (details?.page) {
        const p = o.value as { data: { id: string }[]; has_more: boolean; after: string | null };
        expect({ ids: p.data.map((r) => r.id), has_more: p.has_more, after: p.after }).toEqual(details.page);
      } else {
        expect(o.value, "resolves to undefined").toBeUndefined();
      }
    }
    if (details?.message !== undefined) expect(o.message).toBe(details.message);
    if (details?.contains !== undefined) expect(String(o.message)).toContain(details.contains);
  });

  it.skipIf(!backend.available)("C-ERR: no rejected call changed what the store holds (the one accepted max-length save aside)", async () => {
    const none = { thr_1: [], thr_2: [], thr_del: [], thr_missing: [] };
    expect(await contents(store, ctx)).toEqual({ threads: ["thr_1", maxId, "thr_2"], items: { ...none, thr_1: ["msg_1"], thr_2: ["msg_2a", "msg_2b", "msg_2c"] }, attachment: "atc_1" });
    expect(await contents(store, other)).toEqual({ threads: [], items: none, attachment: "NotFoundError" });
    expect(await contents(store, third)).toEqual({ threads: ["thr_1", "thr_u3"], items: { ...none, thr_1: ["msg_u3"] }, attachment: "NotFoundError" });
  });
});

describe("the same outcome on every bundled store", () => {
  it("C-ERR: every case gives the same class, code, argument, kind, id, method and message on every available store as on InMemoryStore", () => {
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
