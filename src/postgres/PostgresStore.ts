import type { JsonObject } from "../model/json.js";
import { prefixed, show } from "../errors/render.js";
import { InvalidArgumentError } from "../errors/errors.js";
import type { CheckedRecord } from "../store/arguments.js";
import { takeRows } from "../store/paging.js";
import { NO_CURSOR, StoreKernel, type KernelOptions, type Listing } from "../store/kernel.js";
import type { ChatKitModel, ModelTypes, Order } from "../store/Store.js";
import { isForeignKeyViolation, isNodePostgres, queryWithRetry, resolvesCursorsInSql, statementName, type PostgresClient } from "./client.js";
import { migrate, SchemaGuard, type MigrateResult } from "./migrations.js";
import { resolveNames, type Names, type TableKey, type TableOptions } from "./names.js";
import { decodeRecord, encodeRecord, type DataRow, type RecordKind } from "./rows.js";
import { PositionCache, positionOf, type Position } from "./positions.js";
import { buildStatements, type Statements } from "./statements.js";

/** Options of {@link PostgresStore}. */
export interface PostgresStoreOptions<TContext> extends TableOptions, KernelOptions<TContext> {
  /**
   * Where queries go: a `pg.Pool` (recommended), a `pg.Client`, pg-mem, PGlite or anything with
   * `query(text, values)` (see {@link PostgresClient}). The store never imports `pg`.
   */
  client: PostgresClient;
  /**
   * Run the store's statements as named prepared statements, parsed and planned once per connection
   * (node-postgres' `{ name, text, values }`). Set `false` behind a pooler that cannot keep them (PgBouncer in
   * transaction mode before 1.21).
   * @defaultValue `true` when the client is node-postgres' (`pg.Pool`, `pg.Client`, a pool's client); `false`
   *   for anything else (pg-mem, PGlite, your own wrapper), which may not take a query config
   */
  prepare?: boolean;
  /**
   * Validate every record against the ChatKit model on write and on read, not only the envelope the store
   * needs.
   * @defaultValue `false` (records of older or newer SDK shapes round-trip untouched)
   */
  strict?: boolean;
}

/**
 * A ChatKit store on PostgreSQL that follows every rule of docs/contract.md, on a real server and on pg-mem.
 *
 * - Total order by (`created_at` at µs, computed in JavaScript, then an insertion sequence) (C-ORDER);
 *   keyset pages whose cost does not grow with the thread (C-PAGE); the cursor's position is looked up by
 *   id in SQL, and remembered, so a walk costs one statement per page.
 * - `NotFoundError` on unknown or foreign cursors (C-CURSOR); argument checks before any SQL (C-LIMIT, C-ERR).
 * - Every row keyed by scope, attachments included (C-SCOPE).
 * - True upserts that keep positions (C-THREAD-SAVE, C-ITEM-ADD, C-ITEM-SAVE); `deleteThread` cascades to
 *   items through the foreign key, in one statement (C-DELETE). Every write is a single statement, so it is
 *   atomic without a transaction, and concurrent calls lose nothing (C-CONCURRENT).
 * - Records are stored as JSON text and come back deep-equal (C-ROUNDTRIP); a row that does not decode
 *   raises `CorruptDataError` naming its table and id.
 *
 * Adding or saving an item into a thread that does not exist in the caller's scope raises `NotFoundError`
 * (docs/decisions/items-need-a-thread.md). Ids and scope keys obey the limits every bundled store shares
 * (src/store/limits.ts: length, no U+0000, no lone surrogate), checked by the store kernel before any SQL.
 *
 * Call {@link PostgresStore.migrate} (or {@link migrate}) once before use.
 *
 * @example
 * ```ts
 * import pg from "pg";
 * import { PostgresStore } from "chatkit-testkit/postgres";
 *
 * const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL });
 * const store = new PostgresStore<{ user_id: string }>({ client: pool });
 * await store.migrate();
 * await store.saveThread({ id: "thr_1", created_at: "2026-03-01T09:00:00Z" }, { user_id: "u1" });
 * ```
 */
export class PostgresStore<TContext = unknown, M extends ModelTypes = ChatKitModel> extends StoreKernel<TContext, M> {
  /** The client given in the options. */
  readonly client: PostgresClient;
  /**
   * The tables, as quoted and (with a schema) qualified identifiers, ready to use in your own SQL:
   * `store.tableNames.items` is `"chatkit_items"` or `"app"."chatkit_items"`.
   */
  readonly tableNames: Readonly<Record<TableKey, string>>;
  private readonly names: Names;
  private readonly sql: Statements;
  private readonly tableOptions: TableOptions;
  /** Positions of recent `after` rows (positions.ts): a hint that saves a statement per page, never a result. */
  private readonly positions = new PositionCache(1024);
  /** Whether a cursor not remembered is resolved inside the page statement (not on pg-mem; client.ts). */
  private cursorsInSql: boolean;
  /** Whether statements run as named prepared statements (the `prepare` option). */
  private readonly prepared: boolean;
  /** The name of each statement text, when prepared. */
  private readonly names$ = new Map<string, string>();
  /** Refuses tables of a newer schema version and explains driver errors (migrations.ts). */
  private readonly guard: SchemaGuard;

  /**
   * @param options - at least `client`; see {@link PostgresStoreOptions}
   * @throws {InvalidArgumentError} for a missing client, a bad option, or a bad schema or table name
   */
  constructor(options: PostgresStoreOptions<TContext>) {
    super("PostgresStore", options);
    const client = (options as Partial<PostgresStoreOptions<TContext>> | undefined)?.client;
    if (!client || typeof client.query !== "function") {
      throw new TypeError(prefixed("PostgresStore: options.client must have a query(text, values) method (a pg.Pool, pg.Client, pg-mem or PGlite)"));
    }
    this.client = client;
    this.tableOptions = { schema: options.schema, tablePrefix: options.tablePrefix, tables: options.tables };
    this.names = resolveNames("PostgresStore", this.tableOptions);
    this.tableNames = Object.freeze({ ...this.names.table });
    this.sql = buildStatements(this.names);
    this.guard = new SchemaGuard(client, this.names);
    this.cursorsInSql = resolvesCursorsInSql(client);
    if (options.prepare !== undefined && typeof options.prepare !== "boolean") {
      throw new InvalidArgumentError("PostgresStore", "options.prepare", `must be a boolean, got ${show(options.prepare)}`);
    }
    this.prepared = options.prepare ?? isNodePostgres(client);
  }

  /**
   * Creates or upgrades this store's tables (idempotent, safe to run from several processes at once).
   * See {@link migrate}.
   */
  migrate(): Promise<MigrateResult> {
    return migrate(this.client, this.tableOptions);
  }

  // ------------------------------------------------------------------ primitives (src/store/kernel.ts)

  protected async getThread(scope: string, id: string): Promise<JsonObject | undefined> {
    const rows = await this.rows("loadThread", this.sql.loadThread, [scope, id]);
    return rows[0] && this.decode("thread", rows[0]);
  }

  protected async putThread(scope: string, thread: CheckedRecord): Promise<void> {
    await this.rows("saveThread", this.sql.saveThread, [scope, thread.value.id, thread.micros.toString(), encodeRecord(thread.value)]);
  }

  protected async listThreads(scope: string, after: string | null, limit: number, order: Order): Promise<Listing> {
    if (after === null) {
      const rows = await this.rows("loadThreads", this.sql.threadsFirst[order], [scope, plus(limit, 1)]);
      return this.listing("thread", rows, limit, ["threads", scope]);
    }
    return this.pageAfter("thread", ["threads", scope], after, limit, {
      lookup: () => this.rows("loadThreads", this.sql.threadPosition, [scope, after]),
      from: (at) => this.rows("loadThreads", this.sql.threadsFrom[order], [scope, after, at.micros, at.seq, plus(limit, 2)]),
      after: () => this.rows("loadThreads", this.sql.threadsAfter[order], [scope, after, plus(limit, 2)]),
      afterRow: () => this.rows("loadThreads", this.sql.threadsAfterRow[order], [scope, after, plus(limit, 2)]),
    });
  }

  protected async removeThread(scope: string, id: string): Promise<void> {
    // One statement: the items go with the thread (ON DELETE CASCADE), atomically; attachments stay (C-DELETE).
    await this.rows("deleteThread", this.sql.deleteThread, [scope, id]);
  }

  protected async getItem(scope: string, threadId: string, id: string): Promise<JsonObject | undefined> {
    const rows = await this.rows("loadItem", this.sql.loadItem, [scope, threadId, id]);
    return rows[0] && this.decode("item", rows[0]);
  }

  /**
   * addThreadItem and saveItem share one statement: insert at the ordered position, or replace the data in
   * place keeping created_micros and seq; the foreign key refuses it when the thread is not in the scope.
   */
  protected async putItem(method: "addThreadItem" | "saveItem", scope: string, threadId: string, item: CheckedRecord): Promise<boolean> {
    try {
      // No RETURNING: the statement inserts or updates a row unless the foreign key refuses it, and a
      // returned row would cost 10-15 % of the write's throughput (bench/postgres.ts (e)).
      await this.rows(method, this.sql.upsertItem, [scope, threadId, item.value.id, item.micros.toString(), encodeRecord(item.value)]);
      return true;
    } catch (error) {
      // The thread does not exist in the scope, or was deleted meanwhile: the foreign key (scope, thread_id)
      // checks it, under a lock, so an add racing deleteThread either fails here or goes with the thread.
      if (isForeignKeyViolation(error)) return false;
      throw error;
    }
  }

  protected async listItems(scope: string, threadId: string, after: string | null, limit: number, order: Order): Promise<Listing> {
    if (after === null) {
      const rows = await this.rows("loadThreadItems", this.sql.itemsFirst[order], [scope, threadId, plus(limit, 1)]);
      return this.listing("item", rows, limit, ["items", scope, threadId]);
    }
    // A cursor is checked even on a missing thread (docs/decisions/cursor-on-missing-thread.md).
    return this.pageAfter("item", ["items", scope, threadId], after, limit, {
      lookup: () => this.rows("loadThreadItems", this.sql.itemPosition, [scope, threadId, after]),
      from: (at) => this.rows("loadThreadItems", this.sql.itemsFrom[order], [scope, threadId, after, at.micros, at.seq, plus(limit, 2)]),
      after: () => this.rows("loadThreadItems", this.sql.itemsAfter[order], [scope, threadId, after, plus(limit, 2)]),
      afterRow: () => this.rows("loadThreadItems", this.sql.itemsAfterRow[order], [scope, threadId, after, plus(limit, 2)]),
    });
  }

  protected async removeItem(scope: string, threadId: string, id: string): Promise<void> {
    await this.rows("deleteThreadItem", this.sql.deleteItem, [scope, threadId, id]);
  }

  protected async getAttachment(scope: string, id: string): Promise<JsonObject | undefined> {
    const rows = await this.rows("loadAttachment", this.sql.loadAttachment, [scope, id]);
    return rows[0] && this.decode("attachment", rows[0]);
  }

  protected async putAttachment(scope: string, attachment: CheckedRecord): Promise<void> {
    await this.rows("saveAttachment", this.sql.saveAttachment, [scope, attachment.value.id, encodeRecord(attachment.value)]);
  }

  protected async removeAttachment(scope: string, id: string): Promise<void> {
    await this.rows("deleteAttachment", this.sql.deleteAttachment, [scope, id]);
  }

  // ------------------------------------------------------------------ internals

  /**
   * Runs one statement of `method`: after the schema check (tables of a newer version are refused by every
   * method, one statement per store), retried on a serialization failure or deadlock (every method is one
   * autocommitted statement, so a retry is safe; client.ts), and with a failure explained (a missing table
   * says to migrate, a missing column says the schema was changed) or passed through unchanged.
   */
  private async rows(method: string, text: string, values: unknown[]): Promise<DataRow[]> {
    await this.guard.ready(method);
    try {
      let name: string | undefined;
      if (this.prepared) {
        name = this.names$.get(text);
        if (name === undefined) this.names$.set(text, (name = statementName(text)));
      }
      const result = await queryWithRetry(this.client, text, values, { method, name });
      return result.rows as DataRow[];
    } catch (error) {
      throw await this.guard.explain(method, error);
    }
  }

  private decode(kind: RecordKind, row: DataRow): JsonObject {
    const table = kind === "thread" ? this.names.display.threads : kind === "item" ? this.names.display.items : this.names.display.attachments;
    return decodeRecord(kind, table, row, this.strict);
  }

  /**
   * Turns up to `limit + 1` rows into a listing (C-PAGE) and remembers where its last row sits, so that the
   * next page usually needs one statement (positions.ts).
   */
  private listing(kind: RecordKind, rows: readonly DataRow[], limit: number, collection: readonly string[]): Listing {
    const listing = takeRows(rows, limit, (r) => this.decode(kind, r));
    if (listing.more) {
      const last = rows[limit - 1]!;
      const at = positionOf(last);
      if (at) this.positions.set(PositionCache.key([...collection, String(last.id)]), at);
    }
    return listing;
  }

  /**
   * The rows after `cursor` (C-PAGE, C-CURSOR), in as few statements as the writes around it allow:
   * 1. from its remembered position, if any: one statement, used only when its first row is the cursor row
   *    itself (positions.ts);
   * 2. else from a looked-up position: a primary-key lookup (no row: {@link NO_CURSOR}) and the page from
   *    it, used on the same condition;
   * 3. else (a concurrent write moved, deleted or re-added the cursor row between the lookup and the page)
   *    one statement that reads the cursor's position and the rows after it from one snapshot
   *    (`threadsAfter`/`itemsAfter`, statements.ts): the rows after the cursor at that moment, or no cursor
   *    row when it did not exist then. A live cursor is never NO_CURSOR, however often it moves.
   * Steps 1 and 2 pass the position as values because pg-mem evaluates a subquery once per row; step 3 is
   * only the fallback.
   */
  private async pageAfter(
    kind: RecordKind,
    collection: readonly string[],
    cursor: string,
    limit: number,
    sql: { lookup: () => Promise<DataRow[]>; from: (at: Position) => Promise<DataRow[]>; after: () => Promise<DataRow[]>; afterRow: () => Promise<DataRow[]> },
  ): Promise<Listing> {
    const key = PositionCache.key([...collection, cursor]);
    const remembered = this.positions.get(key);
    if (remembered !== undefined) {
      const rows = await sql.from(remembered);
      if (rows[0]?.id === cursor) {
        this.positions.set(key, remembered); // the same cursor again (a retry, a poll) is one statement too
        return this.listing(kind, rows.slice(1), limit, collection);
      }
      this.positions.delete(key);
    }
    let rows: DataRow[] | null = null;
    if (this.cursorsInSql) {
      // PostgreSQL: any cursor in one round trip, from one snapshot (the position as an InitPlan).
      try {
        rows = await sql.afterRow();
      } catch (error) {
        // pg-mem through its own createPg() adapter (which pgMemClient would have marked) cannot compare
        // row values: this store then takes the two-statement path for good.
        if (!isPgMemError(error)) throw error;
        this.cursorsInSql = false;
      }
    }
    if (rows === null) {
      // pg-mem: position first, then the page from it; the one-statement form only after a race.
      const found = await sql.lookup();
      const position = found[0] === undefined ? null : positionOf(found[0]);
      if (position === null) return NO_CURSOR;
      rows = await sql.from(position);
      if (rows[0]?.id !== cursor) rows = await sql.after();
    }
    const at = rows[0]?.id === cursor ? positionOf(rows[0]) : null;
    if (at === null) return NO_CURSOR;
    this.positions.set(key, at);
    return this.listing(kind, rows.slice(1), limit, collection);
  }
}

/** Whether an error is pg-mem's (its messages carry a banner that links to pg-mem; PostgreSQL's never do). */
function isPgMemError(error: unknown): boolean {
  const message = (error as { message?: unknown } | null)?.message;
  return typeof message === "string" && message.includes("github.com/oguimbal/pg-mem");
}

/** `limit + extra` rows to fetch; a limit near 2^53 already exceeds any table. */
function plus(limit: number, extra: number): number {
  return Math.min(limit + extra, Number.MAX_SAFE_INTEGER);
}
