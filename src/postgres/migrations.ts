/**
 * The schema of PostgresStore, as an ordered list of migrations, and `migrate()`: the only code that
 * creates or changes tables (STYLE.md §2).
 * @packageDocumentation
 */
import { PREFIX } from "../store/errors.js";
import { serialize, withConnection, type PostgresClient } from "./client.js";
import { resolveNames, type Names, type TableOptions } from "./names.js";
import { buildStatements } from "./statements.js";

/** One step of the schema. @internal */
interface Migration {
  readonly version: number;
  readonly description: string;
  /** DDL statements, run one by one (pg-mem returns only the last result of a multi-statement string). */
  readonly statements: (n: Names) => readonly string[];
}

/**
 * The schema, oldest first. Never edit a published migration: add the next one.
 *
 * Version 1 (UPSTREAM.md §7, with scoped primary keys):
 * - `threads(scope, id, created_micros, seq, data)`, primary key (scope, id), index (scope, created_micros, seq);
 * - `items(scope, thread_id, id, created_micros, seq, data)`, primary key (scope, thread_id, id), index
 *   (scope, thread_id, created_micros, seq), foreign key (scope, thread_id) → threads ON DELETE CASCADE
 *   (safe because saveThread is a true upsert, never a delete and insert);
 * - `attachments(scope, id, data)`, primary key (scope, id);
 * - a unique index on the migrations table's version.
 *
 * `created_micros` is `created_at` in µs since the epoch, computed in JavaScript (model/timestamp.ts), never
 * by the database: `timestamptz` input rounds a 7th digit where the contract truncates, and pg-mem keeps
 * milliseconds. `seq` is the insertion sequence that breaks ties (C-ORDER). `data` is the record as JSON
 * text (docs/decisions/postgres-data-as-text.md).
 * @internal
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: "threads, items, attachments",
    statements: (n) => [
      `CREATE TABLE ${n.table.threads} (` +
        "scope text NOT NULL, id text NOT NULL, created_micros bigint NOT NULL, seq bigserial NOT NULL, data text NOT NULL, " +
        `CONSTRAINT ${n.constraint.threadsPkey} PRIMARY KEY (scope, id))`,
      `CREATE INDEX ${n.index.threadsOrder} ON ${n.table.threads} (scope, created_micros, seq)`,
      `CREATE TABLE ${n.table.items} (` +
        "scope text NOT NULL, thread_id text NOT NULL, id text NOT NULL, created_micros bigint NOT NULL, seq bigserial NOT NULL, data text NOT NULL, " +
        `CONSTRAINT ${n.constraint.itemsPkey} PRIMARY KEY (scope, thread_id, id), ` +
        `CONSTRAINT ${n.constraint.itemsThreadFkey} FOREIGN KEY (scope, thread_id) REFERENCES ${n.table.threads} (scope, id) ON DELETE CASCADE)`,
      `CREATE INDEX ${n.index.itemsOrder} ON ${n.table.items} (scope, thread_id, created_micros, seq)`,
      `CREATE TABLE ${n.table.attachments} (` +
        "scope text NOT NULL, id text NOT NULL, data text NOT NULL, " +
        `CONSTRAINT ${n.constraint.attachmentsPkey} PRIMARY KEY (scope, id))`,
      `CREATE UNIQUE INDEX ${n.index.migrationsVersion} ON ${n.table.migrations} (version)`,
    ],
  },
];

/** The schema version this package's code expects. */
export const SCHEMA_VERSION: number = MIGRATIONS[MIGRATIONS.length - 1]!.version;

/**
 * The advisory lock every `migrate()` of this package takes (one key for all schemas: migrations are
 * rare and short, and two stores in one schema must not race on `CREATE SCHEMA`). "cktkmigr" in ASCII.
 */
const LOCK_KEY = "7163947637008852850";

/** What {@link migrate} did. */
export interface MigrateResult {
  /** The schema version found (0 for an empty database). */
  readonly from: number;
  /** The schema version now, {@link SCHEMA_VERSION}. */
  readonly to: number;
  /** The versions applied by this call, oldest first; empty when the schema was up to date. */
  readonly applied: readonly number[];
}

/** DDL outside the versioned list: the schema and the version table itself, both idempotent. */
function bootstrap(n: Names): string[] {
  return [
    ...(n.schema === null ? [] : [`CREATE SCHEMA IF NOT EXISTS ${n.schema}`]),
    // No constraint here: pg-mem cannot re-run CREATE TABLE IF NOT EXISTS with one. Version 1 adds the unique index.
    `CREATE TABLE IF NOT EXISTS ${n.table.migrations} (version integer, description text, applied_at timestamptz)`,
  ];
}

/**
 * Creates or upgrades the store's tables to {@link SCHEMA_VERSION}, idempotently.
 *
 * It runs in one transaction on one connection (a dedicated one from `client.connect()` when the client
 * is a pool), after `pg_advisory_xact_lock`, so two processes (or two pools) that migrate at the same time
 * do not race: the second waits, then finds the schema current and does nothing. Each applied version is
 * recorded in the migrations table. Calls on the same client object are also serialised in-process.
 *
 * With a single `pg.Client`, the transaction runs on that client: do not use it for anything else until
 * `migrate()` has settled. pg-mem has no advisory locks and no real rollback: use {@link createPgMemStore}
 * or {@link pgMemClient}, which stub the lock.
 *
 * @param client - a pool or a client (see {@link PostgresClient})
 * @param options - where the tables live (same options as the store)
 * @returns the versions before and after, and what was applied
 * @throws {InvalidArgumentError} for a bad schema or table name
 * @throws {Error} when the database holds a newer schema version than this package knows, or on a
 *   database error (the transaction is rolled back on PostgreSQL)
 * @example
 * ```ts
 * const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL });
 * await migrate(pool, { schema: "chat" });
 * const store = new PostgresStore({ client: pool, schema: "chat" });
 * ```
 */
export async function migrate(client: PostgresClient, options: TableOptions = {}): Promise<MigrateResult> {
  const names = resolveNames("migrate", options);
  const sql = buildStatements(names);
  return serialize(client, () =>
    withConnection(client, async (db) => {
      await db.query(sql.begin);
      try {
        try {
          await db.query(sql.lock, [LOCK_KEY]);
        } catch (error) {
          throw new Error(
            `${PREFIX} migrate: could not take the advisory lock (pg_advisory_xact_lock); on pg-mem use createPgMemStore() or pgMemClient(db), which provide it`,
            { cause: error },
          );
        }
        for (const statement of bootstrap(names)) await db.query(statement);
        const found = await db.query(sql.currentVersion);
        const from = Number((found.rows[0] as { version?: unknown } | undefined)?.version ?? 0);
        if (from > SCHEMA_VERSION) {
          throw new Error(
            `${PREFIX} migrate: ${names.display.migrations} is at schema version ${from}, newer than this package's ${SCHEMA_VERSION}; upgrade chatkit-testkit`,
          );
        }
        const applied: number[] = [];
        for (const migration of MIGRATIONS) {
          if (migration.version <= from) continue;
          for (const statement of migration.statements(names)) await db.query(statement);
          await db.query(sql.recordVersion, [migration.version, migration.description]);
          applied.push(migration.version);
        }
        await db.query(sql.commit);
        return { from, to: SCHEMA_VERSION, applied };
      } catch (error) {
        await db.query(sql.rollback).catch(() => undefined);
        throw error;
      }
    }),
  );
}
