/**
 * The two backends every PostgresStore test runs on: pg-mem (always) and a real PostgreSQL (when the
 * global setup found or started one, test/setup/postgres.ts). Also what the conformance harness needs:
 *
 * ```ts
 * const backend = realPgBackend(); // "shared": the harness keeps stores apart with fresh scope keys
 * afterAll(() => backend.close());
 * runStoreConformance(backend.name, { createStore: () => backend.createStore(), destroyStore: (s) => backend.destroyStore(s) });
 * ```
 *
 * With the harness's `contexts` option (fixed scopes, "each store must start empty") use `"database"`
 * isolation instead. Measured with the whole harness at its default 100 runs: pg-mem "shared" ≈ 20 s,
 * PostgreSQL "shared" ≈ 9 s.
 */
import pg from "pg";
import { inject } from "vitest";
import { createPgMemStore, PgMemStore, PostgresStore, type PostgresStoreOptions } from "chatkit-testkit/postgres";

/** Store options a test may set (the backend supplies the client and the schema). */
export type StoreOptions = Omit<PostgresStoreOptions<unknown>, "client" | "schema">;

/**
 * How stores of one backend are isolated from each other:
 * - `"database"`: every store gets its own, empty, migrated tables (a pg-mem database, or a PostgreSQL
 *   schema). Costs a migration per store (pg-mem ≈ 70 ms, PostgreSQL ≈ 30 ms).
 * - `"shared"`: stores share migrated tables (on PostgreSQL one schema; on pg-mem a database per 20
 *   stores, since pg-mem scans a table on every page); tests keep apart by using their own scope keys (as
 *   the conformance harness does). Cheap.
 */
export type Isolation = "database" | "shared";

/** A place to create PostgresStores. */
export interface StoreBackend {
  /** `"pg-mem"` or `"PostgreSQL"`. */
  readonly name: string;
  /** Whether the backend can be used in this run. */
  readonly available: boolean;
  /** Why it cannot. */
  readonly reason?: string;
  /** Whether `rollback`, real concurrency and sessions exist (only on PostgreSQL). */
  readonly real: boolean;
  /** A migrated store (see {@link Isolation}). */
  createStore(options?: StoreOptions): Promise<PostgresStore<any>>;
  /** Drops what `createStore` made for this store (its schema or database in `"database"` isolation). */
  destroyStore(store: PostgresStore<any>): Promise<void>;
  /** Releases everything: drops the shared schema, ends pools. Call in `afterAll`. */
  close(): Promise<void>;
}

const randomName = (prefix: string) => `${prefix}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;

/** PostgresStore on pg-mem ({@link createPgMemStore}): always available. */
export function pgMemBackend(isolation: Isolation = "shared"): StoreBackend {
  let shared: Promise<PgMemStore<any>> | null = null;
  let made = 0;
  return {
    name: "pg-mem",
    available: true,
    real: false,
    async createStore(options = {}) {
      if (isolation === "database") return createPgMemStore(options);
      // A new database every 20 stores: pg-mem scans a table on every page, so one that holds every
      // store's rows makes later pages slow (src/cli/bundled.ts measured it).
      if (made++ % 20 === 0) shared = createPgMemStore();
      return new PgMemStore({ ...options, db: (await shared!).db }); // migrated already
    },
    async destroyStore() {},
    async close() {
      shared = null;
    },
  };
}

/** The URL of the real PostgreSQL of this run, or null with the reason. */
export function postgresUrl(): { url: string | null; note: string } {
  return { url: inject("postgresUrl"), note: inject("postgresNote") };
}

/**
 * PostgresStore on the real PostgreSQL of this run, through a `pg.Pool`. Each backend works in schemas of
 * its own (random names), so test files can run in parallel.
 */
export function realPgBackend(isolation: Isolation = "shared"): StoreBackend {
  const { url, note } = postgresUrl();
  if (url === null) {
    return {
      name: "PostgreSQL",
      available: false,
      reason: note,
      real: true,
      createStore: () => Promise.reject(new Error(`no PostgreSQL: ${note}`)),
      destroyStore: async () => {},
      close: async () => {},
    };
  }
  let pool: pg.Pool | null = null;
  const getPool = () => (pool ??= newPool(url));
  const schemas = new Set<string>();
  let sharedSchema: Promise<string> | null = null;
  const migrated = async (schema: string) => {
    schemas.add(schema);
    await new PostgresStore({ client: getPool(), schema }).migrate();
    return schema;
  };
  return {
    name: "PostgreSQL",
    available: true,
    real: true,
    async createStore(options = {}) {
      const schema = isolation === "database" ? await migrated(randomName("ck")) : await (sharedSchema ??= migrated(randomName("ck_shared")));
      return new PostgresStore({ ...options, client: getPool(), schema });
    },
    async destroyStore(store) {
      if (isolation !== "database") return;
      const schema = /^"([^"]+)"\./.exec(store.tableNames.threads)?.[1];
      if (schema && schemas.delete(schema)) await getPool().query(`DROP SCHEMA "${schema}" CASCADE`);
    },
    async close() {
      if (!pool) return;
      for (const schema of schemas) await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      schemas.clear();
      sharedSchema = null;
      await pool.end();
      pool = null;
    },
  };
}

/** A pool on the run's PostgreSQL; errors of idle connections (a terminated backend) are ignored. */
export function newPool(url: string, max = 10): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max });
  pool.on("error", () => undefined);
  return pool;
}

/** Both backends, pg-mem first. */
export function backends(isolation: Isolation = "shared"): StoreBackend[] {
  return [pgMemBackend(isolation), realPgBackend(isolation)];
}

/** The title of a backend's describe block: says loudly when it is skipped. */
export function titleOf(backend: StoreBackend): string {
  return backend.available ? backend.name : `${backend.name} (SKIPPED: ${backend.reason})`;
}
