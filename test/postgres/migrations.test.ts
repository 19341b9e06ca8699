/**
 * migrate(): creates the schema once, records its version, is idempotent, serialises concurrent runs
 * (two pools at once on PostgreSQL), refuses a newer database, and the store says to migrate when the
 * tables are missing.
 */
import { afterAll, describe, expect, it } from "vitest";
import pg from "pg";
import { newDb } from "pg-mem";
import { migrate, pgMemClient, PostgresStore, SCHEMA_VERSION, type PostgresClient } from "chatkit-testkit/postgres";
import { MIGRATIONS, schemaStatus } from "../../src/postgres/migrations.js";
import { resolveNames } from "../../src/postgres/names.js";
import { newPool, postgresUrl, realPgBackend, titleOf } from "./backends.js";
import { item, rejection, thread } from "./support.js";

const randomSchema = () => `mig_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;

interface Env {
  /** A client on a fresh database (pg-mem) or a pool (PostgreSQL). */
  client(): PostgresClient;
  /** Table options that no other test uses. */
  fresh(): { schema?: string; tablePrefix: string };
  cleanup(): Promise<void>;
}

function pgMemEnv(): Env {
  return {
    client: () => pgMemClient(newDb() as never),
    fresh: () => ({ tablePrefix: "ck_" }),
    cleanup: async () => {},
  };
}

function realEnv(url: string): Env {
  const pools: pg.Pool[] = [];
  const schemas: string[] = [];
  return {
    client: () => {
      const pool = newPool(url, 4);
      pools.push(pool);
      return pool;
    },
    fresh: () => {
      const schema = randomSchema();
      schemas.push(schema);
      return { schema, tablePrefix: "ck_" };
    },
    cleanup: async () => {
      const admin = newPool(url, 1);
      for (const s of schemas) await admin.query(`DROP SCHEMA IF EXISTS "${s}" CASCADE`);
      await admin.end();
      for (const p of pools) await p.end();
    },
  };
}

const { url } = postgresUrl();
const real = realPgBackend();
const envs: [string, boolean, Env | null][] = [
  ["pg-mem", true, pgMemEnv()],
  [titleOf(real), url !== null, url === null ? null : realEnv(url)],
];

for (const [title, available, env] of envs) {
  describe.skipIf(!available)(title, () => {
    afterAll(() => env?.cleanup());

    it("migrate: creates the tables, records the version, and a second run changes nothing", async () => {
      const client = env!.client();
      const options = env!.fresh();
      expect(await migrate(client, options)).toEqual({ from: 0, to: SCHEMA_VERSION, applied: [1] });
      expect(await migrate(client, options)).toEqual({ from: SCHEMA_VERSION, to: SCHEMA_VERSION, applied: [] });
      const store = new PostgresStore({ client, ...options });
      expect(await store.migrate()).toEqual({ from: SCHEMA_VERSION, to: SCHEMA_VERSION, applied: [] });
      const versions = await client.query(`SELECT version, description FROM ${store.tableNames.migrations} ORDER BY version`);
      expect(versions.rows).toEqual([{ version: 1, description: "threads, items, attachments" }]);
      // The tables work, and a re-run keeps their data.
      await store.saveThread(thread("thr_1"), "u");
      await store.addThreadItem("thr_1", item("m1", "thr_1") as never, "u");
      await migrate(client, options);
      expect((await store.loadThreadItems("thr_1", null, 5, "asc", "u")).data).toEqual([item("m1", "thr_1")]);
    });

    it("migrate: two migrations at once (two clients on PostgreSQL) both succeed and apply the schema once", async () => {
      const options = env!.fresh();
      const a = env!.client();
      const b = available && title !== "pg-mem" ? env!.client() : a; // pg-mem: one database, one client
      const results = await Promise.all([migrate(a, options), migrate(b, options), migrate(a, options)]);
      expect(results.map((r) => r.applied).sort()).toEqual([[], [], [1]]);
      const store = new PostgresStore({ client: b, ...options });
      const versions = await b.query(`SELECT version FROM ${store.tableNames.migrations}`);
      expect(versions.rows).toEqual([{ version: 1 }]);
    });

    it("migrate: the same schema with other table names, side by side", async () => {
      const client = env!.client();
      const options = env!.fresh();
      const one = new PostgresStore({ client, ...options });
      const two = new PostgresStore({ client, ...options, tablePrefix: "other_", tables: { items: "Messages" } });
      await one.migrate();
      expect((await two.migrate()).applied).toEqual([1]);
      await one.saveThread(thread("thr_1"), "u");
      await expect(two.loadThread("thr_1", "u")).rejects.toMatchObject({ name: "NotFoundError" });
      await two.saveThread(thread("thr_2"), "u");
      await two.addThreadItem("thr_2", item("m", "thr_2") as never, "u");
      const rows = await client.query(`SELECT id FROM ${two.tableNames.items}`);
      expect(rows.rows).toEqual([{ id: "m" }]);
    });

    it("migrate: a database with a newer schema version is refused", async () => {
      const client = env!.client();
      const options = env!.fresh();
      const store = new PostgresStore({ client, ...options });
      await store.migrate();
      await client.query(`INSERT INTO ${store.tableNames.migrations} (version, description, applied_at) VALUES (99, 'from the future', now())`);
      const error = await rejection(store.migrate());
      expect(error.message).toBe(`[chatkit-testkit] migrate: ${store.tableNames.migrations.replaceAll('"', "")} is at schema version 99, newer than this package's ${SCHEMA_VERSION}; upgrade chatkit-testkit`);
    });

    it("migrate: a second store in the same schema and migrations table with tables: { items } gets its items table; threads are shared", async () => {
      const client = env!.client();
      const options = env!.fresh();
      const one = new PostgresStore({ client, ...options });
      const two = new PostgresStore({ client, ...options, tables: { items: "chat_messages" } });
      expect(one.tableNames.migrations).toBe(two.tableNames.migrations);
      expect((await one.migrate()).applied).toEqual([1]);
      expect(await two.migrate()).toEqual({ from: 0, to: SCHEMA_VERSION, applied: [1] });
      expect((await two.migrate()).applied).toEqual([]);
      expect((await one.migrate()).applied).toEqual([]);
      await one.saveThread(thread("thr_1"), "u");
      await two.addThreadItem("thr_1", item("m2", "thr_1") as never, "u"); // the threads table is the same
      await one.addThreadItem("thr_1", item("m1", "thr_1") as never, "u");
      expect((await two.loadThreadItems("thr_1", null, 5, "asc", "u")).data.map((i) => i.id)).toEqual(["m2"]);
      expect((await one.loadThreadItems("thr_1", null, 5, "asc", "u")).data.map((i) => i.id)).toEqual(["m1"]);
      await one.deleteThread("thr_1", "u"); // both items tables cascade from it
      expect((await client.query(`SELECT id FROM ${two.tableNames.items}`)).rows).toEqual([]);
      const rows = await client.query(`SELECT version, table_set FROM ${one.tableNames.migrations} ORDER BY table_set`);
      expect(rows.rows).toEqual([
        { version: 1, table_set: "ck_threads chat_messages ck_attachments" },
        { version: 1, table_set: "ck_threads ck_items ck_attachments" },
      ]);
    });

    it("migrate: one table of a set dropped by hand is reported, naming it; a set dropped entirely is created again (PostgreSQL)", async () => {
      const client = env!.client();
      const options = env!.fresh();
      const store = new PostgresStore({ client, ...options });
      await store.migrate();
      await store.saveThread(thread("thr_1"), "u");
      await client.query(`DROP TABLE ${store.tableNames.attachments}`);
      const shown = (t: string) => t.replaceAll('"', "");
      const status = await schemaStatus(client, options);
      expect(status).toMatchObject({ version: 1, current: false, missingTables: [shown(store.tableNames.attachments)] });
      const error = await rejection(store.migrate());
      expect(error.message).toBe(
        `[chatkit-testkit] migrate: ${shown(store.tableNames.migrations)} records schema version 1 for ${shown(store.tableNames.threads)}, ${shown(store.tableNames.items)}, ${shown(store.tableNames.attachments)}, ` +
          `but ${shown(store.tableNames.attachments)} does not exist (dropped by hand?). Restore it from a backup, or drop ${shown(store.tableNames.threads)}, ${shown(store.tableNames.items)} too and run migrate() again: a set of tables that is missing entirely is created anew, empty`,
      );
      for (const t of ["items", "threads"] as const) await client.query(`DROP TABLE ${store.tableNames[t]}`);
      if (title === "pg-mem") {
        // pg-mem gap: DROP TABLE leaves the names of the table's indexes behind, so they cannot be created again.
        await expect(store.migrate()).rejects.toThrow(/relation "ck_\w+" already exists/);
        return;
      }
      expect(await store.migrate()).toEqual({ from: 0, to: SCHEMA_VERSION, applied: [1] });
      await store.saveThread(thread("thr_2"), "u");
      expect((await store.loadThreads(5, null, "asc", "u")).data.map((t) => t.id)).toEqual(["thr_2"]);
      expect((await schemaStatus(client, options)).current).toBe(true);
    });

    it("migrate: a database migrated before versions were kept per set of tables (no table_set column) keeps working, and takes a second set", async () => {
      const client = env!.client();
      const options = env!.fresh();
      const names = resolveNames("test", options);
      // The layout the earlier migrate() made: no table_set, a unique index on version, one unkeyed row.
      if (names.schema !== null) await client.query(`CREATE SCHEMA ${names.schema}`);
      await client.query(`CREATE TABLE ${names.table.migrations} (version integer, description text, applied_at timestamptz)`);
      for (const ddl of MIGRATIONS[0]!.statements(names)) await client.query(ddl);
      await client.query(`CREATE UNIQUE INDEX ${names.index.migrationsVersion} ON ${names.table.migrations} (version)`);
      await client.query(`INSERT INTO ${names.table.migrations} (version, description, applied_at) VALUES (1, 'threads, items, attachments', now())`);
      const store = new PostgresStore({ client, ...options });
      await store.saveThread(thread("thr_old"), "u");

      expect(await store.migrate()).toEqual({ from: 1, to: SCHEMA_VERSION, applied: [] });
      const other = new PostgresStore({ client, ...options, tables: { items: "chat_messages", attachments: "chat_files" } });
      expect((await other.migrate()).applied).toEqual([1]);
      expect((await store.migrate()).applied).toEqual([]);
      expect(await store.loadThread("thr_old", "u")).toEqual(thread("thr_old"));
      const rows = await client.query(`SELECT version, table_set FROM ${names.table.migrations} ORDER BY table_set`);
      expect(rows.rows).toEqual([
        { version: 1, table_set: "ck_threads chat_messages chat_files" },
        { version: 1, table_set: "ck_threads ck_items ck_attachments" }, // the unkeyed row, claimed by the set it belongs to
      ]);
    });

    it("migrate: a table of the set that exists but no migration created is refused, naming it", async () => {
      const client = env!.client();
      const options = env!.fresh();
      const names = resolveNames("test", options);
      await migrate(client, { ...options, tables: { items: "a_items" } });
      await client.query(`CREATE TABLE ${names.schema === null ? "" : `${names.schema}.`}"b_items" (x integer)`);
      const error = await rejection(migrate(client, { ...options, tables: { items: "b_items" } }));
      expect(error.message).toMatch(/^\[chatkit-testkit\] migrate: table (\w+\.)?b_items already exists, but (\w+\.)?ck_migrations records no migration that created it/);
    });

    it("a store used before migrate() says so", async () => {
      const store = new PostgresStore({ client: env!.client(), ...env!.fresh() });
      const error = await rejection(store.loadThreads(5, null, "asc", "u"));
      expect(error.message).toMatch(/^\[chatkit-testkit\] loadThreads: the store's tables \(.*ck_threads, .*ck_items, .*ck_attachments\) do not exist; run `await store.migrate\(\)` once first$/);
      expect((error as Error & { cause?: unknown }).cause).toBeDefined();
    });
  });
}

describe("migrate on pg-mem's own adapter", () => {
  it("without the advisory-lock stub, migrate explains what to use", async () => {
    const { Pool } = newDb().adapters.createPg();
    const error = await rejection(migrate(new Pool()));
    expect(error.message).toMatch(/pg_advisory_xact_lock.*createPgMemStore\(\) or pgMemClient\(db\)/);
  });
});

describe.skipIf(url === null)("migrate on PostgreSQL with a single pg.Client", () => {
  it("runs its transaction on that client and leaves it usable", async () => {
    const client = new pg.Client({ connectionString: url! });
    await client.connect();
    const schema = randomSchema();
    try {
      expect((await migrate(client, { schema })).applied).toEqual([1]);
      const status = await client.query("SELECT 1 AS one");
      expect(status.rows).toEqual([{ one: 1 }]);
      const store = new PostgresStore({ client, schema });
      await store.saveThread(thread("thr_1"), "u");
      expect(await store.loadThread("thr_1", "u")).toEqual(thread("thr_1"));
    } finally {
      await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await client.end();
    }
  });

  it("a failed migration rolls back: no half-created schema is left behind", async () => {
    const pool = newPool(url!, 2);
    const schema = randomSchema();
    try {
      // Occupy the name of the items table's index so that migration 1 fails half-way.
      await pool.query(`CREATE SCHEMA "${schema}"`);
      await pool.query(`CREATE TABLE "${schema}"."chatkit_items_order" (x int)`);
      const error = await rejection(migrate(pool, { schema }));
      expect(error.message).toMatch(/already exists/);
      const left = await pool.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name`, [schema]);
      expect(left.rows).toEqual([{ table_name: "chatkit_items_order" }]);
      await pool.query(`DROP TABLE "${schema}"."chatkit_items_order"`);
      expect((await migrate(pool, { schema })).applied).toEqual([1]);
    } finally {
      await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await pool.end();
    }
  });
});
