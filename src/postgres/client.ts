/**
 * The structural client the store talks to, and the few things it needs from it: one query, a dedicated
 * connection for a transaction, and errors that say what to do.
 * @packageDocumentation
 */
import { prefixed } from "../errors/render.js";
import type { Names } from "./names.js";

/** What a query resolves to: node-postgres' `QueryResult`, pg-mem's and PGlite's results all fit. */
export interface QueryResultLike {
  rows: unknown[];
}

/**
 * Anything node-postgres-shaped: `pg.Pool`, `pg.Client`, a `PoolClient`, pg-mem's `createPg()` Pool
 * (see {@link pgMemClient} for why you may want a better pg-mem adapter), PGlite, or your own wrapper.
 * The store only calls `query(text, values)`, with `$1…$n` placeholders and string, number or null values;
 * `migrate()` also calls `connect()` when the client is a pool (see {@link migrate}).
 */
export interface PostgresClient {
  query(text: string, values?: unknown[]): Promise<QueryResultLike>;
  /** A pool's `connect()` (hands out a client with `release()`), or a single client's (opens it). */
  connect?: (...args: never[]) => unknown;
  /** Present on a client checked out of a pool. */
  release?: (...args: never[]) => unknown;
}

/**
 * Marks a client whose engine evaluates a scalar subquery once per row (pg-mem: {@link pgMemClient} sets
 * it). The store then resolves a cursor it has not seen in two statements (position, then page from it)
 * instead of one statement with the position as subqueries, which PostgreSQL runs once (InitPlans).
 * @internal
 */
export const SUBQUERIES_PER_ROW: unique symbol = Symbol.for("chatkit-testkit.subqueries-per-row");

/** Whether a cursor is best resolved inside the page statement (every engine but the marked ones). @internal */
export function resolvesCursorsInSql(client: PostgresClient): boolean {
  return (client as unknown as Record<symbol, unknown>)[SUBQUERIES_PER_ROW] !== true;
}

/** A connection checked out of a pool. @internal */
interface PooledConnection extends PostgresClient {
  release(error?: unknown): void;
}

/** The EventEmitter part of node-postgres' clients. */
interface Emitter {
  on(event: "error", listener: (error: unknown) => void): unknown;
  removeListener(event: "error", listener: (error: unknown) => void): unknown;
}

const isEmitter = (value: unknown): value is Emitter =>
  typeof (value as Partial<Emitter> | null)?.on === "function" && typeof (value as Partial<Emitter> | null)?.removeListener === "function";

/**
 * Whether `client` is a pool: it has `connect()`, and it is neither a checked-out client (`release()`) nor a
 * single `pg.Client` (which has `connect()` too, to open itself). pg-mem's adapter has `release()` and acts
 * as one connection. @internal
 */
export function isPool(client: PostgresClient): boolean {
  const c = client as unknown as Record<string, unknown>;
  return typeof c.connect === "function" && typeof c.release !== "function" && !("connectionParameters" in c) && !("processID" in c);
}

/**
 * Whether a driver error means the connection itself is gone: SQLSTATE class 08 (connection exception),
 * 57P01–57P03 (the server terminated the session), or node-postgres' own "Connection terminated" and "not
 * queryable" errors, which carry no SQLSTATE. @internal
 */
export function isConnectionError(error: unknown): boolean {
  const code = sqlState(error);
  if (code !== undefined && (code.startsWith("08") || code === "57P01" || code === "57P02" || code === "57P03")) return true;
  const message = (error as { message?: unknown } | null)?.message;
  return typeof message === "string" && /Connection terminated|not queryable|ECONNRESET|EPIPE|socket hang up/i.test(message);
}

/**
 * Runs `fn` on one connection: a dedicated one from `pool.connect()` for a pool (released afterwards,
 * destroyed if `fn` failed), otherwise the client itself.
 *
 * While `fn` runs, an `'error'` listener is attached to the connection. node-postgres emits `'error'` on a
 * client whose backend dies (terminated, server restart, network), and an `'error'` event without a
 * listener ends the Node process. pg-pool listens only on idle clients, so a checked-out one needs its
 * own. When the connection is lost, `fn`'s failure becomes an `Error` whose message starts with
 * `[chatkit-testkit] <method>: lost the database connection`, whose `cause` is the driver's error, and the
 * connection is released as broken (pg-pool then discards it).
 *
 * @param method - named in the error message
 * @param hint - appended to the message of a lost connection (what the caller should do)
 * @internal
 */
export async function withConnection<T>(
  client: PostgresClient,
  fn: (connection: PostgresClient) => Promise<T>,
  method = "migrate",
  hint = "",
): Promise<T> {
  const pooled = isPool(client);
  const connection = pooled ? ((await (client.connect as unknown as () => Promise<PooledConnection>)()) as PooledConnection) : client;
  let lost: unknown;
  const onError = (error: unknown) => {
    lost ??= error;
  };
  const emitter = isEmitter(connection) ? connection : null;
  emitter?.on("error", onError);
  let failed: unknown;
  try {
    return await fn(connection);
  } catch (error) {
    failed = error;
    if (lost !== undefined || isConnectionError(error)) {
      // The statement's own error carries the SQLSTATE (57P01 …); a bare "not queryable" says less than the event.
      const cause = sqlState(error) !== undefined || lost === undefined ? error : lost;
      const detail = (cause as { message?: unknown } | null)?.message;
      failed = new Error(prefixed(`${method}: lost the database connection (${typeof detail === "string" ? detail : String(cause)})${hint}`), { cause });
    }
    throw failed;
  } finally {
    const broken = failed !== undefined || lost !== undefined;
    // pg-pool destroys a connection released with an error instead of reusing it (its transaction state
    // is unknown, or the connection is dead).
    if (pooled) {
      const reason = failed ?? lost;
      (connection as PooledConnection).release(broken ? (reason instanceof Error ? reason : new Error(String(reason))) : undefined);
    }
    // A discarded connection keeps the listener: it may still emit while it closes.
    if (!(pooled && broken)) emitter?.removeListener("error", onError);
  }
}

const locks = new WeakMap<object, Promise<unknown>>();

/** Runs `fn` after every earlier `serialize(client, …)` call of this process has settled. @internal */
export function serialize<T>(client: object, fn: () => Promise<T>): Promise<T> {
  const previous = locks.get(client) ?? Promise.resolve();
  const next = previous.then(fn, fn);
  locks.set(client, next.catch(() => undefined));
  return next;
}

/** The SQLSTATE of a driver error, when it has one (pg-mem's errors have none). @internal */
export function sqlState(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : undefined;
}

/** Whether a driver error is "relation … does not exist" (42P01), on PostgreSQL or pg-mem. @internal */
export function isMissingTable(error: unknown): boolean {
  const code = sqlState(error);
  if (code !== undefined) return code === "42P01";
  // pg-mem's errors have no code. Anchored: `column "x" of relation "t" does not exist` is a missing column.
  // pg-mem says "schema not found" for a table in a missing schema (PostgreSQL: 42P01).
  const message = (error as { message?: unknown } | null)?.message;
  return typeof message === "string" && /^(ERROR: )?(relation "[^"]*" does not exist|schema not found)/.test(message);
}

/** Whether a driver error is a foreign-key violation (23503). @internal */
export function isForeignKeyViolation(error: unknown): boolean {
  if (sqlState(error) === "23503") return true;
  const message = (error as { message?: unknown } | null)?.message;
  return typeof message === "string" && /violates foreign key constraint/.test(message);
}

/** Explains a missing table: the store was used before `migrate()`. @internal */
export function missingTableError(method: string, tables: string, error: unknown): Error {
  return new Error(prefixed(`${method}: the store's tables (${tables}) do not exist; run \`await store.migrate()\` once first`), { cause: error });
}

/** Whether a driver error is "column … does not exist" (42703), on PostgreSQL or pg-mem. @internal */
export function isMissingColumn(error: unknown): boolean {
  const code = sqlState(error);
  if (code !== undefined) return code === "42703";
  const message = (error as { message?: unknown } | null)?.message;
  return typeof message === "string" && /^(ERROR: )?column "?[^"]*"? (of relation "[^"]*" )?does not exist/.test(message);
}

/**
 * Whether a driver error says the store's tables are not what it expects (a missing table or column):
 * the store should check the schema version again (see `SchemaGuard` in migrations.ts). @internal
 */
export function isSchemaError(error: unknown): boolean {
  return isMissingTable(error) || isMissingColumn(error);
}

/** The table each store method reads or writes first, for messages. */
const TABLE_OF_METHOD: Readonly<Record<string, "threads" | "items" | "attachments">> = {
  loadThread: "threads",
  saveThread: "threads",
  deleteThread: "threads",
  loadThreads: "threads",
  loadThreadItems: "items",
  loadItem: "items",
  addThreadItem: "items",
  saveItem: "items",
  deleteThreadItem: "items",
  saveAttachment: "attachments",
  loadAttachment: "attachments",
  deleteAttachment: "attachments",
};

/** An Error that keeps the driver's SQLSTATE as `code`, so `error.code === "40001"` checks keep working. */
function withCode(error: Error, cause: unknown): Error {
  const code = sqlState(cause);
  if (code !== undefined) Object.defineProperty(error, "code", { value: code, enumerable: true, configurable: true, writable: true });
  return error;
}

/**
 * Turns a driver error of a store statement into an explanation, or null when it has none (pass the
 * error on unchanged then). For `PostgresStore` to call on every failed statement:
 *
 * - 42P01 "relation … does not exist": the store's tables do not exist; run `migrate()`.
 * - 42703 "column … does not exist": names the table and the column, and says the table was changed by
 *   hand or by a newer version of chatkit-testkit (migrate() would not help).
 * - 25P02 "current transaction is aborted": the caller's client is inside a transaction that an earlier
 *   statement aborted.
 *
 * Permission errors (42501), connection errors and everything else return null: the driver's own error,
 * with its `code`, is the clearest (docs/postgres-store.md, "Roles and rights").
 *
 * @param method - the store method, named in the message
 * @param names - the store's table names
 * @param error - what `client.query` rejected with
 * @returns an `Error` whose message starts with `[chatkit-testkit] <method>:`, whose `cause` is `error` and
 *   whose `code` is the driver's SQLSTATE when it had one; or null
 */
export function explainDriverError(method: string, names: Names, error: unknown): Error | null {
  const { threads, items, attachments } = names.display;
  if (isMissingTable(error)) return withCode(missingTableError(method, `${threads}, ${items}, ${attachments}`, error), error);
  if (isMissingColumn(error)) {
    const message = String((error as { message?: unknown }).message ?? "");
    const column = /column "?([^"\s]+)"? /.exec(message)?.[1]?.replace(/^[A-Za-z_][A-Za-z0-9_]*\./, "") ?? "?";
    const relation = /of relation "([^"]+)"/.exec(message)?.[1];
    const role = TABLE_OF_METHOD[method];
    const table =
      relation !== undefined
        ? (Object.values(names.display).find((d) => d === relation || d.endsWith(`.${relation}`)) ?? relation)
        : role !== undefined
          ? names.display[role]
          : `one of ${threads}, ${items}, ${attachments}`;
    return withCode(
      new Error(
        prefixed(`${method}: column "${column}" of ${table} does not exist: the table was changed by hand or by a newer version of chatkit-testkit, `) +
          "so it is not the schema migrate() created (docs/postgres-store.md, Schema); restore the column or upgrade chatkit-testkit",
        { cause: error },
      ),
      error,
    );
  }
  if (sqlState(error) === "25P02") {
    return withCode(
      new Error(prefixed(`${method}: the client is inside a transaction that an earlier statement aborted (25P02); ROLLBACK it before using the store on this client`), {
        cause: error,
      }),
      error,
    );
  }
  return null;
}

/** SQLSTATEs after which the same single statement may simply be run again. */
const RETRYABLE: ReadonlySet<string> = new Set(["40001", "40P01"]);
const RETRYABLE_NAME: Readonly<Record<string, string>> = { "40001": "serialization failure", "40P01": "deadlock" };

/** Options of {@link queryWithRetry}. */
export interface RetryOptions {
  /** The store method, named in the error. */
  readonly method: string;
  /**
   * How many times the statement runs at most (the first run included).
   * @defaultValue {@link DEFAULT_ATTEMPTS}
   */
  readonly attempts?: number;
  /**
   * The backoff before retry `k` (1-based) is a random delay in `[0, min(maxDelayMs, baseDelayMs * 2^(k-1)))` ms.
   * @defaultValue 2
   */
  readonly baseDelayMs?: number;
  /** @defaultValue 100 */
  readonly maxDelayMs?: number;
  /** Run it as this named prepared statement (node-postgres' `{ name, text, values }`; see {@link statementName}). */
  readonly name?: string;
}

/**
 * Whether a client is node-postgres' (a `pg.Pool`, `pg.Client` or a pool's client), which runs named
 * prepared statements given `{ name, text, values }`. pg-mem, PGlite and wrappers are not. @internal
 */
export function isNodePostgres(client: PostgresClient): boolean {
  const c = client as unknown as Record<string, unknown>;
  const isPgPool = typeof c.totalCount === "number" && typeof c.idleCount === "number" && typeof c.Client === "function";
  const isPgClient = "connectionParameters" in c && typeof c.getTransactionStatus === "function";
  return isPgPool || isPgClient;
}

/**
 * The name of a prepared statement: `ckt_` and a 64-bit FNV-1a hash of its text, so one text has one name
 * on every connection and two texts (other tables, the other order) never share one. @internal
 */
export function statementName(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193) >>> 0;
    b = Math.imul(b ^ c, 0x5bd1e995) >>> 0;
  }
  return `ckt_${a.toString(16).padStart(8, "0")}${b.toString(16).padStart(8, "0")}`;
}

/** How many times {@link queryWithRetry} runs a statement by default. */
export const DEFAULT_ATTEMPTS = 10;

/** node-postgres' `getTransactionStatus()`: "I" idle, "T" in a transaction, "E" in a failed transaction. */
function transactionStatus(client: PostgresClient): string | null {
  const get = (client as { getTransactionStatus?: unknown }).getTransactionStatus;
  if (typeof get !== "function") return null;
  const status: unknown = get.call(client);
  return typeof status === "string" ? status : null;
}

/**
 * Runs one statement, and runs it again after a serialization failure (40001) or a deadlock (40P01), up to
 * `attempts` times with a small jittered backoff. Safe because every store method is one statement that
 * runs in a transaction of its own (autocommit): the failed run was rolled back entirely. Such failures
 * happen when the sessions run at REPEATABLE READ or SERIALIZABLE (`default_transaction_isolation`).
 *
 * It does not retry inside the caller's transaction: when `client` is a `pg.Client` (or a pool's client)
 * whose transaction is open (`getTransactionStatus()` is `"T"` or `"E"`), the failure aborted that
 * transaction and only the caller can retry it as a whole. Clients without `getTransactionStatus()` are
 * retried, and a retry that meets 25P02 ("current transaction is aborted") stops and reports the first
 * failure the same way.
 *
 * @returns the statement's result
 * @throws {Error} `[chatkit-testkit] <method>: …` with the driver's error as `cause` and its SQLSTATE as
 *   `code`, when the attempts are used up or the client is inside a transaction; any other error of
 *   the statement unchanged
 */
export async function queryWithRetry(client: PostgresClient, text: string, values: unknown[] | undefined, options: RetryOptions): Promise<QueryResultLike> {
  const attempts = Math.max(1, Math.floor(options.attempts ?? DEFAULT_ATTEMPTS));
  const base = options.baseDelayMs ?? 2;
  const max = options.maxDelayMs ?? 100;
  let first: unknown;
  for (let attempt = 1; ; attempt++) {
    try {
      return await (options.name === undefined
        ? client.query(text, values)
        : // node-postgres' query config: a named statement is parsed and planned once per connection.
          (client.query as unknown as (config: { name: string; text: string; values?: unknown[] }) => Promise<QueryResultLike>).call(client, { name: options.name, text, values }));
    } catch (error) {
      const code = sqlState(error);
      if (first !== undefined && code === "25P02") throw inTransaction(options.method, first);
      if (code === undefined || !RETRYABLE.has(code)) throw error;
      first ??= error;
      const status = transactionStatus(client);
      if (status === "T" || status === "E") throw inTransaction(options.method, error);
      if (attempt >= attempts) {
        return Promise.reject(
          withCode(
            new Error(
              prefixed(`${options.method}: ${RETRYABLE_NAME[code]} (${code}) on each of ${attempts} attempts; the session runs at REPEATABLE READ or `) +
                "SERIALIZABLE and concurrent writes kept conflicting: retry the call later",
              { cause: error },
            ),
            error,
          ),
        );
      }
      await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(max, base * 2 ** (attempt - 1))));
    }
  }
}

function inTransaction(method: string, error: unknown): Error {
  const code = sqlState(error) ?? "40001";
  return withCode(
    new Error(
      prefixed(`${method}: ${RETRYABLE_NAME[code] ?? "error"} (${code}) inside the client's open transaction, which it aborted; `) +
        "not retried: ROLLBACK and retry the whole transaction",
      { cause: error },
    ),
    error,
  );
}
