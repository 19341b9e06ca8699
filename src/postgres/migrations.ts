/**
 * The schema of PostgresStore, as an ordered list of migrations, and `migrate()`: the only code that
 * creates or changes tables (the SQL of the store methods is in statements.ts).
 * @packageDocumentation
 */
import { prefixed } from "../errors/render.js";
import { explainDriverError, isMissingTable, isSchemaError, queryWithRetry, serialize, sqlState, withConnection, type PostgresClient } from "./client.js";
import { resolveNames, type Names, type TableOptions } from "./names.js";

/** The tables a migration creates or changes, one list of DDL statements per table. */
type SetTable = "threads" | "items" | "attachments";
const SET_TABLES: readonly SetTable[] = ["threads", "items", "attachments"];

/** One step of the schema of one set of tables. @internal */
interface Migration {
  readonly version: number;
  readonly description: string;
  /**
   * DDL statements per table, run one by one (pg-mem returns only the last result of a multi-statement
   * string). A table that another set of the same migrations table already created (two stores that
   * share their threads table) is skipped.
   */
  readonly tables: Readonly<Record<SetTable, (n: Names) => readonly string[]>>;
  /** Every DDL statement of the version, for a set whose tables are all new. */
  readonly statements: (n: Names) => readonly string[];
}

function migration(version: number, description: string, tables: Migration["tables"]): Migration {
  return { version, description, tables, statements: (n) => SET_TABLES.flatMap((t) => tables[t](n)) };
}

/**
 * The schema, oldest first. Never edit a published migration's effect: add the next one.
 *
 * Version 1 (the schema of docs/upstream.md §7, with scoped primary keys):
 * - `threads(scope, id, created_micros, seq, data)`, primary key (scope, id), index (scope, created_micros, seq);
 * - `items(scope, thread_id, id, created_micros, seq, data)`, primary key (scope, thread_id, id), index
 *   (scope, thread_id, created_micros, seq), foreign key (scope, thread_id) → threads ON DELETE CASCADE
 *   (safe because saveThread is a true upsert, never a delete and insert);
 * - `attachments(scope, id, data)`, primary key (scope, id).
 * (It also created a unique index on the migrations table's `version`; that index now belongs to the
 * bookkeeping step, {@link bookkeeping}, which replaces it.)
 *
 * `created_micros` is `created_at` in µs since the epoch, computed in JavaScript (model/timestamp.ts), never
 * by the database: `timestamptz` input rounds a 7th digit where the contract truncates, and pg-mem keeps
 * milliseconds. `seq` is the insertion sequence that breaks ties (C-ORDER). `data` is the record as JSON
 * text (docs/decisions/postgres-data-as-text.md).
 * @internal
 */
export const MIGRATIONS: readonly Migration[] = [
  migration(1, "threads, items, attachments", {
      threads: (n) => [
        `CREATE TABLE ${n.table.threads} (` +
          "scope text NOT NULL, id text NOT NULL, created_micros bigint NOT NULL, seq bigserial NOT NULL, data text NOT NULL, " +
          `CONSTRAINT ${n.constraint.threadsPkey} PRIMARY KEY (scope, id))`,
        `CREATE INDEX ${n.index.threadsOrder} ON ${n.table.threads} (scope, created_micros, seq)`,
      ],
      items: (n) => [
        `CREATE TABLE ${n.table.items} (` +
          "scope text NOT NULL, thread_id text NOT NULL, id text NOT NULL, created_micros bigint NOT NULL, seq bigserial NOT NULL, data text NOT NULL, " +
          `CONSTRAINT ${n.constraint.itemsPkey} PRIMARY KEY (scope, thread_id, id), ` +
          `CONSTRAINT ${n.constraint.itemsThreadFkey} FOREIGN KEY (scope, thread_id) REFERENCES ${n.table.threads} (scope, id) ON DELETE CASCADE)`,
        `CREATE INDEX ${n.index.itemsOrder} ON ${n.table.items} (scope, thread_id, created_micros, seq)`,
      ],
      attachments: (n) => [
        `CREATE TABLE ${n.table.attachments} (` +
          "scope text NOT NULL, id text NOT NULL, data text NOT NULL, " +
          `CONSTRAINT ${n.constraint.attachmentsPkey} PRIMARY KEY (scope, id))`,
      ],
  }),
];

/** The schema version this package's code expects. */
export const SCHEMA_VERSION: number = MIGRATIONS[MIGRATIONS.length - 1]!.version;

/**
 * The advisory lock every `migrate()` of this package takes (one key for all schemas: migrations are
 * rare and short, and two stores in one schema must not race on `CREATE SCHEMA`). "cktkmigr" in ASCII.
 * @internal
 */
export const LOCK_KEY = "7163947637008852850";

/** What {@link migrate} did. */
export interface MigrateResult {
  /** The schema version found for this store's tables (0 when they did not exist). */
  readonly from: number;
  /** The schema version now, {@link SCHEMA_VERSION}. */
  readonly to: number;
  /** The versions applied by this call, oldest first; empty when the schema was up to date. */
  readonly applied: readonly number[];
}

/**
 * The migrations table's own schema, idempotent DDL run (only) by a `migrate()` that has work to do:
 * the schema, the table, its `table_set` column (absent in databases migrated before it existed), and a
 * unique index on `(table_set, version)` instead of the old one on `version` alone, so that several sets
 * of tables can share one migrations table.
 */
function bookkeeping(n: Names, schemaExists: boolean): string[] {
  const qualifiedIndex = (index: string) => (n.schema === null ? index : `${n.schema}.${index}`);
  return [
    // CREATE SCHEMA IF NOT EXISTS needs CREATE on the database even when the schema exists: skip it then.
    ...(n.schema === null || schemaExists ? [] : [`CREATE SCHEMA IF NOT EXISTS ${n.schema}`]),
    // No constraint here: pg-mem cannot re-run CREATE TABLE IF NOT EXISTS with one.
    `CREATE TABLE IF NOT EXISTS ${n.table.migrations} (version integer, description text, applied_at timestamptz, table_set text)`,
    `ALTER TABLE ${n.table.migrations} ADD COLUMN IF NOT EXISTS table_set text`,
    `DROP INDEX IF EXISTS ${qualifiedIndex(n.index.migrationsVersion)}`,
    `CREATE UNIQUE INDEX IF NOT EXISTS ${n.index.migrationsSet} ON ${n.table.migrations} (table_set, version)`,
  ];
}

/**
 * The one statement that reads the schema state of a set of tables, without DDL and without writing:
 * whether each table of the set (and of the legacy set, see {@link Names.legacySet}) exists, and every
 * row of the migrations table (a handful). The LEFT JOIN gives one row even when the migrations table is
 * empty, so its columns show whether it has `table_set`. Fails with 42P01 when the migrations table does
 * not exist.
 */
function statusStatement(n: Names): { text: string; values: string[] } {
  const legacy = n.legacySet?.table ?? n.table;
  return {
    text:
      "SELECT to_regclass($1) IS NOT NULL AS ck_has_threads, to_regclass($2) IS NOT NULL AS ck_has_items, to_regclass($3) IS NOT NULL AS ck_has_attachments, " +
      "to_regclass($4) IS NOT NULL AS ck_legacy_threads, to_regclass($5) IS NOT NULL AS ck_legacy_items, to_regclass($6) IS NOT NULL AS ck_legacy_attachments, m.* " +
      `FROM (SELECT 1 AS ck_one) AS ck_one LEFT JOIN ${n.table.migrations} m ON true`,
    values: [n.table.threads, n.table.items, n.table.attachments, legacy.threads, legacy.items, legacy.attachments],
  };
}

/** The schema state of one set of tables, as {@link schemaStatus} reads it. */
export interface SchemaStatus {
  /** Whether the migrations table exists. */
  readonly migrationsTable: boolean;
  /**
   * The schema version recorded for this set of tables (rows written before the `table_set` column existed
   * count for the set they belong to, {@link Names.legacySet}); 0 when none.
   */
  readonly version: number;
  /** {@link SCHEMA_VERSION}. */
  readonly expected: number;
  /** The tables of the set that do not exist (unquoted, qualified names). */
  readonly missingTables: readonly string[];
  /** `version === expected` and every table exists: `migrate()` has nothing to do. */
  readonly current: boolean;
  /** The version is newer than this package's: upgrade chatkit-testkit. */
  readonly newer: boolean;
  /** @internal the key of the set that rows without `table_set` belong to, if known */
  readonly legacyOwner: string | null;
  /** @internal whether rows without `table_set` exist */
  readonly legacyRows: boolean;
  /** @internal the keys of every set recorded in the migrations table */
  readonly knownSets: readonly string[];
}

interface MigrationRow {
  version?: unknown;
  table_set?: unknown;
  ck_has_threads?: unknown;
  ck_has_items?: unknown;
  ck_has_attachments?: unknown;
  ck_legacy_threads?: unknown;
  ck_legacy_items?: unknown;
  ck_legacy_attachments?: unknown;
}

async function readStatus(client: PostgresClient, n: Names, method: string, retry = true): Promise<SchemaStatus> {
  const { text, values } = statusStatement(n);
  let rows: MigrationRow[];
  try {
    // Inside migrate()'s own transaction a retry could not help: a failure aborts it.
    rows = (retry ? await queryWithRetry(client, text, values, { method }) : await client.query(text, values)).rows as MigrationRow[];
  } catch (error) {
    if (!isMissingTable(error)) throw error;
    // No migrations table: nothing was migrated here. (The tables' existence is not known; a set with
    // tables and no migrations table was made by hand and is reported by migrate() when it runs into them.)
    return { migrationsTable: false, version: 0, expected: SCHEMA_VERSION, missingTables: SET_TABLES.map((t) => n.display[t]), current: false, newer: false, legacyOwner: null, legacyRows: false, knownSets: [] };
  }
  const head = rows[0] ?? {};
  const has = { threads: head.ck_has_threads === true, items: head.ck_has_items === true, attachments: head.ck_has_attachments === true };
  const legacyExists = head.ck_legacy_threads === true && head.ck_legacy_items === true && head.ck_legacy_attachments === true;
  const recorded = rows.filter((r) => r.version !== null && r.version !== undefined);
  const legacy = recorded.filter((r) => r.table_set === null || r.table_set === undefined);
  const keyed = (key: string) => recorded.filter((r) => r.table_set === key);
  const allOwn = SET_TABLES.every((t) => has[t]);
  const legacyOwner =
    legacy.length === 0 ? null : n.legacySet !== null && legacyExists ? n.legacySet.key : allOwn && keyed(n.tableSet).length === 0 ? n.tableSet : null;
  const mine = [...keyed(n.tableSet), ...(legacyOwner === n.tableSet ? legacy : [])];
  const version = mine.reduce((max, r) => Math.max(max, Number(r.version)), 0);
  const missingTables = SET_TABLES.filter((t) => !has[t]).map((t) => n.display[t]);
  const knownSets = [...new Set([...recorded.map((r) => r.table_set).filter((k): k is string => typeof k === "string"), ...(legacyOwner === null ? [] : [legacyOwner])])];
  return {
    migrationsTable: true,
    version,
    expected: SCHEMA_VERSION,
    missingTables,
    current: version === SCHEMA_VERSION && missingTables.length === 0,
    newer: version > SCHEMA_VERSION,
    legacyOwner,
    legacyRows: legacy.length > 0,
    knownSets,
  };
}

/**
 * Reads the schema state of a store's tables: one read-only statement (no DDL, no transaction), which a
 * SELECT-only role on a read-only session can run. See {@link SchemaStatus}.
 * @param client - a pool or a client
 * @param options - where the tables live (same options as the store)
 * @throws {InvalidArgumentError} for a bad schema or table name
 * @throws the driver's error, for anything but a missing migrations table
 */
export async function schemaStatus(client: PostgresClient, options: TableOptions = {}): Promise<SchemaStatus> {
  return readStatus(client, resolveNames("schemaStatus", options), "schemaStatus");
}

/** pg-mem without the functions pgMemClient registers. */
function stubsMissing(error: unknown): Error {
  return new Error(
    prefixed(`migrate: could not take the advisory lock (pg_advisory_xact_lock); on pg-mem use createPgMemStore() or pgMemClient(db), which provide it`),
    { cause: error },
  );
}

const isStubMissing = (error: unknown) =>
  sqlState(error) === undefined && /function (to_regclass|to_regnamespace|pg_advisory_xact_lock)\(.*\) does not exist/.test(String((error as Error | null)?.message));

function newerError(method: string, n: Names, version: number): Error {
  return new Error(
    prefixed(`${method}: ${n.display.migrations} is at schema version ${version}, newer than this package's ${SCHEMA_VERSION}; upgrade chatkit-testkit`),
  );
}

function partialError(method: string, n: Names, status: SchemaStatus): Error {
  const present = SET_TABLES.map((t) => n.display[t]).filter((t) => !status.missingTables.includes(t));
  return new Error(
    prefixed(`${method}: ${n.display.migrations} records schema version ${status.version} for ${n.display.threads}, ${n.display.items}, ${n.display.attachments}, `) +
      `but ${status.missingTables.join(", ")} ${status.missingTables.length === 1 ? "does" : "do"} not exist (dropped by hand?). Restore ${status.missingTables.length === 1 ? "it" : "them"} from a backup, ` +
      `or drop ${present.join(", ")} too and run migrate() again: a set of tables that is missing entirely is created anew, empty`,
  );
}

/**
 * Creates or upgrades the store's tables to {@link SCHEMA_VERSION}, idempotently.
 *
 * It first reads the schema state with one read-only statement ({@link schemaStatus}). When the store's
 * tables are current it returns `{ applied: [] }` there, without DDL and without a transaction, so a
 * read-only session or a SELECT-only role can call it. Otherwise it runs in one transaction on one
 * connection (a dedicated one from `client.connect()` when the client is a pool), after
 * `pg_advisory_xact_lock`, so two processes (or two pools) that migrate at the same time do not race:
 * the second waits, then finds the schema current and does nothing. Calls on the same client object are
 * also serialised in-process.
 *
 * Versions are recorded per set of tables (the `table_set` column of the migrations table), so stores
 * in one schema with different table names each get their tables; a table shared by two sets (the same
 * threads table) is created once. A set whose tables were all dropped by hand is created again; one
 * with only some missing is reported.
 *
 * With a single `pg.Client`, the transaction runs on that client: do not use it for anything else until
 * `migrate()` has settled. pg-mem has no advisory locks and no real rollback: use {@link createPgMemStore}
 * or {@link pgMemClient}, which stub the lock.
 *
 * @param client - a pool or a client (see {@link PostgresClient})
 * @param options - where the tables live (same options as the store)
 * @returns the versions before and after, and what was applied
 * @throws {InvalidArgumentError} for a bad schema or table name
 * @throws {Error} when the database holds a newer schema version than this package knows, when some of
 *   the store's tables are missing, when the connection is lost (`[chatkit-testkit] migrate: lost the
 *   database connection …`, the driver's error as `cause`), or on a database error (the transaction is
 *   rolled back on PostgreSQL)
 * @example
 * ```ts
 * const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL });
 * pool.on("error", (error) => console.error("idle PostgreSQL client failed", error));
 * await migrate(pool, { schema: "chat" });
 * const store = new PostgresStore({ client: pool, schema: "chat" });
 * ```
 */
export async function migrate(client: PostgresClient, options: TableOptions = {}): Promise<MigrateResult> {
  const names = resolveNames("migrate", options);
  return serialize(client, async () => {
    const before = await readStatus(client, names, "migrate").catch((error: unknown) => Promise.reject(isStubMissing(error) ? stubsMissing(error) : error));
    if (before.newer) throw newerError("migrate", names, before.version);
    if (before.current) return { from: before.version, to: SCHEMA_VERSION, applied: [] };
    if (before.version > 0 && before.missingTables.length < SET_TABLES.length) throw partialError("migrate", names, before);
    return withConnection(client, (db) => migrateLocked(db, names), "migrate", "; its transaction was rolled back unless COMMIT had completed: run migrate() again (it is idempotent)");
  });
}

/** The write phase of {@link migrate}: one transaction, after the advisory lock. */
async function migrateLocked(db: PostgresClient, names: Names): Promise<MigrateResult> {
  await db.query("BEGIN");
  try {
    try {
      await db.query("SELECT pg_advisory_xact_lock($1::bigint)", [LOCK_KEY]);
    } catch (error) {
      if (sqlState(error) !== undefined && sqlState(error) !== "42883") throw error; // 42883: undefined function
      throw stubsMissing(error);
    }
    const schemaExists =
      names.schema !== null && ((await db.query("SELECT to_regnamespace($1) IS NOT NULL AS present", [names.schema])).rows[0] as { present?: unknown } | undefined)?.present === true;
    for (const statement of bookkeeping(names, schemaExists)) await db.query(statement);
    const status = await readStatus(db, names, "migrate", false);
    if (status.newer) throw newerError("migrate", names, status.version);
    const applied: number[] = [];
    if (!status.current) {
      if (status.version > 0 && status.missingTables.length < SET_TABLES.length) throw partialError("migrate", names, status);
      // Rows written before table_set existed get the key of the set they belong to.
      if (status.legacyRows && status.legacyOwner !== null) {
        await db.query(`UPDATE ${names.table.migrations} SET table_set = $1 WHERE table_set IS NULL`, [status.legacyOwner]);
      }
      // A recorded set whose tables are all gone (dropped by hand): start it again from scratch.
      if (status.version > 0) await db.query(`DELETE FROM ${names.table.migrations} WHERE table_set = $1`, [names.tableSet]);
      const from = status.version > 0 ? 0 : status.version;
      const existing = new Set(SET_TABLES.filter((t) => !status.missingTables.includes(names.display[t])));
      for (const migration of MIGRATIONS) {
        if (migration.version <= from) continue;
        for (const table of SET_TABLES) {
          if (existing.has(table)) {
            // Another recorded set created this table (two stores sharing a threads table): keep it.
            const shared = status.knownSets.some((key) => key.split(" ")[SET_TABLES.indexOf(table)] === names.raw[table]);
            if (shared) continue;
            throw new Error(
              prefixed(`migrate: table ${names.display[table]} already exists, but ${names.display.migrations} records no migration that created it; `) +
                "rename or drop it, or choose other table names",
            );
          }
          for (const statement of migration.tables[table](names)) await db.query(statement);
        }
        await db.query(`INSERT INTO ${names.table.migrations} (version, description, applied_at, table_set) VALUES ($1::integer, $2, now(), $3)`, [
          migration.version,
          migration.description,
          names.tableSet,
        ]);
        applied.push(migration.version);
      }
      await db.query("COMMIT");
      return { from, to: SCHEMA_VERSION, applied };
    }
    await db.query("COMMIT");
    return { from: status.version, to: SCHEMA_VERSION, applied };
  } catch (error) {
    await db.query("ROLLBACK").catch(() => undefined);
    throw error;
  }
}

/**
 * The schema check of one store, for `PostgresStore` to hold one of (`new SchemaGuard(client, names)`):
 *
 * - `await guard.ready(method)` before a method's first statement: the first call reads the schema state
 *   (one read-only statement, {@link schemaStatus}); later calls cost nothing. It throws
 *   `[chatkit-testkit] <method>: <migrations> is at schema version N, newer than this package's M; upgrade
 *   chatkit-testkit` when a newer version migrated the tables (cached: every later call throws it too).
 *   Any other state passes: a missing table is explained by the statement's own error.
 * - `throw await guard.explain(method, error)` when a statement fails: a missing table or column makes
 *   the guard read the state again (a newer version may have migrated meanwhile) and gives the newer-version
 *   error, or else {@link explainDriverError}'s explanation, or `error` unchanged.
 * @internal
 */
export class SchemaGuard {
  /** The newer version found (or null: fine), once read. */
  private checked: Promise<number | null> | null = null;

  constructor(
    private readonly client: PostgresClient,
    private readonly names: Names,
  ) {}

  /** Resolves when the tables are not from a newer version; see {@link SchemaGuard}. */
  async ready(method: string): Promise<void> {
    const newer = await this.newerVersion(method);
    if (newer !== null) throw newerError(method, this.names, newer);
  }

  /** What to throw for a failed statement of `method`; see {@link SchemaGuard}. */
  async explain(method: string, error: unknown): Promise<unknown> {
    if (isSchemaError(error)) {
      this.checked = null;
      const newer = await this.newerVersion(method).catch(() => null);
      if (newer !== null) return new Error(newerError(method, this.names, newer).message, { cause: error });
    }
    return explainDriverError(method, this.names, error) ?? error;
  }

  private newerVersion(method: string): Promise<number | null> {
    if (this.checked === null) {
      const check = readStatus(this.client, this.names, method).then(
        (status) => {
          if (!status.migrationsTable) this.checked = null; // not migrated yet: look again next time
          return status.newer ? status.version : null;
        },
        (error: unknown) => {
          // A role without SELECT on the migrations table (42501) cannot check: let the statements run.
          if (sqlState(error) === "42501") return null;
          this.checked = null;
          throw error;
        },
      );
      this.checked = check;
    }
    return this.checked;
  }
}
