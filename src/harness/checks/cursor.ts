import type { Order } from "../../store/Store.js";
import { defineChecks, type CheckEnv } from "../Check.js";
import { expectEqual, expectNotFound, expectOk, idsOf } from "../expect.js";
import { at, lister, message, thread } from "./support.js";

/**
 * One collection — a thread's items, or a scope's threads — in a fresh store, with a model of the order
 * the contract gives it: by created_at (whole seconds here), then insertion. A deleted and re-added id
 * is a new insertion (C-CURSOR).
 */
interface Collection<TContext> {
  /** "items of thr_w" or "threads". */
  readonly what: string;
  readonly ctx: TContext;
  list(after: string | null, limit: number, order: Order): Promise<{ data: unknown[]; has_more: boolean; after?: string | null }>;
  add(id: string, seconds: number): Promise<void>;
  remove(id: string): Promise<void>;
  /** The ids in contract order. */
  ids(order: Order): string[];
  /** The created_at (in seconds) of a live row. */
  secondsOf(id: string): number;
}

async function collection<TContext>(env: CheckEnv<TContext>, kind: "items" | "threads"): Promise<Collection<TContext>> {
  const { store, contexts } = await env.fresh();
  const [ctx] = contexts;
  const rows: { id: string; seconds: number; seq: number }[] = [];
  let seq = 0;
  const track = (id: string, seconds: number) => rows.push({ id, seconds, seq: ++seq });
  const untrack = (id: string) => rows.splice(rows.findIndex((r) => r.id === id), 1);
  const ids = (order: Order) => {
    const asc = [...rows].sort((a, b) => a.seconds - b.seconds || a.seq - b.seq).map((r) => r.id);
    return order === "asc" ? asc : asc.reverse();
  };
  const secondsOf = (id: string) => rows.find((r) => r.id === id)!.seconds;
  if (kind === "items") {
    await expectOk(() => store.saveThread(thread("thr_w", at(0)), ctx));
    const list = lister(store, "thr_w");
    return {
      what: "items of thr_w",
      ctx,
      list: (after, limit, order) => list(after, limit, order, ctx),
      add: async (id, seconds) => {
        await expectOk(() => store.addThreadItem("thr_w", message("thr_w", id, at(seconds)), ctx));
        track(id, seconds);
      },
      remove: async (id) => {
        await expectOk(() => store.deleteThreadItem("thr_w", id, ctx));
        untrack(id);
      },
      ids,
      secondsOf,
    };
  }
  const list = lister(store, null);
  return {
    what: "threads",
    ctx,
    list: (after, limit, order) => list(after, limit, order, ctx),
    add: async (id, seconds) => {
      await expectOk(() => store.saveThread(thread(id, at(seconds)), ctx));
      track(id, seconds);
    },
    remove: async (id) => {
      await expectOk(() => store.deleteThread(id, ctx));
      untrack(id);
    },
    ids,
    secondsOf,
  };
}

/**
 * Reads the page after `after` and checks it against the model: the next `limit` rows after the cursor
 * row in the current order, exact has_more and after. Returns the page's `after`.
 */
async function expectNextPage<TContext>(c: Collection<TContext>, after: string | null, limit: number, order: Order, why: string): Promise<string | null> {
  const all = c.ids(order);
  const rest = after === null ? all : all.slice(all.indexOf(after) + 1);
  const want = rest.slice(0, limit);
  const hasMore = rest.length > limit;
  const label = `${c.what}, ${order}, limit ${limit}, the page ${after === null ? "from the start" : `after ${JSON.stringify(after)}`}${why ? ` ${why}` : ""}`;
  const page = await expectOk(() => c.list(after, limit, order), label);
  expectEqual({ ids: idsOf(page), has_more: page.has_more, after: page.after ?? null }, { ids: want, has_more: hasMore, after: hasMore ? want[want.length - 1]! : null }, label);
  return hasMore ? want[want.length - 1]! : null;
}

/** Follows `after` to the end, checking every page against the model. */
async function expectRest<TContext>(c: Collection<TContext>, after: string | null, limit: number, order: Order, why: string): Promise<void> {
  for (let cursor = after, first = true; first || cursor !== null; first = false) cursor = await expectNextPage(c, cursor, limit, order, first ? why : "");
}

/** Runs `scenario` on a fresh thread's items and on a fresh scope's threads, in both orders. */
async function everyCollection<TContext>(env: CheckEnv<TContext>, scenario: (c: Collection<TContext>, order: Order) => Promise<void>): Promise<void> {
  for (const kind of ["items", "threads"] as const) {
    for (const order of ["asc", "desc"] as const) await scenario(await collection(env, kind), order);
  }
}

/**
 * Ten rows whose ids sort neither in time order nor against it (nor inside their tie groups), inserted in
 * this order: e(10) i(11) c g a(12) j(13) d(14) h b f(15). The first page (asc limit 4, desc limit 2) ends
 * in the middle of a tie group: at g, or at b.
 */
const BASE: readonly (readonly [string, number])[] = [
  ["e", 10], ["i", 11], ["c", 12], ["g", 12], ["a", 12], ["j", 13], ["d", 14], ["h", 15], ["b", 15], ["f", 15],
];
const FIRST_LIMIT: Readonly<Record<Order, number>> = { asc: 4, desc: 2 };

/**
 * Ids that are not `id` but that a loose lookup takes for it: a prefix (startsWith, `LIKE 'x%'`), a
 * substring (an unanchored regular expression), LIKE patterns, a case twin (ILIKE, a `_ci` collation) and
 * a trailing-space twin (a PAD SPACE collation, a CHAR column). `id` must hold `_` and be ≥ 4 characters.
 */
function nearMisses(id: string): readonly (readonly [string, string])[] {
  const underscore = id.indexOf("_");
  return [
    [id.slice(0, underscore + 1), "a prefix"],
    [id.slice(1), "a substring"],
    ["%", "the LIKE pattern %"],
    [`${id.slice(0, underscore + 1)}%`, "a LIKE prefix pattern"],
    [`${id.slice(0, -1)}_`, "a LIKE pattern with _ for its last character"],
    [id.toUpperCase(), "the upper-case twin"],
    [`${id} `, "the trailing-space twin"],
  ];
}

/** C-CURSOR: a cursor must name a row of the same collection. */
export const checks = defineChecks("cursor", [
  {
    id: "cursor.unknown",
    statement:
      "an `after` id that names no row of the collection raises NotFoundError, for items and for threads (never a silent restart): an unknown id, a thread id as an item cursor (the thread's own id), an item id as a thread cursor, and near misses of a row's id — a prefix, a substring, LIKE patterns (`%`, `_`), a case twin and a trailing-space twin — in both orders",
    rules: ["C-CURSOR", "C-ERR"],
    kind: "example",
    async run(env) {
      const { store, contexts } = await env.fresh();
      const [ctx] = contexts;
      await expectOk(() => store.saveThread(thread("thr_c", at(0)), ctx));
      await expectOk(() => store.addThreadItem("thr_c", message("thr_c", "msg_1", at(1)), ctx));
      await expectNotFound(() => store.loadThreadItems("thr_c", "msg_missing", 10, "asc", ctx), 'loadThreadItems(thr_c, after="msg_missing")');
      await expectNotFound(() => store.loadThreadItems("thr_c", "msg_missing", 10, "desc", ctx), 'loadThreadItems(thr_c, after="msg_missing", "desc")');
      await expectNotFound(() => store.loadThreads(10, "thr_missing", "desc", ctx), 'loadThreads(10, after="thr_missing")');
      // an id of the other collection: a thread is no row of its items, an item is no thread
      for (const order of ["asc", "desc"] as const) {
        await expectNotFound(() => store.loadThreadItems("thr_c", "thr_c", 10, order, ctx), `loadThreadItems(thr_c, after="thr_c", "${order}"): a thread id as an item cursor`);
        await expectNotFound(() => store.loadThreads(10, "msg_1", order, ctx), `loadThreads(10, after="msg_1", "${order}"): an item id as a thread cursor`);
        // ids that match a row only under a loose comparison: startsWith, an unanchored regular
        // expression ($regex), LIKE/ILIKE, a case-insensitive or a PAD SPACE collation
        for (const [after, miss] of nearMisses("msg_1")) {
          await expectNotFound(() => store.loadThreadItems("thr_c", after, 10, order, ctx), `loadThreadItems(thr_c, after=${JSON.stringify(after)}, "${order}"): ${miss} of "msg_1"`);
        }
        for (const [after, miss] of nearMisses("thr_c")) {
          await expectNotFound(() => store.loadThreads(10, after, order, ctx), `loadThreads(10, after=${JSON.stringify(after)}, "${order}"): ${miss} of "thr_c"`);
        }
      }
    },
  },
  {
    id: "cursor.foreign-thread",
    statement: "an `after` id of an item in another thread of the same scope raises NotFoundError, in both orders",
    rules: ["C-CURSOR"],
    kind: "example",
    async run(env) {
      const { store, contexts } = await env.fresh();
      const [ctx] = contexts;
      await expectOk(() => store.saveThread(thread("thr_a", at(0)), ctx));
      await expectOk(() => store.saveThread(thread("thr_b", at(0)), ctx));
      await expectOk(() => store.addThreadItem("thr_a", message("thr_a", "msg_a1", at(1)), ctx));
      await expectOk(() => store.addThreadItem("thr_b", message("thr_b", "msg_b1", at(0)), ctx));
      await expectOk(() => store.addThreadItem("thr_b", message("thr_b", "msg_b2", at(2)), ctx));
      await expectNotFound(() => store.loadThreadItems("thr_b", "msg_a1", 10, "asc", ctx), 'loadThreadItems(thr_b, after="msg_a1" from thr_a)');
      await expectNotFound(() => store.loadThreadItems("thr_b", "msg_a1", 10, "desc", ctx), 'loadThreadItems(thr_b, after="msg_a1" from thr_a, "desc")');
    },
  },
  {
    id: "cursor.foreign-scope",
    statement: "an `after` id of another scope's thread or item raises NotFoundError, in both orders",
    rules: ["C-CURSOR", "C-SCOPE"],
    requires: ["scoping"],
    kind: "example",
    async run(env) {
      const { store, contexts } = await env.fresh();
      const [a, b] = contexts;
      await expectOk(() => store.saveThread(thread("thr_a", at(0)), a));
      await expectOk(() => store.saveThread(thread("thr_b", at(1)), b));
      await expectOk(() => store.saveThread(thread("thr_shared", at(2)), a));
      await expectOk(() => store.saveThread(thread("thr_shared", at(2)), b));
      await expectOk(() => store.addThreadItem("thr_shared", message("thr_shared", "msg_a", at(3)), a));
      await expectOk(() => store.addThreadItem("thr_shared", message("thr_shared", "msg_b", at(3)), b));
      for (const order of ["asc", "desc"] as const) {
        await expectNotFound(() => store.loadThreads(10, "thr_a", order, b), `loadThreads(after="thr_a" of A, "${order}") @B`);
        await expectNotFound(() => store.loadThreadItems("thr_shared", "msg_a", 10, order, b), `loadThreadItems(thr_shared, after="msg_a" of A, "${order}") @B`);
      }
    },
  },
  {
    id: "cursor.writes-between-pages",
    statement: "a cursor names a row, not a position: rows added between two pages before the cursor, after it and in its tie group, and rows deleted before and after it, never shift it — each next page starts right after the cursor row in the current order — for items and threads, asc and desc",
    rules: ["C-CURSOR", "C-PAGE"],
    kind: "example",
    async run(env) {
      await everyCollection(env, async (c, order) => {
        for (const [id, seconds] of BASE) await c.add(id, seconds);
        const first = await expectNextPage(c, null, FIRST_LIMIT[order], order, "");
        const cursor = first!;
        const cursorSeconds = c.secondsOf(cursor);
        // an earlier row, a later row and one more in the cursor's tie group: in asc one lands before the
        // cursor, in desc two do, so a position (an offset, an index, a remembered slice) moves
        await c.add("x_early", 5);
        await c.add("x_late", 20);
        await c.add("x_tie", cursorSeconds);
        const second = await expectNextPage(c, cursor, 3, order, "(since that page: rows added before it, after it and in its tie group)");
        // delete two rows before the new cursor (the first row of the listing, and the old cursor) and the
        // row right after it: a position moves back by two
        const next = c.ids(order)[c.ids(order).indexOf(second!) + 1]!;
        await c.remove(c.ids(order)[0]!);
        await c.remove(cursor);
        await c.remove(next);
        await expectRest(c, second, 3, order, `(since that page: two rows before it deleted, and ${JSON.stringify(next)} right after it)`);
      });
    },
  },
  {
    id: "cursor.deleted-row",
    statement: "the id of a deleted row raises NotFoundError as `after` — the last row of the page just read, deleted before the next call, and any row deleted earlier — for items and threads, asc and desc (never a page from its old position)",
    rules: ["C-CURSOR", "C-ERR"],
    kind: "example",
    async run(env) {
      await everyCollection(env, async (c, order) => {
        for (const [id, seconds] of BASE) await c.add(id, seconds);
        const cursor = (await expectNextPage(c, null, FIRST_LIMIT[order], order, ""))!;
        const elsewhere = order === "asc" ? "h" : "a"; // in a tie group, never a cursor here
        await c.remove(elsewhere);
        await c.remove(cursor);
        await expectNotFound(() => c.list(cursor, 3, order), `${c.what}, ${order}: the page after ${JSON.stringify(cursor)}, the last row of the page just read, deleted since`);
        await expectNotFound(() => c.list(elsewhere, 3, order), `${c.what}, ${order}: the page after ${JSON.stringify(elsewhere)}, a deleted row`);
        await expectRest(c, null, 4, order, "(after the deletes)");
      });
    },
  },
  {
    id: "cursor.re-added-id",
    statement: "an id deleted and added again is a new row: it is listed by its new insertion (last of its tie group, or where its new created_at puts it), never at its old place, and as `after` it continues from its new place — for items and threads, asc and desc",
    rules: ["C-CURSOR", "C-ORDER"],
    kind: "example",
    async run(env) {
      await everyCollection(env, async (c, order) => {
        for (const [id, seconds] of BASE) await c.add(id, seconds);
        // g (middle of the tie group at 12) comes back at 12: last of its group; d (14) comes back at 11
        await c.remove("g");
        await c.add("g", 12);
        await c.remove("d");
        await c.add("d", 11);
        await expectRest(c, null, 20, order, "(g deleted and re-added with the same created_at, d with an earlier one)");
        await expectRest(c, null, 3, order, "(g deleted and re-added with the same created_at, d with an earlier one)");
        // the cursor of the page just read is deleted and re-added in its tie group: the next page
        // follows its new place
        const cursor = (await expectNextPage(c, null, FIRST_LIMIT[order], order, ""))!;
        const seconds = c.secondsOf(cursor);
        await c.remove(cursor);
        await c.add(cursor, seconds);
        await expectRest(c, cursor, 3, order, `(since that page: ${JSON.stringify(cursor)} deleted and re-added)`);
      });
    },
  },
  {
    id: "cursor.empty-string",
    statement: "`after` \"\" means no cursor, like null: the same whole page (rows, has_more, after) as null, at limit 1 with more rows left, for items and threads in both orders",
    rules: ["C-CURSOR"],
    kind: "example",
    async run(env) {
      const { store, contexts } = await env.fresh();
      const [ctx] = contexts;
      // ids against time order
      await expectOk(() => store.saveThread(thread("thr_e", at(0)), ctx));
      await expectOk(() => store.saveThread(thread("thr_d", at(1)), ctx));
      await expectOk(() => store.addThreadItem("thr_e", message("thr_e", "msg_2", at(1)), ctx));
      await expectOk(() => store.addThreadItem("thr_e", message("thr_e", "msg_1", at(2)), ctx));
      const first = { items: { asc: "msg_2", desc: "msg_1" }, threads: { asc: "thr_e", desc: "thr_d" } } as const;
      for (const order of ["asc", "desc"] as const) {
        for (const kind of ["items", "threads"] as const) {
          const list = lister(store, kind === "items" ? "thr_e" : null);
          const what = `${kind === "items" ? "loadThreadItems(thr_e" : "loadThreads("}, limit 1, "${order}")`;
          const withNull = await expectOk(() => list(null, 1, order, ctx), `${what} with after null`);
          expectEqual({ ids: idsOf(withNull), has_more: withNull.has_more, after: withNull.after ?? null }, { ids: [first[kind][order]], has_more: true, after: first[kind][order] }, `${what} with after null`);
          const withEmpty = await expectOk(() => list("", 1, order, ctx), `${what} with after ""`);
          expectEqual({ data: withEmpty.data, has_more: withEmpty.has_more, after: withEmpty.after ?? null }, { data: withNull.data, has_more: true, after: first[kind][order] }, `${what} with after "": the page of after null`);
        }
      }
    },
  },
]);
