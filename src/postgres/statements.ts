/**
 * Every SQL statement of the store methods (migrate() keeps its own, migrations.ts), built once per store from the quoted
 * table names. Values go only through `$n` parameters; `order` selects one of two prebuilt statements and
 * is never interpolated.
 *
 * The SQL is the subset that PostgreSQL and pg-mem both run correctly (docs/decisions/tooling-facts.md §1;
 * the full list of pg-mem gaps is in docs/postgres-store.md#the-pg-mem-gaps-the-store-avoids):
 * - no row-value comparisons (`(a, b) > (c, d)` fails on pg-mem): the keyset predicate is spelled out,
 *   `created_micros > c OR (created_micros = c AND seq >= s)`, behind a redundant `created_micros >= c`
 *   that PostgreSQL uses as the index bound, so a page costs the same at the start and at the end of a
 *   thread (bench/postgres.ts);
 * - the cursor's position is looked up by id in SQL (never round-tripped through a JavaScript `Date`) and
 *   passed to the page statement as values. It is not a subquery of the page statement: pg-mem evaluates
 *   any subquery once per row (a 4,000-item thread took 30 s a page), and a join with it makes PostgreSQL
 *   lose the index order. The page statement returns the cursor row first, so the store can check that the
 *   position is still the cursor's (PostgresStore.ts explains the position cache this allows);
 * - when that check fails (a concurrent write moved, deleted or re-added the cursor row between the lookup
 *   and the page), the store falls back to `threadsAfter`/`itemsAfter`: one statement that reads the
 *   cursor's position with scalar subqueries. A statement sees one snapshot, subqueries included, so its
 *   page is the page after the cursor at that snapshot, or no cursor row at all (NotFoundError) when the
 *   cursor did not exist then. On PostgreSQL each uncorrelated scalar subquery is an InitPlan, run once
 *   before the scan, and the bound `created_micros >= (SELECT …)` is still an index condition: the same
 *   index scan as the page from values, with no sort (test/postgres/cursor-races.test.ts checks the plan).
 *   On pg-mem it is slow (a subquery per row), which is why it is only the fallback;
 * - upserts are `INSERT … ON CONFLICT … DO UPDATE` without a `WHERE` on the update (pg-mem returns rows
 *   it did not update);
 * - explicit casts on parameters whose type PostgreSQL cannot infer (`INSERT … SELECT $1::text …`).
 * @internal
 * @packageDocumentation
 */
import type { Order } from "../store/Store.js";
import type { Names } from "./names.js";

/** One statement per order. */
export type ByOrder = Readonly<Record<Order, string>>;

/** The statements of one store. @internal */
export interface Statements {
  /** $1 scope, $2 id → id, data */
  readonly loadThread: string;
  /** $1 scope, $2 id, $3 created_micros, $4 data. Re-saving keeps seq and moves created_micros (C-THREAD-SAVE). */
  readonly saveThread: string;
  /** $1 scope, $2 id. Items go with it (ON DELETE CASCADE), attachments stay (C-DELETE). */
  readonly deleteThread: string;
  /** $1 scope, $2 limit → id, data, created_micros, seq in order */
  readonly threadsFirst: ByOrder;
  /** $1 scope, $2 id → created_micros, seq: where a cursor thread sits */
  readonly threadPosition: string;
  /**
   * $1 scope, $2 cursor id, $3 its created_micros, $4 its seq, $5 limit → id, data, created_micros, seq of the
   * rows at and after that position: the cursor row first (data null) if it is still there
   */
  readonly threadsFrom: ByOrder;
  /**
   * $1 scope, $2 cursor id, $3 limit → the same rows as `threadsFrom`, from the cursor's position read in the
   * same statement (one snapshot): the cursor row first whenever the cursor exists, otherwise no row at all
   */
  readonly threadsAfter: ByOrder;
  /** `threadsAfter` with one row-value bound: PostgreSQL only, for a cursor the store has not seen. */
  readonly threadsAfterRow: ByOrder;
  /** $1 scope, $2 thread id, $3 item id → id, data */
  readonly loadItem: string;
  /**
   * $1 scope, $2 thread id, $3 item id, $4 created_micros, $5 data → no rows. A thread that does not
   * exist in the scope is a foreign-key violation (23503), which the store reports as the thread not found:
   * the statement is the plain upsert, at INSERT speed. An existing item keeps created_micros and seq
   * (C-ITEM-ADD, C-ITEM-SAVE).
   */
  readonly upsertItem: string;
  /** $1 scope, $2 thread id, $3 item id */
  readonly deleteItem: string;
  /** $1 scope, $2 thread id, $3 limit → id, data, created_micros, seq in order */
  readonly itemsFirst: ByOrder;
  /** $1 scope, $2 thread id, $3 item id → created_micros, seq: where a cursor item sits */
  readonly itemPosition: string;
  /**
   * $1 scope, $2 thread id, $3 cursor id, $4 its created_micros, $5 its seq, $6 limit → id, data,
   * created_micros, seq of the rows at and after that position: the cursor row first (data null) if it is
   * still there
   */
  readonly itemsFrom: ByOrder;
  /**
   * $1 scope, $2 thread id, $3 cursor id, $4 limit → the same rows as `itemsFrom`, from the cursor's position
   * read in the same statement (one snapshot): the cursor row first whenever the cursor exists in that
   * thread, otherwise no row at all
   */
  readonly itemsAfter: ByOrder;
  /** `itemsAfter` with one row-value bound: PostgreSQL only, for a cursor the store has not seen. */
  readonly itemsAfterRow: ByOrder;
  /** $1 scope, $2 id, $3 data */
  readonly saveAttachment: string;
  /** $1 scope, $2 id → id, data */
  readonly loadAttachment: string;
  /** $1 scope, $2 id */
  readonly deleteAttachment: string;
}

const DIRECTION: Readonly<Record<Order, { readonly dir: "ASC" | "DESC"; readonly after: ">" | "<"; readonly from: ">=" | "<=" }>> = {
  asc: { dir: "ASC", after: ">", from: ">=" },
  desc: { dir: "DESC", after: "<", from: "<=" },
};

/**
 * Rows from a cursor's position on, in `order`, with the bound passed as values: the cursor row itself
 * comes first when it is still at that position (its data is not sent), which the store checks.
 */
function fromPosition(table: string, scopeFilter: string, cursorParam: string, micros: string, seq: string, limitParam: string, order: Order): string {
  const { dir, after, from } = DIRECTION[order];
  return (
    `SELECT r.id, CASE WHEN r.id = ${cursorParam} THEN NULL ELSE r.data END AS data, r.created_micros, r.seq FROM ${table} r ` +
    `WHERE ${scopeFilter} AND r.created_micros ${from} ${micros} ` +
    `AND (r.created_micros ${after} ${micros} OR (r.created_micros = ${micros} AND r.seq ${from} ${seq})) ` +
    `ORDER BY r.created_micros ${dir}, r.seq ${dir} LIMIT ${limitParam}`
  );
}

/**
 * Rows from a cursor's position on, in `order`, with the bound read from the cursor row by uncorrelated
 * scalar subqueries in the same statement, so that the position and the rows come from one snapshot.
 * `created_micros >= c AND (created_micros > c OR seq >= s)` is the keyset predicate with one subquery fewer
 * than the spelled-out form (given the bound, "not after c" means "equal to c"); the bound is what
 * PostgreSQL uses as the index condition. A missing cursor makes the subqueries NULL and the page empty.
 */
function fromCursor(table: string, scopeFilter: string, cursorFilter: string, cursorParam: string, limitParam: string, order: Order): string {
  const { dir, after, from } = DIRECTION[order];
  const at = (column: "created_micros" | "seq") => `(SELECT k.${column} FROM ${table} k WHERE ${cursorFilter})`;
  return (
    `SELECT r.id, CASE WHEN r.id = ${cursorParam} THEN NULL ELSE r.data END AS data, r.created_micros, r.seq FROM ${table} r ` +
    `WHERE ${scopeFilter} AND r.created_micros ${from} ${at("created_micros")} ` +
    `AND (r.created_micros ${after} ${at("created_micros")} OR r.seq ${from} ${at("seq")}) ` +
    `ORDER BY r.created_micros ${dir}, r.seq ${dir} LIMIT ${limitParam}`
  );
}

/**
 * The same rows as {@link fromCursor}, for PostgreSQL only: the bound is one row-value comparison with one
 * uncorrelated subquery, `(created_micros, seq) >= (SELECT …)`, which PostgreSQL runs once and uses as the
 * index condition, as a hand-written keyset query does (bench/postgres.ts: the same cost as the hand-written
 * SELECT, where the three-subquery form cost 1.5×). pg-mem cannot compare row values, so it never gets it.
 */
function fromCursorRow(table: string, scopeFilter: string, cursorFilter: string, cursorParam: string, limitParam: string, order: Order): string {
  const { dir, from } = DIRECTION[order];
  return (
    `SELECT r.id, CASE WHEN r.id = ${cursorParam} THEN NULL ELSE r.data END AS data, r.created_micros, r.seq FROM ${table} r ` +
    `WHERE ${scopeFilter} AND (r.created_micros, r.seq) ${from} (SELECT k.created_micros, k.seq FROM ${table} k WHERE ${cursorFilter}) ` +
    `ORDER BY r.created_micros ${dir}, r.seq ${dir} LIMIT ${limitParam}`
  );
}

function first(table: string, scopeFilter: string, limitParam: string, order: Order): string {
  const { dir } = DIRECTION[order];
  return `SELECT r.id, r.data, r.created_micros, r.seq FROM ${table} r WHERE ${scopeFilter} ORDER BY r.created_micros ${dir}, r.seq ${dir} LIMIT ${limitParam}`;
}

/** Builds the statements for one set of table names. @internal */
export function buildStatements(names: Names): Statements {
  const { threads, items, attachments } = names.table;
  const byOrder = (build: (order: Order) => string): ByOrder => ({ asc: build("asc"), desc: build("desc") });
  return {
    loadThread: `SELECT id, data FROM ${threads} WHERE scope = $1 AND id = $2`,
    saveThread:
      `INSERT INTO ${threads} (scope, id, created_micros, data) VALUES ($1, $2, $3::bigint, $4) ` +
      `ON CONFLICT (scope, id) DO UPDATE SET created_micros = EXCLUDED.created_micros, data = EXCLUDED.data`,
    deleteThread: `DELETE FROM ${threads} WHERE scope = $1 AND id = $2`,
    threadsFirst: byOrder((o) => first(threads, "r.scope = $1", "$2", o)),
    threadPosition: `SELECT created_micros, seq FROM ${threads} WHERE scope = $1 AND id = $2`,
    threadsFrom: byOrder((o) => fromPosition(threads, "r.scope = $1", "$2", "$3::bigint", "$4::bigint", "$5", o)),
    threadsAfter: byOrder((o) => fromCursor(threads, "r.scope = $1", "k.scope = $1 AND k.id = $2", "$2", "$3", o)),
    threadsAfterRow: byOrder((o) => fromCursorRow(threads, "r.scope = $1", "k.scope = $1 AND k.id = $2", "$2", "$3", o)),

    loadItem: `SELECT id, data FROM ${items} WHERE scope = $1 AND thread_id = $2 AND id = $3`,
    upsertItem:
      `INSERT INTO ${items} (scope, thread_id, id, created_micros, data) VALUES ($1, $2, $3, $4::bigint, $5) ` +
      `ON CONFLICT (scope, thread_id, id) DO UPDATE SET data = EXCLUDED.data`,
    deleteItem: `DELETE FROM ${items} WHERE scope = $1 AND thread_id = $2 AND id = $3`,
    itemsFirst: byOrder((o) => first(items, "r.scope = $1 AND r.thread_id = $2", "$3", o)),
    itemPosition: `SELECT created_micros, seq FROM ${items} WHERE scope = $1 AND thread_id = $2 AND id = $3`,
    itemsFrom: byOrder((o) => fromPosition(items, "r.scope = $1 AND r.thread_id = $2", "$3", "$4::bigint", "$5::bigint", "$6", o)),
    itemsAfter: byOrder((o) => fromCursor(items, "r.scope = $1 AND r.thread_id = $2", "k.scope = $1 AND k.thread_id = $2 AND k.id = $3", "$3", "$4", o)),
    itemsAfterRow: byOrder((o) => fromCursorRow(items, "r.scope = $1 AND r.thread_id = $2", "k.scope = $1 AND k.thread_id = $2 AND k.id = $3", "$3", "$4", o)),

    saveAttachment:
      `INSERT INTO ${attachments} (scope, id, data) VALUES ($1, $2, $3) ` + `ON CONFLICT (scope, id) DO UPDATE SET data = EXCLUDED.data`,
    loadAttachment: `SELECT id, data FROM ${attachments} WHERE scope = $1 AND id = $2`,
    deleteAttachment: `DELETE FROM ${attachments} WHERE scope = $1 AND id = $2`,

  };
}
