/**
 * The stores this package ships, as conformance targets for `chatkit-testkit check --bundled`, on their
 * embedded defaults: InMemoryStore, PostgresStore on pg-mem, and PostgresStore on a real server when
 * DATABASE_URL is set.
 * @internal
 */
import { InMemoryStore } from "../memory/InMemoryStore.js";
import type { ConformanceOptions } from "../harness/runChecks.js";
import { missingPeer } from "./peers.js";

/** A named target, or the reason it cannot run here. */
export interface Target {
  readonly name: string;
  readonly options?: ConformanceOptions<unknown>;
  readonly unavailable?: string;
  /** Releases what the target holds (a pool) after its run. */
  readonly close?: () => Promise<void>;
}

type PostgresEntry = Record<string, unknown>;

async function loadPostgres(): Promise<PostgresEntry | string> {
  try {
    return (await import("../postgres/index.js")) as PostgresEntry;
  } catch (error) {
    return `the postgres entry could not be loaded: ${(error as Error).message}`;
  }
}

/** Why an optional peer cannot be imported here ("… is not installed: npm install -D …"), or null when it can. */
async function peerUnavailable(name: "pg" | "pg-mem"): Promise<string | null> {
  try {
    await (name === "pg" ? import("pg") : import("pg-mem"));
    return null;
  } catch (error) {
    if (missingPeer(error) === name) return `${name} is not installed in this project; npm install -D ${name}`;
    return `${name} could not be loaded: ${(error as Error).message}`;
  }
}

/** Builds the bundled targets. */
export async function bundledTargets(env: Readonly<Record<string, string | undefined>>): Promise<Target[]> {
  const targets: Target[] = [{ name: "InMemoryStore", options: { createStore: () => new InMemoryStore() } }];
  const pg = await loadPostgres();
  const createPgMemStore = typeof pg === "string" ? undefined : (pg.createPgMemStore as undefined | ((o?: unknown) => Promise<unknown>));
  const noPgMem = typeof createPgMemStore === "function" ? await peerUnavailable("pg-mem") : null;
  if (noPgMem !== null) {
    targets.push({ name: "PostgresStore on pg-mem", unavailable: noPgMem });
  } else if (typeof createPgMemStore === "function") {
    // A migrated pg-mem database is shared by up to STORES_PER_DB stores: the harness keeps them apart with
    // fresh scope keys, so a store need not pay a database and a migration (~45 ms, hundreds of times),
    // and a new database every so often keeps pg-mem's tables small (it scans them on every page).
    const PgMemStore = (pg as { PgMemStore?: new (o: { db: unknown }) => unknown }).PgMemStore;
    const STORES_PER_DB = 20; // npm run check, pg-mem: 11 s; one database per store 14 s; one for the run 23 s
    let shared: Promise<{ db: unknown }> | null = null;
    let made = 0;
    targets.push({
      name: "PostgresStore on pg-mem",
      options: {
        createStore: async () => {
          if (!PgMemStore) return (await createPgMemStore()) as never;
          if (made++ % STORES_PER_DB === 0) shared = createPgMemStore() as Promise<{ db: unknown }>;
          return new PgMemStore({ db: (await shared!).db }) as never;
        },
      },
    });
  } else {
    targets.push({ name: "PostgresStore on pg-mem", unavailable: typeof pg === "string" ? pg : "createPgMemStore is not exported" });
  }
  const url = env.DATABASE_URL;
  const PostgresStore = typeof pg === "string" ? undefined : (pg.PostgresStore as undefined | (new (o: unknown) => { migrate(): Promise<void> }));
  if (!url) {
    targets.push({ name: "PostgresStore on PostgreSQL", unavailable: "DATABASE_URL is not set" });
  } else if (!PostgresStore) {
    targets.push({ name: "PostgresStore on PostgreSQL", unavailable: "PostgresStore is not exported" });
  } else {
    const noPg = await peerUnavailable("pg");
    if (noPg !== null) {
      targets.push({ name: "PostgresStore on PostgreSQL", unavailable: noPg });
      return targets;
    }
    const pgModule = (await import("pg")) as { default?: { Pool: new (o: unknown) => { end(): Promise<void> } }; Pool?: new (o: unknown) => { end(): Promise<void> } };
    const Pool = pgModule.Pool ?? pgModule.default!.Pool;
    const pool = new Pool({ connectionString: url, max: 8 });
    // One migrated schema for the run, dropped at the end: the harness keeps checks apart with fresh scope
    // keys, so a store per check is a new PostgresStore on the same tables, not a schema and a migration.
    const schema = `ckt_check_${process.pid}_${Date.now().toString(36)}`; // letters, digits, underscores: safe to quote
    let migrated: Promise<unknown> | null = null;
    targets.push({
      name: "PostgresStore on PostgreSQL",
      options: {
        createStore: async () => {
          migrated ??= new PostgresStore({ client: pool, schema }).migrate();
          await migrated;
          return new PostgresStore({ client: pool, schema }) as never;
        },
      },
      close: async () => {
        if (migrated) await (pool as unknown as { query(q: string): Promise<unknown> }).query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
        await pool.end();
      },
    });
  }
  return targets;
}
