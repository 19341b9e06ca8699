/**
 * A PostgreSQL server that goes away under load, and comes back.
 *
 * - A throwaway cluster of this file's own (the run's shared server is never stopped): a PostgresStore on
 *   a pg.Pool with an 'error' listener, six writers, the server stopped (`pg_ctl stop -m fast`, then
 *   `-m immediate`, a crash) and started again on the same port. While it is down, calls fail with errors;
 *   none hangs and the process does not crash. After it is back, the same store on the same pool works
 *   again, every acknowledged write is there, and nothing is half-written (no item without its thread).
 * - A backend killed (pg_terminate_backend) in the middle of concurrent page walks, on the run's server:
 *   the page call fails cleanly and a retry of the same page succeeds; every walk sees every row once.
 *
 * Skipped (loudly) without PostgreSQL, or without its binaries for the file's own cluster. Fixed seeds.
 */
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { isInvalidArgumentError, isNotFoundError } from "chatkit-testkit";
import { PostgresStore } from "chatkit-testkit/postgres";
import { findPostgresBin, startCluster, type Cluster } from "../setup/postgres.js";
import { newPool, postgresUrl } from "./backends.js";
import { ORDERS, ids, item, itemsOf, loose, thread, uniqueScope, type AnyStore, type TestItem, type TestThread } from "./support.js";

const run = promisify(execFile);
const { url, note } = postgresUrl();
const bin = url === null ? null : findPostgresBin();
const skipped = url === null ? note : bin === null ? "no PostgreSQL binaries (/usr/lib/postgresql/*/bin or $PGBIN) to start a cluster of its own" : null;

/** A seeded PRNG (mulberry32): failures replay. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const isRoot = () => typeof process.getuid === "function" && process.getuid() === 0;

/** Runs pg_ctl on the cluster, as the `postgres` user when we are root (as test/setup/postgres.ts does). */
async function pgCtl(cluster: Cluster, args: string[]): Promise<void> {
  const tool = path.join(cluster.bin, "pg_ctl");
  const [command, argv] = isRoot() ? ["runuser", ["-u", "postgres", "--", tool, ...args]] : [tool, args];
  await run(command, argv, { timeout: 60_000 });
}

/** Stops the server (`fast`: clean shutdown; `immediate`: a crash, recovery from the WAL at the next start). */
const stopServer = (cluster: Cluster, mode: "fast" | "immediate") => pgCtl(cluster, ["-D", path.join(cluster.dir, "data"), "-m", mode, "-w", "stop"]);

/** Starts it again with the settings test/setup/postgres.ts gave it, on the same port and socket directory. */
async function startServer(cluster: Cluster): Promise<void> {
  const port = new URL(cluster.url).port;
  const settings = [`-p ${port}`, `-k ${cluster.dir}`, "-c listen_addresses=127.0.0.1", "-c fsync=off", "-c full_page_writes=off", "-c max_connections=200"].join(" ");
  await pgCtl(cluster, ["-D", path.join(cluster.dir, "data"), "-l", path.join(cluster.dir, "log"), "-w", "-t", "60", "start", "-o", settings]);
}

/** The end of the cluster's server log, for failure messages. */
let logOf: () => string = () => "";
const serverLog = () => logOf();

/** The call's result, or a rejection after `ms`: a call that never settles fails the test instead of hanging it. */
function bounded<T>(promise: Promise<T>, ms: number, label: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`HUNG: ${label} did not settle within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

describe.skipIf(skipped !== null)(`a server stopped and restarted under load${skipped === null ? "" : ` (SKIPPED: ${skipped})`}`, () => {
  let cluster: Cluster;
  let pool: pg.Pool;
  let store: AnyStore;
  let pgStore: PostgresStore<unknown>;
  const poolErrors: Error[] = [];
  const schema = "restart";

  beforeAll(async () => {
    cluster = await startCluster(bin!);
    logOf = () => {
      try {
        return `server log (end):\n${readFileSync(path.join(cluster.dir, "log"), "utf8").split("\n").slice(-30).join("\n")}`;
      } catch {
        return "(no server log)";
      }
    };
    // Commits are acknowledged only once in the WAL: the cluster runs with synchronous_commit=off, under which
    // a crash may lose the last acknowledged commits by design; the store's promise is about durable commits.
    pool = new pg.Pool({ connectionString: cluster.url, max: 8, connectionTimeoutMillis: 5_000, options: "-c synchronous_commit=on" });
    pool.on("error", (error) => poolErrors.push(error)); // idle connections of a server that went away
    pgStore = new PostgresStore({ client: pool, schema });
    await pgStore.migrate();
    store = loose(pgStore);
  }, 120_000);
  afterAll(async () => {
    await pool?.end().catch(() => undefined);
    cluster?.stop(); // stops (immediate) and deletes the cluster's directory
  });

  /** What the writers were told succeeded, per scope: threads and their items, as the store must now hold them. */
  interface Model {
    threads: Map<string, { thread: TestThread; items: Map<string, TestItem> }>;
  }

  for (const mode of ["fast", "immediate"] as const) {
    it(`C-CONCURRENT: pg_ctl stop -m ${mode} under six writers: calls fail with errors (none hangs), the same pool works after the restart, every acknowledged write is there, nothing is half-written`, async () => {
      const u = uniqueScope(mode);
      const model: Model = { threads: new Map() };
      const failures: unknown[] = [];
      let acks = 0;
      let stopping = false;

      const deadline = Date.now() + 40_000; // the whole test, so that a server that never comes back fails it
      const waitFor = async (what: string, done: () => boolean) => {
        while (!done()) {
          if (writerError !== null) throw writerError;
          if (Date.now() > deadline) throw new Error(`timed out waiting for ${what} (${acks} acks, ${failures.length} failures, last: ${(failures.at(-1) as Error | undefined)?.message})\n${serverLog()}`);
          await sleep(5);
        }
      };

      /** Runs one idempotent write until it is acknowledged, then applies it to the model. */
      async function write(label: string, call: () => Promise<void>, apply: () => void): Promise<void> {
        for (;;) {
          if (Date.now() > deadline) throw new Error(`${label}: not acknowledged before the deadline, last error: ${(failures.at(-1) as Error | undefined)?.message}`);
          try {
            await bounded(call(), 20_000, label);
            apply();
            acks++;
            return;
          } catch (error) {
            if ((error as Error).message?.startsWith("HUNG")) throw error;
            // Each writer writes only into threads it created and saw acknowledged: "not found" means one was lost.
            if (isNotFoundError(error) || isInvalidArgumentError(error)) throw new Error(`${label}: ${(error as Error).message}: an acknowledged write is gone`);
            failures.push(error);
            await sleep(20);
          }
        }
      }

      const writers = Array.from({ length: 6 }, async (_, w) => {
        const random = rng(mode === "fast" ? 10 + w : 20 + w);
        for (let k = 0; !stopping; k++) {
          const id = `thr_${w}_${k}`;
          const t = thread(id, `2026-01-01T00:00:${String(k % 60).padStart(2, "0")}Z`, { title: `t${random()}` });
          await write(`saveThread ${id}`, () => store.saveThread(t, u), () => model.threads.set(id, { thread: t, items: new Map() }));
          for (const m of ["m1", "m2", "m3"]) {
            const it = item(m, id, "2026-01-01T00:00:00Z", { n: random() });
            await write(`addThreadItem ${id}/${m}`, () => store.addThreadItem(id, it, u), () => model.threads.get(id)!.items.set(m, it));
          }
          const saved = item("m1", id, "2026-01-01T00:00:00Z", { n: random(), saved: true });
          await write(`saveItem ${id}/m1`, () => store.saveItem(id, saved, u), () => model.threads.get(id)!.items.set("m1", saved));
          await write(`deleteThreadItem ${id}/m2`, () => store.deleteThreadItem(id, "m2", u), () => model.threads.get(id)!.items.delete("m2"));
          const retitled = { ...t, title: "again" };
          await write(`saveThread ${id} again`, () => store.saveThread(retitled, u), () => (model.threads.get(id)!.thread = retitled));
          if (k % 3 === 2) {
            const old = `thr_${w}_${k - 1}`;
            await write(`deleteThread ${old}`, () => store.deleteThread(old, u), () => model.threads.delete(old));
          }
        }
      });
      let writerError: unknown = null;
      const writing = Promise.all(writers).catch((error: unknown) => {
        writerError = error;
      });
      try {
        await waitFor("100 acknowledged writes", () => acks >= 100);
        const ackedBeforeStop = acks;
        const failuresBeforeStop = failures.length;
        await stopServer(cluster, mode).catch((error: Error) => {
          throw new Error(`pg_ctl stop -m ${mode} failed: ${error.message}\n${serverLog()}`);
        });
        await sleep(400); // calls keep failing while the server is down
        const failuresWhileDown = failures.length - failuresBeforeStop;
        await startServer(cluster).catch((error: Error) => {
          throw new Error(`pg_ctl start failed: ${error.message}\n${serverLog()}`);
        });
        const ackedAtRestart = acks;
        await waitFor("100 acknowledged writes after the restart", () => acks >= ackedAtRestart + 100);

        expect(failuresWhileDown, "no call failed while the server was stopped").toBeGreaterThan(0);
        expect(ackedBeforeStop).toBeGreaterThanOrEqual(100);
      } finally {
        stopping = true;
        await writing;
      }
      if (writerError !== null) throw writerError;

      // Every failure is an Error from the connection or the server, not an answer about the data.
      const odd = failures.filter((e) => !(e instanceof Error) || isNotFoundError(e) || isInvalidArgumentError(e));
      expect(odd.map((e) => String((e as Error)?.message ?? e))).toEqual([]);
      const messages = new Set(failures.map((e) => (e as Error).message.replace(/\d+/g, "N")));
      expect(messages.size).toBeGreaterThan(0);

      // The same store, on the same pool, after the restart: every acknowledged write, exactly.
      const threads = await ids(
        (after, limit, order) => store.loadThreads(limit, after, order, u),
        "asc",
      );
      expect(new Set(threads)).toEqual(new Set(model.threads.keys()));
      for (const [id, expected] of model.threads) {
        expect(await store.loadThread(id, u)).toEqual(expected.thread);
        const items = (await store.loadThreadItems(id, null, 100, "asc", u)).data;
        expect(new Map(items.map((m) => [m.id, m])), id).toEqual(expected.items);
      }
      // Nothing half-written: no item whose thread is gone, no thread row the listing cannot decode.
      const orphans = await pool.query(
        `SELECT count(*)::int AS n FROM ${pgStore.tableNames.items} i WHERE i.scope = $1 AND NOT EXISTS (SELECT 1 FROM ${pgStore.tableNames.threads} t WHERE t.scope = i.scope AND t.id = i.thread_id)`,
        [u],
      );
      expect(orphans.rows[0].n).toBe(0);
      const itemCount = await pool.query(`SELECT count(*)::int AS n FROM ${pgStore.tableNames.items} WHERE scope = $1`, [u]);
      expect(itemCount.rows[0].n).toBe([...model.threads.values()].reduce((n, t) => n + t.items.size, 0));
    });
  }

  it("the pool's 'error' listener received the idle connections' errors instead of crashing the process", () => {
    for (const error of poolErrors) expect(error).toBeInstanceOf(Error);
  });
});

describe.skipIf(url === null)(`a backend killed in the middle of concurrent page walks${url === null ? ` (SKIPPED: ${note})` : ""}`, () => {
  const schema = `walk_kill_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const application = `ck_walk_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  let admin: pg.Pool;
  let pool: pg.Pool;
  let store: AnyStore;

  beforeAll(async () => {
    admin = newPool(url!, 2);
    pool = new pg.Pool({ connectionString: url!, max: 6, application_name: application, connectionTimeoutMillis: 5_000 });
    pool.on("error", () => undefined);
    const pgStore = new PostgresStore({ client: pool, schema });
    await pgStore.migrate();
    store = loose(pgStore);
  });
  afterAll(async () => {
    await admin?.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await Promise.all([admin?.end(), pool?.end()]);
  });

  it("C-PAGE: terminated backends fail the page call with an error; a retry of the same page succeeds; every walk sees every item once, in order", async () => {
    const u = uniqueScope();
    await store.saveThread(thread("thr_k"), u);
    const n = 300;
    for (let i = 0; i < n; i += 50) {
      await Promise.all(Array.from({ length: 50 }, (_, j) => store.addThreadItem("thr_k", item(`m${String(i + j).padStart(3, "0")}`, "thr_k", `2026-01-01T00:00:${String((i + j) % 40).padStart(2, "0")}Z`), u)));
    }
    const asc = await ids(itemsOf(store, "thr_k", u));
    expect(asc.length).toBe(n);

    let walking = true;
    let kills = 0;
    const failures: Error[] = [];
    let retried = 0;
    const killer = (async () => {
      while (walking) {
        const r = await admin.query("SELECT count(*)::int AS n FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1 AND state = 'active') k", [application]);
        kills += r.rows[0].n;
        await sleep(10); // often enough to hit pages mid-query, rarely enough that a retry gets through on a loaded machine
      }
    })();
    const started = Date.now();
    const walkers = Array.from({ length: 6 }, async (_, w) => {
      const random = rng(300 + w);
      let walks = 0;
      while (walks < 3 || (failures.length < 5 && Date.now() - started < 3_000)) {
        const order = ORDERS[Math.floor(random() * 2)]!;
        const limit = 5 + Math.floor(random() * 20);
        const seen: string[] = [];
        let after: string | null = null;
        do {
          let page: Awaited<ReturnType<AnyStore["loadThreadItems"]>> | undefined;
          for (let attempt = 0; page === undefined; attempt++) {
            try {
              page = await bounded(store.loadThreadItems("thr_k", after, limit, order, u), 20_000, "loadThreadItems");
              if (attempt > 0) retried++;
            } catch (error) {
              if (!(error instanceof Error) || error.message.startsWith("HUNG") || isNotFoundError(error) || isInvalidArgumentError(error) || attempt >= 30) throw error;
              failures.push(error);
            }
          }
          seen.push(...page.data.map((m) => m.id));
          after = page.after;
        } while (after !== null);
        expect(seen).toEqual(order === "asc" ? asc : [...asc].reverse());
        walks++;
      }
      return walks;
    });
    let walks: number[];
    try {
      walks = await Promise.all(walkers);
    } finally {
      walking = false;
      await killer;
    }
    expect(kills, "no backend was terminated mid-query").toBeGreaterThan(0);
    expect(failures.length, `${kills} backends terminated, ${walks.reduce((a, b) => a + b, 0)} walks, no call failed`).toBeGreaterThan(0);
    expect(retried).toBeGreaterThan(0);
    for (const error of failures) expect(error.message).toMatch(/terminat|Connection/i);
    // The pool works after all that.
    expect(await ids(itemsOf(store, "thr_k", u))).toEqual(asc);
  });
});
