/**
 * PostgresStore on pg-mem, for unit tests: `await createPgMemStore()` gives a migrated store in one line,
 * and `store.reset()` empties it in microseconds. pg-mem is an optional peer, imported only when
 * `createPgMemStore()` is called without a database.
 * @packageDocumentation
 */
import { show } from "../model/json.js";
import { InvalidArgumentError } from "../errors/errors.js";
import { prefixed } from "../errors/render.js";
import type { ChatKitModel, ModelTypes } from "../store/Store.js";
import { SUBQUERIES_PER_ROW, type PostgresClient, type QueryResultLike } from "./client.js";
import { PostgresStore, type PostgresStoreOptions } from "./PostgresStore.js";

/**
 * The part of a pg-mem database (`newDb()` from `pg-mem`) this module uses. Any pg-mem 3.x `IMemoryDb`
 * fits; the type is spelled out so that this entry does not need pg-mem's types.
 */
export interface PgMemDb {
  readonly public: {
    query(sql: string): { rows: unknown[]; rowCount?: number | null };
    /** pg-mem's prepared statements: `prepare(sql).bind(values).executeAll()` takes real parameters. */
    prepare?(sql: string): { bind(values: unknown[]): { executeAll(): { rows: unknown[] } } };
    /** pg-mem's `getTable(name, nullIfNotFound)`. */
    getTable?(name: string, nullIfNotFound: true): unknown;
    /** Runs SQL and returns its rows (pg-mem's `many`). */
    many(sql: string): unknown[];
    /** Runs SQL without results (pg-mem's `none`). */
    none(sql: string): void;
    /** pg-mem's `registerFunction(definition, orReplace)`; its definition type is pg-mem's own. */
    registerFunction(definition: never, orReplace?: boolean): unknown;
  };
  backup(): { restore(): void };
  /** pg-mem's `getSchema(name)`: throws for an unknown schema. */
  getSchema?(name: string): { getTable(name: string, nullIfNotFound: true): unknown };
}

/** Functions the store calls that pg-mem lacks; registered on every database {@link pgMemClient} wraps. */
function installStubs(db: PgMemDb): void {
  // migrate() serialises on an advisory lock. pg-mem runs one statement at a time and has no sessions,
  // so the lock has nothing to do. pg-mem types a `$1::bigint` parameter as integer: register both.
  for (const type of ["bigint", "integer"]) {
    const lock = { name: "pg_advisory_xact_lock", args: [type], returns: "integer", implementation: () => 0, impure: true };
    db.public.registerFunction(lock as never, true);
  }
  // migrate() and the store's version check ask whether tables exist with to_regclass(text), which pg-mem
  // lacks. Names come quoted, as `"schema"."table"` or `"table"` (names.ts); unqualified ones are in public.
  const toRegclass = {
    name: "to_regclass",
    args: ["text"],
    returns: "text",
    impure: true,
    implementation: (name: unknown) => {
      const m = typeof name === "string" ? /^(?:"([^"]+)"\.)?"([^"]+)"$/.exec(name) : null;
      if (!m) return null;
      try {
        const schema = m[1] === undefined ? db.public : db.getSchema?.(m[1]);
        return schema?.getTable?.(m[2]!, true) ? name : null;
      } catch {
        return null; // no such schema
      }
    },
  };
  db.public.registerFunction(toRegclass as never, true);
  // And whether the schema exists, with to_regnamespace(text): `"schema"`.
  const toRegnamespace = {
    name: "to_regnamespace",
    args: ["text"],
    returns: "text",
    impure: true,
    implementation: (name: unknown) => {
      const m = typeof name === "string" ? /^"([^"]+)"$/.exec(name) : null;
      if (!m) return null;
      try {
        return db.getSchema?.(m[1]!) ? name : null;
      } catch {
        return null;
      }
    },
  };
  db.public.registerFunction(toRegnamespace as never, true);
}

/**
 * A value as node-postgres sends it: a string (numbers, bigints and booleans in their text form) or null.
 * pg-mem then converts it to the parameter's type, as PostgreSQL does.
 */
function parameter(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "string") return value;
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "boolean") return value ? "true" : "false";
  throw new TypeError(prefixed(`pgMemClient: cannot pass ${show(value)} as a parameter (strings, finite numbers, bigints, booleans and null only)`));
}

/** A value as an SQL literal: standard strings (no `E'…'`), numbers, NULL. For pg-mem without `prepare`. */
function literal(value: unknown): string {
  if (value === null || value === undefined) return "NULL";
  if (typeof value === "string") return `'${value.replace(/'/g, "''")}'`;
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  throw new TypeError(prefixed(`pgMemClient: cannot pass ${show(value)} as a parameter (strings, finite numbers, bigints, booleans and null only)`));
}

/**
 * A {@link PostgresClient} over a pg-mem database, better than pg-mem's own `createPg()` adapter for this
 * store:
 *
 * - **Parameters.** pg-mem's adapter pastes each `$n` into the SQL as a literal (`E'…'` when the value holds
 *   a backslash, which pg-mem's parser then mis-reads before whitespace: `"C:\ x"` fails with "Bad escaped
 *   character in JSON"), and parses the whole text, so a value of a few megabytes overflows the parser's
 *   stack. This client passes values as real parameters (`db.public.prepare(sql).bind(values)`), never
 *   parsed, so every string round-trips and size is bounded by memory only. Values go in their text form,
 *   as node-postgres sends them. (A pg-mem without `prepare` gets standard `'…'` literals instead.)
 * - **Functions.** It registers a no-op `pg_advisory_xact_lock`, which `migrate()` takes, and
 *   `to_regclass(text)` and `to_regnamespace(text)`, with which `migrate()` checks that tables and schemas exist.
 *
 * Queries run synchronously on the database, one at a time, as pg-mem always does.
 *
 * @param db - a pg-mem database (`newDb()`)
 * @returns a client for `new PostgresStore({ client })` or `migrate(client)`
 * @example
 * ```ts
 * import { newDb } from "pg-mem";
 * const db = newDb();
 * const store = new PostgresStore({ client: pgMemClient(db) });
 * await store.migrate();
 * ```
 */
export function pgMemClient(db: PgMemDb): PostgresClient {
  if (!db || typeof db !== "object" || typeof db.public?.query !== "function") {
    throw new TypeError(prefixed(`pgMemClient: db must be a pg-mem database (newDb() from "pg-mem"), got ${show(db)}`));
  }
  installStubs(db);
  const client = {
    [SUBQUERIES_PER_ROW]: true,
    async query(text: string, values: unknown[] = []): Promise<QueryResultLike> {
      if (values.length === 0) return { rows: db.public.query(text).rows };
      if (typeof db.public.prepare === "function") {
        const bound = values.map(parameter);
        return { rows: db.public.prepare(text).bind(bound).executeAll().rows };
      }
      const sql = text.replace(/\$(\d+)/g, (_, n: string) => literal(values[Number(n) - 1]));
      try {
        return { rows: db.public.query(sql).rows };
      } catch (error) {
        if (!(error instanceof RangeError)) throw error;
        throw new Error(prefixed(`pgMemClient: pg-mem could not parse a statement of ${sql.length} characters (this pg-mem has no prepare() for real parameters)`), { cause: error });
      }
    },
  };
  return client as PostgresClient;
}

/** Options of {@link createPgMemStore}: the store's options without `client`, plus the database. */
export interface PgMemStoreOptions<TContext> extends Omit<PostgresStoreOptions<TContext>, "client"> {
  /**
   * The pg-mem database to use, for example to share it with other code under test.
   * @defaultValue a new database from pg-mem's `newDb()`
   */
  db?: PgMemDb;
}

/**
 * A {@link PostgresStore} on pg-mem, with a fast reset for tests. Made by {@link createPgMemStore}.
 */
export class PgMemStore<TContext = unknown, M extends ModelTypes = ChatKitModel> extends PostgresStore<TContext, M> {
  /** The pg-mem database, for direct SQL in tests (`store.db.public.query(…)`). */
  readonly db: PgMemDb;
  private baseline: { restore(): void } | null = null;

  /** Use {@link createPgMemStore}, which also migrates and takes the first checkpoint. @internal */
  constructor(options: PgMemStoreOptions<TContext> & { db: PgMemDb }) {
    super({ ...options, client: pgMemClient(options.db) });
    this.db = options.db;
  }

  /**
   * Remembers the database's current state (every table of the database, sequences included) as the
   * state {@link PgMemStore.reset} returns to. `createPgMemStore()` takes one right after migrating, so
   * `reset()` empties the store; take another after seeding shared fixtures in `beforeAll`.
   */
  checkpoint(): void {
    this.baseline = this.db.backup();
  }

  /**
   * Restores the last {@link PgMemStore.checkpoint} (pg-mem's `backup().restore()`: about a microsecond).
   * The insertion sequences restart too, so ids and orders are the same in every test.
   * @throws {Error} when no checkpoint was taken
   */
  reset(): void {
    if (!this.baseline) throw new Error(prefixed(`PgMemStore.reset: no checkpoint yet; call store.checkpoint() (createPgMemStore() takes one after migrating)`));
    this.baseline.restore();
  }
}

/**
 * Builds a migrated PostgresStore on pg-mem in one line, for unit tests.
 *
 * pg-mem runs this store's SQL correctly: the store avoids the pg-mem gaps that give wrong answers (row-value
 * keyset comparisons, `ON CONFLICT … WHERE … RETURNING`, millisecond `timestamptz`, rollback that does not
 * undo, `E'…'` parameters; see docs/postgres-store.md). pg-mem's bigint is a JavaScript number, so the
 * order of `created_at` values before 1685 or after 2255 (beyond 2^53 µs from 1970) is exact only to a few
 * microseconds there; real PostgreSQL is exact for every year.
 *
 * @param options - the store's options (`scope`, `strict`, `generateId`, table names) and optionally `db`
 * @returns the store, migrated, with a checkpoint of its empty state for {@link PgMemStore.reset}
 * @throws {Error} when pg-mem is not installed and no `db` was given
 * @example
 * ```ts
 * const store = await createPgMemStore<{ user_id: string }>();
 * beforeEach(() => store.reset());
 * ```
 */
export async function createPgMemStore<TContext = unknown, M extends ModelTypes = ChatKitModel>(
  options: PgMemStoreOptions<TContext> = {},
): Promise<PgMemStore<TContext, M>> {
  if (options === null || typeof options !== "object") {
    throw new InvalidArgumentError("createPgMemStore", "options", `must be an object, got ${show(options)}`); // as the stores' constructors say
  }
  const db = options.db ?? (await newPgMemDb());
  const store = new PgMemStore<TContext, M>({ ...options, db });
  await store.migrate();
  store.checkpoint();
  return store;
}

async function newPgMemDb(): Promise<PgMemDb> {
  let pgMem: { newDb(): unknown };
  try {
    pgMem = (await import("pg-mem")) as unknown as { newDb(): unknown };
  } catch (error) {
    throw new Error(prefixed(`createPgMemStore: pg-mem is not installed (npm install --save-dev pg-mem), or pass { db }`), { cause: error });
  }
  return pgMem.newDb() as PgMemDb;
}
