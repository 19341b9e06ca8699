/**
 * Least rights on real PostgreSQL: migrate() on a current schema runs no DDL and no read-write transaction,
 * so a read-only session (default_transaction_read_only, as on a replica) and a SELECT-only role can call
 * it at start-up. The SELECT-only role reads through the store; its writes fail with the driver's own
 * permission error (42501), passed through unchanged (docs/postgres-store.md, "Roles and rights").
 * Skipped (loudly) without PostgreSQL; the role is dropped afterwards.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { migrate, PostgresStore, SCHEMA_VERSION } from "chatkit-testkit/postgres";
import { newPool, postgresUrl, realPgBackend, titleOf } from "./backends.js";
import { item, loose, rejection, thread } from "./support.js";

const { url } = postgresUrl();
const real = realPgBackend();
const random = (prefix: string) => `${prefix}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;

describe.skipIf(url === null)(`read-only sessions and a SELECT-only role on ${titleOf(real)}`, () => {
  const schema = random("roles");
  const fresh = random("roles_new");
  const role = random("ck_reader");
  const app = random("ck_app");
  const creator = random("ck_creator");
  const own = random("roles_own");
  let admin: pg.Pool;
  const pools: pg.Pool[] = [];
  const roles: string[] = [];

  const as = (name: string) => {
    const address = new URL(url!);
    address.username = name;
    address.password = "secret";
    return address.toString();
  };

  const pool = (config: pg.PoolConfig) => {
    const p = new pg.Pool({ max: 2, ...config });
    p.on("error", () => undefined);
    pools.push(p);
    return p;
  };

  beforeAll(async () => {
    admin = newPool(url!, 2);
    const owner = new PostgresStore({ client: admin, schema });
    await owner.migrate();
    await owner.saveThread(thread("thr_1"), "u");
    await owner.addThreadItem("thr_1", item("m1", "thr_1") as never, "u");
    for (const r of [role, app, creator]) {
      await admin.query(`CREATE ROLE "${r}" LOGIN PASSWORD 'secret'`);
      roles.push(r);
    }
    await admin.query(`GRANT USAGE ON SCHEMA "${schema}" TO "${role}"`);
    await admin.query(`GRANT SELECT ON ALL TABLES IN SCHEMA "${schema}" TO "${role}"`);
  });
  afterAll(async () => {
    for (const p of pools) await p.end();
    await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await admin.query(`DROP SCHEMA IF EXISTS "${fresh}" CASCADE`);
    await admin.query(`DROP SCHEMA IF EXISTS "${own}" CASCADE`);
    for (const r of roles) {
      await admin.query(`DROP OWNED BY "${r}"`);
      await admin.query(`DROP ROLE "${r}"`);
    }
    await admin.end();
  });

  it("a read-only session (default_transaction_read_only=on) can run migrate() on a current schema: nothing applied, no DDL", async () => {
    const readOnly = pool({ connectionString: url!, options: "-c default_transaction_read_only=on" });
    expect((await readOnly.query("SHOW default_transaction_read_only")).rows).toEqual([{ default_transaction_read_only: "on" }]);
    expect(await migrate(readOnly, { schema })).toEqual({ from: SCHEMA_VERSION, to: SCHEMA_VERSION, applied: [] });
    const store = loose(new PostgresStore({ client: readOnly, schema }));
    expect(await store.loadThread("thr_1", "u")).toEqual(thread("thr_1"));
    // With work to do it needs a writable session, and says so through the driver's error (25006).
    const error = await rejection(migrate(readOnly, { schema: fresh }));
    expect(error.code ?? (error.cause as { code?: string } | undefined)?.code).toBe("25006");
  });

  it("a SELECT-only role: migrate() applies nothing, reads work, writes fail with the driver's permission error (42501)", async () => {
    const reader = pool({ connectionString: as(role) });
    expect((await reader.query("SELECT current_user AS u")).rows).toEqual([{ u: role }]);
    expect(await migrate(reader, { schema })).toEqual({ from: SCHEMA_VERSION, to: SCHEMA_VERSION, applied: [] });

    const store = loose(new PostgresStore({ client: reader, schema }));
    expect(await store.loadThread("thr_1", "u")).toEqual(thread("thr_1"));
    expect((await store.loadThreads(5, null, "asc", "u")).data.map((t) => t.id)).toEqual(["thr_1"]);
    expect((await store.loadThreadItems("thr_1", null, 5, "asc", "u")).data.map((i) => i.id)).toEqual(["m1"]);

    for (const write of [
      () => store.saveThread(thread("thr_2"), "u"),
      () => store.addThreadItem("thr_1", item("m2", "thr_1"), "u"),
      () => store.deleteThread("thr_1", "u"),
      () => store.saveAttachment({ id: "atc_1", type: "file", name: "a.txt", mime_type: "text/plain" } as never, "u"),
    ]) {
      const error = await rejection(write());
      expect(error.code).toBe("42501"); // the driver's error itself: code and message as PostgreSQL gives them
      expect(error.message).toMatch(/^permission denied for table/);
    }
    expect(await loose(new PostgresStore({ client: admin, schema })).loadThread("thr_1", "u")).toEqual(thread("thr_1"));
  });

  it("an application role with the rights docs/postgres-store.md lists uses every method; migrate() applies nothing", async () => {
    // The GRANTs of "Roles and rights", for this schema.
    await admin.query(`GRANT USAGE ON SCHEMA "${schema}" TO "${app}"`);
    await admin.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON "${schema}".chatkit_threads, "${schema}".chatkit_items, "${schema}".chatkit_attachments TO "${app}"`);
    await admin.query(`GRANT USAGE ON ALL SEQUENCES IN SCHEMA "${schema}" TO "${app}"`);
    await admin.query(`GRANT SELECT ON "${schema}".chatkit_migrations TO "${app}"`);
    const client = pool({ connectionString: as(app) });
    expect((await migrate(client, { schema })).applied).toEqual([]);
    const store = loose(new PostgresStore({ client, schema }));
    const u = "app-user";
    await store.saveThread(thread("thr_a"), u);
    await store.saveThread(thread("thr_a", "2026-01-02T00:00:00Z", { title: "again" }), u);
    await store.addThreadItem("thr_a", item("m1", "thr_a"), u);
    await store.saveItem("thr_a", item("m1", "thr_a", undefined, { n: 2 }), u);
    await store.saveAttachment({ id: "atc_a", type: "file", name: "a.txt", mime_type: "text/plain" } as never, u);
    expect((await store.loadThreadItems("thr_a", null, 5, "asc", u)).data).toEqual([item("m1", "thr_a", undefined, { n: 2 })]);
    await store.deleteThreadItem("thr_a", "m1", u);
    await store.deleteAttachment("atc_a", u);
    await store.deleteThread("thr_a", u);
    expect((await store.loadThreads(5, null, "asc", u)).data).toEqual([]);
  });

  it("a role with CREATE on an existing schema, but not on the database, migrates a new set of tables into it", async () => {
    await admin.query(`CREATE SCHEMA "${own}"`);
    await admin.query(`GRANT USAGE, CREATE ON SCHEMA "${own}" TO "${creator}"`);
    const client = pool({ connectionString: as(creator) });
    expect((await migrate(client, { schema: own })).applied).toEqual([1]);
    expect((await migrate(client, { schema: own })).applied).toEqual([]);
    const store = loose(new PostgresStore({ client, schema: own }));
    await store.saveThread(thread("thr_c"), "u");
    expect(await store.loadThread("thr_c", "u")).toEqual(thread("thr_c"));
  });
});
