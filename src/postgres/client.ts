/**
 * The structural client the store talks to, and the few things it needs from it: one query, a dedicated
 * connection for a transaction, and errors that say what to do.
 * @packageDocumentation
 */
import { PREFIX } from "../store/errors.js";

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

/** A connection checked out of a pool. @internal */
interface PooledConnection extends PostgresClient {
  release(error?: unknown): void;
}

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
 * Runs `fn` on one connection: a dedicated one from `pool.connect()` for a pool (released afterwards,
 * destroyed if `fn` failed), otherwise the client itself.
 * @internal
 */
export async function withConnection<T>(client: PostgresClient, fn: (connection: PostgresClient) => Promise<T>): Promise<T> {
  if (!isPool(client)) return fn(client);
  const connection = (await (client.connect as unknown as () => Promise<PooledConnection>)()) as PooledConnection;
  let failed: unknown;
  try {
    return await fn(connection);
  } catch (error) {
    failed = error;
    throw error;
  } finally {
    // pg-pool destroys a connection released with an error instead of reusing it (its transaction state
    // is unknown).
    connection.release(failed === undefined ? undefined : failed instanceof Error ? failed : new Error(String(failed)));
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
  if (sqlState(error) === "42P01") return true;
  const message = (error as { message?: unknown } | null)?.message;
  return typeof message === "string" && /relation "[^"]*" does not exist/.test(message);
}

/** Whether a driver error is a foreign-key violation (23503). @internal */
export function isForeignKeyViolation(error: unknown): boolean {
  if (sqlState(error) === "23503") return true;
  const message = (error as { message?: unknown } | null)?.message;
  return typeof message === "string" && /violates foreign key constraint/.test(message);
}

/** Explains a missing table: the store was used before `migrate()`. @internal */
export function missingTableError(method: string, tables: string, error: unknown): Error {
  return new Error(`${PREFIX} ${method}: the store's tables (${tables}) do not exist; run \`await store.migrate()\` once first`, { cause: error });
}
