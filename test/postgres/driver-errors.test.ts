/**
 * What the store's helpers make of driver errors and of the schema state, on pg-mem and PostgreSQL:
 * explainDriverError (a missing table says "run migrate", a missing column names the table and column and
 * says the schema was changed), schemaStatus (one read-only statement) and SchemaGuard (the store's
 * cached check that refuses tables migrated by a newer version).
 */
import { afterAll, describe, expect, it } from "vitest";
import pg from "pg";
import { newDb } from "pg-mem";
import { migrate, pgMemClient, PostgresStore, SCHEMA_VERSION, type PostgresClient } from "chatkit-testkit/postgres";
import { explainDriverError, isSchemaError } from "../../src/postgres/client.js";
import { SchemaGuard, schemaStatus } from "../../src/postgres/migrations.js";
import { resolveNames } from "../../src/postgres/names.js";
import { newPool, postgresUrl, realPgBackend, titleOf } from "./backends.js";
import { rejection, thread } from "./support.js";

/** A client that counts the statements it is given. */
function counting(inner: PostgresClient): PostgresClient & { count: number } {
  const client = {
    count: 0,
    query(text: string, values?: unknown[]) {
      client.count++;
      return inner.query(text, values);
    },
  };
  return client;
}

const { url } = postgresUrl();
const real = realPgBackend();
const pools: pg.Pool[] = [];
const schemas: string[] = [];
afterAll(async () => {
  if (url !== null) {
    const admin = newPool(url, 1);
    for (const s of schemas) await admin.query(`DROP SCHEMA IF EXISTS "${s}" CASCADE`);
    await admin.end();
  }
  for (const p of pools) await p.end();
});

const envs: [string, boolean, () => { client: PostgresClient; options: { schema?: string; tablePrefix: string } }][] = [
  ["pg-mem", true, () => ({ client: pgMemClient(newDb() as never), options: { tablePrefix: "ck_" } })],
  [
    titleOf(real),
    url !== null,
    () => {
      const pool = newPool(url!, 3);
      pools.push(pool);
      const schema = `de_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
      schemas.push(schema);
      return { client: pool, options: { schema, tablePrefix: "ck_" } };
    },
  ],
];

for (const [title, available, env] of envs) {
  describe.skipIf(!available)(title, () => {
    it("explainDriverError: a renamed column names the table and the column and says the schema was changed; a missing table says to migrate", async () => {
      const { client, options } = env();
      const names = resolveNames("test", options);
      await migrate(client, options);
      const store = new PostgresStore({ client, ...options });
      await store.saveThread(thread("thr_1"), "u");
      await client.query(`ALTER TABLE ${names.table.threads} RENAME COLUMN data TO payload`);

      const read = await rejection(store.loadThread("thr_1", "u"));
      const raw = (read as Error & { cause?: unknown }).cause ?? read; // the raw driver error, or its wrapper once the store is wired
      expect(isSchemaError(raw)).toBe(true);
      const explained = explainDriverError("loadThread", names, raw)!;
      expect(explained.message).toBe(
        `[chatkit-testkit] loadThread: column "data" of ${names.display.threads} does not exist: the table was changed by hand or by a newer version of chatkit-testkit, ` +
          "so it is not the schema migrate() created (docs/postgres-store.md, Schema); restore the column or upgrade chatkit-testkit",
      );
      expect((explained as Error & { cause?: unknown }).cause).toBe(raw);
      expect(explained.message).not.toMatch(/run `await store.migrate\(\)`/);

      const write = await rejection(store.saveThread(thread("thr_2"), "u"));
      const writeRaw = (write as Error & { cause?: unknown }).cause ?? write;
      expect(explainDriverError("saveThread", names, writeRaw)!.message).toMatch(new RegExp(`^\\[chatkit-testkit\\] saveThread: column "data" of ${names.display.threads.replace(".", "\\.")} does not exist`));

      await client.query(`DROP TABLE ${names.table.items}`);
      const missing = await rejection(store.loadThreadItems("thr_1", null, 5, "asc", "u"));
      const missingRaw = (missing as Error & { cause?: unknown }).cause ?? missing;
      expect(explainDriverError("loadThreadItems", names, missingRaw)!.message).toMatch(/^\[chatkit-testkit\] loadThreadItems: the store's tables \(.*\) do not exist; run `await store.migrate\(\)` once first$/);
      expect(explainDriverError("loadThread", names, new Error("something else"))).toBeNull();
    });

    it("schemaStatus: one read-only statement, before and after migrate", async () => {
      const { client, options } = env();
      const reads = counting(client);
      expect(await schemaStatus(reads, options)).toMatchObject({ version: 0, expected: SCHEMA_VERSION, current: false, newer: false });
      expect(reads.count).toBe(1);
      await migrate(client, options);
      expect(await schemaStatus(reads, options)).toMatchObject({ migrationsTable: true, version: SCHEMA_VERSION, missingTables: [], current: true, newer: false });
      expect(reads.count).toBe(2);
    });

    it("SchemaGuard: tables migrated by a newer version are refused by name on every method, after one statement; otherwise it costs nothing after the first call", async () => {
      const { client, options } = env();
      const names = resolveNames("test", options);
      await migrate(client, options);
      const reads = counting(client);
      const guard = new SchemaGuard(reads, names);
      await guard.ready("loadThread");
      await guard.ready("saveThread");
      expect(reads.count).toBe(1);

      await client.query(`INSERT INTO ${names.table.migrations} (version, description, applied_at, table_set) VALUES (${SCHEMA_VERSION + 1}, 'from the future', now(), $1)`, [names.tableSet]);
      const newer = new SchemaGuard(reads, names);
      const error = await rejection(newer.ready("loadThreads"));
      expect(error.message).toBe(
        `[chatkit-testkit] loadThreads: ${names.display.migrations} is at schema version ${SCHEMA_VERSION + 1}, newer than this package's ${SCHEMA_VERSION}; upgrade chatkit-testkit`,
      );
      expect((await rejection(newer.ready("saveItem"))).message).toMatch(/^\[chatkit-testkit\] saveItem: .* is at schema version 2, newer than/);
      expect(reads.count).toBe(2);

      // The guard that passed before: a schema error of a statement makes it look again.
      await client.query(`ALTER TABLE ${names.table.threads} RENAME COLUMN data TO payload`);
      const failed = await rejection(client.query(`SELECT data FROM ${names.table.threads}`));
      const explained = (await guard.explain("loadThread", failed)) as Error;
      expect(explained.message).toMatch(/^\[chatkit-testkit\] loadThread: .* is at schema version 2, newer than this package's 1; upgrade chatkit-testkit$/);
      expect((explained as Error & { cause?: unknown }).cause).toBe(failed);
      // Anything else passes through unchanged.
      const other = new Error("boom");
      expect(await guard.explain("loadThread", other)).toBe(other);
    });
  });
}
