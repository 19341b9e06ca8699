/**
 * PostgresStore's use of the schema check and the retry (src/postgres/migrations.ts SchemaGuard,
 * src/postgres/client.ts queryWithRetry and explainDriverError), through the store's public API only:
 *
 * - tables migrated by a newer version are refused by every method, after one extra statement per store;
 * - a renamed column is explained (table and column), not "run migrate";
 * - at REPEATABLE READ and SERIALIZABLE, concurrent writers see no serialization failure.
 *
 * These pass once PostgresStore runs each statement as
 * `await guard.ready(method)`, `queryWithRetry(client, text, values, { method })`, and on failure
 * `throw await guard.explain(method, error)`.
 */
import { afterAll, describe, expect, it } from "vitest";
import pg from "pg";
import { newDb } from "pg-mem";
import { migrate, pgMemClient, PostgresStore, SCHEMA_VERSION, type PostgresClient } from "chatkit-testkit/postgres";
import { newPool, postgresUrl, realPgBackend, titleOf } from "./backends.js";
import { item, loose, rejection, thread, uniqueScope } from "./support.js";

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
const freshSchema = () => {
  const schema = `sw_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  schemas.push(schema);
  return schema;
};

const envs: [string, boolean, () => { client: PostgresClient; options: { schema?: string } }][] = [
  ["pg-mem", true, () => ({ client: pgMemClient(newDb() as never), options: {} })],
  [
    titleOf(real),
    url !== null,
    () => {
      const pool = newPool(url!, 4);
      pools.push(pool);
      return { client: pool, options: { schema: freshSchema() } };
    },
  ],
];

for (const [title, available, env] of envs) {
  describe.skipIf(!available)(`PostgresStore's schema check on ${title}`, () => {
    it("tables migrated by a newer version: every method refuses, naming itself, the table and both versions", async () => {
      const { client, options } = env();
      const store = loose(new PostgresStore({ client, ...options }));
      await migrate(client, options);
      await store.saveThread(thread("thr_1"), "u");
      const names = (store as unknown as PostgresStore).tableNames;
      const rows = await client.query(`SELECT table_set FROM ${names.migrations}`);
      await client.query(`INSERT INTO ${names.migrations} (version, description, applied_at, table_set) VALUES (${SCHEMA_VERSION + 1}, 'from the future', now(), $1)`, [
        (rows.rows[0] as { table_set: string }).table_set,
      ]);
      const later = loose(new PostgresStore({ client, ...options }));
      const migrations = names.migrations.replaceAll('"', "");
      const expected = (method: string) =>
        `[chatkit-testkit] ${method}: ${migrations} is at schema version ${SCHEMA_VERSION + 1}, newer than this package's ${SCHEMA_VERSION}; upgrade chatkit-testkit`;
      expect((await rejection(later.loadThread("thr_1", "u"))).message).toBe(expected("loadThread"));
      expect((await rejection(later.saveThread(thread("thr_2"), "u"))).message).toBe(expected("saveThread"));
      expect((await rejection(later.loadThreadItems("thr_1", null, 5, "asc", "u"))).message).toBe(expected("loadThreadItems"));
      expect((await rejection(later.addThreadItem("thr_1", item("m", "thr_1"), "u"))).message).toBe(expected("addThreadItem"));
    });

    it("the check costs one statement per store: the first call runs two, the next ones one each", async () => {
      const { client, options } = env();
      await migrate(client, options);
      let count = 0;
      const counted = { query: (text: string, values?: unknown[]) => (count++, client.query(text, values)) };
      const store = loose(new PostgresStore({ client: counted, ...options }));
      await store.saveThread(thread("thr_1"), "u");
      expect(count).toBe(2);
      await store.loadThread("thr_1", "u");
      await store.loadThreads(5, null, "asc", "u");
      expect(count).toBe(4);
    });

    it("a renamed column is explained: the table and the column, changed by hand or by a newer version, not 'run migrate'", async () => {
      const { client, options } = env();
      await migrate(client, options);
      const store = loose(new PostgresStore({ client, ...options }));
      await store.saveThread(thread("thr_1"), "u");
      await store.addThreadItem("thr_1", item("m1", "thr_1"), "u");
      const items = (store as unknown as PostgresStore).tableNames.items;
      await client.query(`ALTER TABLE ${items} RENAME COLUMN data TO payload`);
      const error = await rejection(store.loadItem("thr_1", "m1", "u"));
      expect(error.message).toMatch(
        new RegExp(`^\\[chatkit-testkit\\] loadItem: column "data" of ${items.replaceAll('"', "").replace(".", "\\.")} does not exist: the table was changed by hand or by a newer version of chatkit-testkit`),
      );
      expect(error.cause).toBeDefined();
    });
  });
}

describe.skipIf(url === null)(`PostgresStore at REPEATABLE READ and SERIALIZABLE on ${titleOf(real)}`, () => {
  for (const level of ["repeatable read", "serializable"]) {
    it(`${level}: 48 concurrent writers on one thread, then a delete: no serialization failure reaches the caller`, async () => {
      const admin = newPool(url!, 2);
      pools.push(admin);
      const schema = freshSchema();
      await migrate(admin, { schema });
      const pool = new pg.Pool({ connectionString: url!, max: 12, options: `-c default_transaction_isolation=${level.replace(" ", "\\ ")}` });
      pool.on("error", () => undefined);
      pools.push(pool);
      const store = loose(new PostgresStore({ client: pool, schema }));
      for (let round = 0; round < 3; round++) {
        const u = uniqueScope();
        await store.saveThread(thread("thr_hot"), u);
        const errors: unknown[] = [];
        const keep = (p: Promise<unknown>) => p.catch((e: unknown) => void errors.push(e));
        await Promise.all(
          Array.from({ length: 48 }, (_, i) => {
            if (i % 3 === 0) return keep(store.saveThread(thread("thr_hot", `2026-01-01T00:00:${String(i % 60).padStart(2, "0")}Z`, { title: `t${i}` }), u));
            if (i % 3 === 1) return keep(store.addThreadItem("thr_hot", item(`m${i % 6}`, "thr_hot"), u));
            return keep(store.saveItem("thr_hot", item(`m${(i + 1) % 6}`, "thr_hot", undefined, { n: i }), u));
          }),
        );
        await keep(store.deleteThread("thr_hot", u));
        const unexpected = errors.filter((e) => (e as { name?: string }).name !== "NotFoundError");
        expect(unexpected.map((e) => `${(e as { code?: string }).code} ${(e as Error).message}`)).toEqual([]);
      }
    });
  }
});
