import { defaultGenerateId, type StoreItemType } from "../model/ids.js";
import type { JsonObject } from "../model/json.js";
import type { Page } from "../model/page.js";
import { checkAttachment, checkId, checkItem, checkLimit, checkOrder, checkThread, normalizeAfter } from "../store/arguments.js";
import { NotFoundError, PREFIX } from "../store/errors.js";
import { toPage } from "../store/paging.js";
import { scopeResolver, type ScopeOption, type ScopeResolver } from "../store/scope.js";
import type { ChatKitModel, ModelTypes, Order, Store } from "../store/Store.js";
import { isForeignKeyViolation, isMissingTable, missingTableError, type PostgresClient } from "./client.js";
import { migrate, type MigrateResult } from "./migrations.js";
import { resolveNames, type Names, type TableKey, type TableOptions } from "./names.js";
import { checkKey, decodeRecord, encodeRecord, keyProblem, type DataRow, type RecordKind } from "./rows.js";
import { PositionCache, positionOf, type Position } from "./positions.js";
import { buildStatements, type Statements } from "./statements.js";

/** Options of {@link PostgresStore}. */
export interface PostgresStoreOptions<TContext> extends TableOptions {
  /**
   * Where queries go: a `pg.Pool` (recommended), a `pg.Client`, pg-mem, PGlite or anything with
   * `query(text, values)` (see {@link PostgresClient}). The store never imports `pg`.
   */
  client: PostgresClient;
  /**
   * Derives the scope (user or tenant) from the request context (C-SCOPE). A function must return a
   * non-empty string; `"single-tenant"` puts every call in one shared scope, whatever its context.
   * A context from which no key can be derived is an `InvalidArgumentError` naming `context`, on every
   * method: scoping fails closed.
   * @defaultValue {@link defaultScope}: a non-empty string context, or a non-empty string
   *   `context.user_id` / `context.userId`; anything else is rejected
   */
  scope?: ScopeOption<TContext>;
  /**
   * Validate every record against the ChatKit model on write and on read, not only the envelope the store
   * needs.
   * @defaultValue `false` (records of older or newer SDK shapes round-trip untouched)
   */
  strict?: boolean;
  /**
   * Generates ids for `generateThreadId` / `generateItemId`.
   * @defaultValue {@link defaultGenerateId} (`<prefix>_<32 hex>`, C-ID)
   */
  generateId?: (itemType: StoreItemType) => string;
}

/**
 * A ChatKit store on PostgreSQL that follows every rule of CONTRACT.md, on a real server and on pg-mem.
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
 * (docs/decisions/items-need-a-thread.md). Ids and scope keys must be valid PostgreSQL text: U+0000 and
 * lone surrogates are rejected on writes with `InvalidArgumentError` (and are simply not found on reads).
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
export class PostgresStore<TContext = unknown, M extends ModelTypes = ChatKitModel> implements Store<TContext, M> {
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
  private readonly scopeOf: ScopeResolver<TContext>;
  private readonly strict: boolean;
  private readonly generateId: (itemType: StoreItemType) => string;
  /** Positions of recent `after` rows (positions.ts): a hint that saves a statement per page, never a result. */
  private readonly positions = new PositionCache(1024);

  /**
   * @param options - at least `client`; see {@link PostgresStoreOptions}
   * @throws {InvalidArgumentError} for a missing client or a bad schema or table name
   */
  constructor(options: PostgresStoreOptions<TContext>) {
    const client = (options as Partial<PostgresStoreOptions<TContext>> | undefined)?.client;
    if (!client || typeof client.query !== "function") {
      throw new TypeError(`${PREFIX} PostgresStore: options.client must have a query(text, values) method (a pg.Pool, pg.Client, pg-mem or PGlite)`);
    }
    this.client = client;
    this.tableOptions = { schema: options.schema, tablePrefix: options.tablePrefix, tables: options.tables };
    this.names = resolveNames("PostgresStore", this.tableOptions);
    this.tableNames = Object.freeze({ ...this.names.table });
    this.sql = buildStatements(this.names);
    this.scopeOf = scopeResolver<TContext>("PostgresStore", options.scope);
    this.strict = options.strict ?? false;
    this.generateId = options.generateId ?? defaultGenerateId;
  }

  /**
   * Creates or upgrades this store's tables (idempotent, safe to run from several processes at once).
   * See {@link migrate}.
   */
  migrate(): Promise<MigrateResult> {
    return migrate(this.client, this.tableOptions);
  }

  // ------------------------------------------------------------------ ids (C-ID)

  generateThreadId(context: TContext): string {
    this.scope("generateThreadId", context); // C-SCOPE fails closed on every method
    return this.generateId("thread");
  }

  generateItemId(itemType: StoreItemType, _thread: M["thread"], context: TContext): string {
    this.scope("generateItemId", context);
    return this.generateId(itemType);
  }

  // ------------------------------------------------------------------ threads

  async loadThread(threadId: string, context: TContext): Promise<M["thread"]> {
    checkId("loadThread", "threadId", threadId);
    const scope = this.scope("loadThread", context);
    const rows = keyProblem(threadId) ? [] : await this.rows("loadThread", this.sql.loadThread, [scope, threadId]);
    if (rows.length === 0) throw new NotFoundError("thread", threadId);
    return this.decode("thread", rows[0]!) as M["thread"];
  }

  async saveThread(thread: M["thread"], context: TContext): Promise<void> {
    const checked = checkThread("saveThread", thread, { strict: this.strict });
    const id = checked.value.id as string;
    checkKey("saveThread", "thread.id", id);
    const scope = this.scope("saveThread", context);
    await this.rows("saveThread", this.sql.saveThread, [scope, id, checked.micros.toString(), encodeRecord(checked.value)]);
  }

  async loadThreads(limit: number, after: string | null, order: Order, context: TContext): Promise<Page<M["thread"]>> {
    checkLimit("loadThreads", limit);
    checkOrder("loadThreads", order);
    const cursor = normalizeAfter("loadThreads", after);
    const scope = this.scope("loadThreads", context);
    const notFound = () => new NotFoundError("cursor", cursor!, `${PREFIX} loadThreads: cursor thread ${JSON.stringify(cursor)} not found`);
    if (cursor === null) {
      const rows = await this.rows("loadThreads", this.sql.threadsFirst[order], [scope, plus(limit, 1)]);
      return this.page("thread", rows, limit, ["threads", scope]) as Page<M["thread"]>;
    }
    if (keyProblem(cursor)) throw notFound();
    return this.pageAfter("thread", ["threads", scope], cursor, limit, notFound, {
      lookup: () => this.rows("loadThreads", this.sql.threadPosition, [scope, cursor]),
      from: (at) => this.rows("loadThreads", this.sql.threadsFrom[order], [scope, cursor, at.micros, at.seq, plus(limit, 2)]),
    }) as Promise<Page<M["thread"]>>;
  }

  async deleteThread(threadId: string, context: TContext): Promise<void> {
    checkId("deleteThread", "threadId", threadId);
    const scope = this.scope("deleteThread", context);
    if (keyProblem(threadId)) return;
    // One statement: the items go with the thread (ON DELETE CASCADE), atomically; attachments stay (C-DELETE).
    await this.rows("deleteThread", this.sql.deleteThread, [scope, threadId]);
  }

  // ------------------------------------------------------------------ items

  async loadThreadItems(threadId: string, after: string | null, limit: number, order: Order, context: TContext): Promise<Page<M["item"]>> {
    checkId("loadThreadItems", "threadId", threadId);
    checkLimit("loadThreadItems", limit);
    checkOrder("loadThreadItems", order);
    const cursor = normalizeAfter("loadThreadItems", after);
    const scope = this.scope("loadThreadItems", context);
    // A cursor is checked even on a missing thread (docs/decisions/cursor-on-missing-thread.md).
    const notFound = () =>
      new NotFoundError("cursor", cursor!, `${PREFIX} loadThreadItems: cursor item ${JSON.stringify(cursor)} not found in thread ${JSON.stringify(threadId)}`);
    if (cursor === null) {
      if (keyProblem(threadId)) return { data: [], has_more: false, after: null }; // C-MISSING-THREAD
      const rows = await this.rows("loadThreadItems", this.sql.itemsFirst[order], [scope, threadId, plus(limit, 1)]);
      return this.page("item", rows, limit, ["items", scope, threadId]) as Page<M["item"]>;
    }
    if (keyProblem(threadId) || keyProblem(cursor)) throw notFound();
    return this.pageAfter("item", ["items", scope, threadId], cursor, limit, notFound, {
      lookup: () => this.rows("loadThreadItems", this.sql.itemPosition, [scope, threadId, cursor]),
      from: (at) => this.rows("loadThreadItems", this.sql.itemsFrom[order], [scope, threadId, cursor, at.micros, at.seq, plus(limit, 2)]),
    }) as Promise<Page<M["item"]>>;
  }

  async addThreadItem(threadId: string, item: M["item"], context: TContext): Promise<void> {
    await this.upsertItem("addThreadItem", threadId, item, context);
  }

  async saveItem(threadId: string, item: M["item"], context: TContext): Promise<void> {
    await this.upsertItem("saveItem", threadId, item, context);
  }

  async loadItem(threadId: string, itemId: string, context: TContext): Promise<M["item"]> {
    checkId("loadItem", "threadId", threadId);
    checkId("loadItem", "itemId", itemId);
    const scope = this.scope("loadItem", context);
    const rows = keyProblem(threadId) || keyProblem(itemId) ? [] : await this.rows("loadItem", this.sql.loadItem, [scope, threadId, itemId]);
    if (rows.length === 0) {
      throw new NotFoundError("item", itemId, `${PREFIX} item ${JSON.stringify(itemId)} not found in thread ${JSON.stringify(threadId)}`);
    }
    return this.decode("item", rows[0]!) as M["item"];
  }

  async deleteThreadItem(threadId: string, itemId: string, context: TContext): Promise<void> {
    checkId("deleteThreadItem", "threadId", threadId);
    checkId("deleteThreadItem", "itemId", itemId);
    const scope = this.scope("deleteThreadItem", context);
    if (keyProblem(threadId) || keyProblem(itemId)) return;
    await this.rows("deleteThreadItem", this.sql.deleteItem, [scope, threadId, itemId]);
  }

  /**
   * addThreadItem and saveItem share one statement: insert at the ordered position, or replace the data in
   * place keeping created_micros and seq; nothing when the thread is not in the scope.
   */
  private async upsertItem(method: string, threadId: string, item: M["item"], context: TContext): Promise<void> {
    checkId(method, "threadId", threadId);
    const checked = checkItem(method, item, { strict: this.strict });
    const id = checked.value.id as string;
    checkKey(method, "item.id", id);
    const scope = this.scope(method, context);
    const missing = () => new NotFoundError("thread", threadId, `${PREFIX} ${method}: thread ${JSON.stringify(threadId)} not found`);
    if (keyProblem(threadId)) throw missing();
    let rows: DataRow[];
    try {
      rows = await this.rows(method, this.sql.upsertItem, [scope, threadId, id, checked.micros.toString(), encodeRecord(checked.value)]);
    } catch (error) {
      // The thread was deleted between the EXISTS check and the insert (PostgreSQL checks the foreign key).
      if (isForeignKeyViolation(error)) throw missing();
      throw error;
    }
    if (rows.length === 0) throw missing();
  }

  // ------------------------------------------------------------------ attachments

  async saveAttachment(attachment: M["attachment"], context: TContext): Promise<void> {
    const checked = checkAttachment("saveAttachment", attachment, { strict: this.strict });
    const id = checked.value.id as string;
    checkKey("saveAttachment", "attachment.id", id);
    const scope = this.scope("saveAttachment", context);
    await this.rows("saveAttachment", this.sql.saveAttachment, [scope, id, encodeRecord(checked.value)]);
  }

  async loadAttachment(attachmentId: string, context: TContext): Promise<M["attachment"]> {
    checkId("loadAttachment", "attachmentId", attachmentId);
    const scope = this.scope("loadAttachment", context);
    const rows = keyProblem(attachmentId) ? [] : await this.rows("loadAttachment", this.sql.loadAttachment, [scope, attachmentId]);
    if (rows.length === 0) throw new NotFoundError("attachment", attachmentId);
    return this.decode("attachment", rows[0]!) as M["attachment"];
  }

  async deleteAttachment(attachmentId: string, context: TContext): Promise<void> {
    checkId("deleteAttachment", "attachmentId", attachmentId);
    const scope = this.scope("deleteAttachment", context);
    if (keyProblem(attachmentId)) return;
    await this.rows("deleteAttachment", this.sql.deleteAttachment, [scope, attachmentId]);
  }

  // ------------------------------------------------------------------ internals

  /** The caller's scope key. A key PostgreSQL cannot store is an argument error on every method. */
  private scope(method: string, context: TContext): string {
    const scope = this.scopeOf(method, context);
    checkKey(method, "scope(context)", scope);
    return scope;
  }

  /** Runs one statement; a missing table becomes an error that says to migrate. */
  private async rows(method: string, text: string, values: unknown[]): Promise<DataRow[]> {
    try {
      const result = await this.client.query(text, values);
      return result.rows as DataRow[];
    } catch (error) {
      if (isMissingTable(error)) {
        const { threads, items, attachments } = this.names.display;
        throw missingTableError(method, `${threads}, ${items}, ${attachments}`, error);
      }
      throw error;
    }
  }

  private decode(kind: RecordKind, row: DataRow): JsonObject {
    const table = kind === "thread" ? this.names.display.threads : kind === "item" ? this.names.display.items : this.names.display.attachments;
    return decodeRecord(kind, table, row, this.strict);
  }

  /**
   * Turns up to `limit + 1` rows into a page (C-PAGE) and remembers where its `after` row sits, so that the
   * next page usually needs one statement (positions.ts).
   */
  private page(kind: RecordKind, rows: readonly DataRow[], limit: number, collection: readonly string[]): Page<JsonObject> {
    const page = toPage(rows, limit, (r) => String(r.id), (r) => this.decode(kind, r));
    if (page.after !== null) {
      const at = positionOf(rows[limit - 1]!);
      if (at) this.positions.set(PositionCache.key([...collection, page.after]), at);
    }
    return page;
  }

  /**
   * The page after `cursor` (C-PAGE, C-CURSOR): from its remembered position if any, else from a looked-up
   * one. The rows are used only when the first of them is the cursor row itself (positions.ts); otherwise
   * the position is looked up again (the row was moved, deleted or re-added meanwhile). A cursor with no
   * position, or that keeps moving under concurrent writes, raises NotFoundError.
   */
  private async pageAfter(
    kind: RecordKind,
    collection: readonly string[],
    cursor: string,
    limit: number,
    notFound: () => NotFoundError,
    sql: { lookup: () => Promise<DataRow[]>; from: (at: Position) => Promise<DataRow[]> },
  ): Promise<Page<JsonObject>> {
    const key = PositionCache.key([...collection, cursor]);
    let at = this.positions.get(key);
    for (let attempt = 0; attempt < 3; attempt++) {
      if (at === undefined) {
        const found = await sql.lookup();
        const position = found[0] === undefined ? null : positionOf(found[0]);
        if (position === null) {
          this.positions.delete(key);
          throw notFound();
        }
        at = position;
      }
      const rows = await sql.from(at);
      if (rows[0]?.id === cursor) {
        this.positions.set(key, at); // the same cursor again (a retry, a poll) is one statement too
        return this.page(kind, rows.slice(1), limit, collection);
      }
      this.positions.delete(key);
      at = undefined;
    }
    throw notFound();
  }
}

/** `limit + extra` rows to fetch; a limit near 2^53 already exceeds any table. */
function plus(limit: number, extra: number): number {
  return Math.min(limit + extra, Number.MAX_SAFE_INTEGER);
}
