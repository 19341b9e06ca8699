/**
 * vitest globalSetup: a real PostgreSQL for the tests' "real" tier (and for bench/postgres.ts).
 *
 * 1. `DATABASE_URL` set → use it.
 * 2. else PostgreSQL binaries found (`$PGBIN`, or the newest /usr/lib/postgresql/<v>/bin/initdb) → start a
 *    throwaway cluster: private temp dir (socket there too), random free port on 127.0.0.1, fsync off,
 *    run as the `postgres` user when we are root (PostgreSQL refuses root); stopped and deleted in teardown.
 *    Clusters left behind by a killed run (their owner process is gone) are stopped first.
 * 3. else `CHATKIT_TESTKIT_REQUIRE_PG=1` → fail the run.
 * 4. else print a loud warning: the real tier is skipped.
 *
 * Tests read the result with `inject("postgresUrl")` (null when skipped) and `inject("postgresNote")`.
 * The shell equivalent is scripts/pg-start.sh.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    /** URL of a PostgreSQL server for the real tier, or null when it is skipped. */
    postgresUrl: string | null;
    /** Where the URL came from, or why the real tier is skipped. */
    postgresNote: string;
  }
}

const DIR_PREFIX = "chatkit-testkit-pg-";

/** A running throwaway cluster. */
export interface Cluster {
  readonly url: string;
  readonly dir: string;
  readonly bin: string;
  stop(): void;
}

/** The newest PostgreSQL bin directory with initdb and pg_ctl, or null. */
export function findPostgresBin(): string | null {
  const fromEnv = process.env.PGBIN;
  if (fromEnv && existsSync(path.join(fromEnv, "initdb"))) return fromEnv;
  const root = "/usr/lib/postgresql";
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((v) => existsSync(path.join(root, v, "bin", "initdb")) && existsSync(path.join(root, v, "bin", "pg_ctl")))
    .sort((a, b) => Number.parseFloat(b) - Number.parseFloat(a));
  return versions.length > 0 ? path.join(root, versions[0]!, "bin") : null;
}

const isRoot = () => typeof process.getuid === "function" && process.getuid() === 0;

/** Runs a PostgreSQL binary, as the `postgres` user when we are root. Throws with its output on failure. */
function pg(bin: string, tool: string, args: string[], timeoutMs = 90_000): string {
  const command = isRoot() ? "runuser" : path.join(bin, tool);
  const argv = isRoot() ? ["-u", "postgres", "--", path.join(bin, tool), ...args] : args;
  const result = spawnSync(command, argv, { encoding: "utf8", timeout: timeoutMs, cwd: os.tmpdir() });
  if (result.error || result.status !== 0) {
    throw new Error(`${tool} ${args.join(" ")} failed (${result.error?.message ?? `exit ${result.status}`}):\n${result.stdout ?? ""}${result.stderr ?? ""}`);
  }
  return result.stdout;
}

function postgresUser(): { uid: number; gid: number } {
  let id = spawnSync("id", ["-u", "postgres"], { encoding: "utf8" });
  if (id.status !== 0) {
    // As in docs/decisions/tooling-facts.md §5: a system user to run the server as (PostgreSQL refuses to run as root).
    const add = spawnSync("useradd", ["--system", "--no-create-home", "--shell", "/usr/sbin/nologin", "postgres"], { encoding: "utf8" });
    if (add.status !== 0) throw new Error(`running as root and there is no "postgres" user; useradd failed: ${add.stderr}`);
    id = spawnSync("id", ["-u", "postgres"], { encoding: "utf8" });
  }
  const gid = spawnSync("id", ["-g", "postgres"], { encoding: "utf8" });
  return { uid: Number(id.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Stops and deletes clusters whose owning process has exited (a run killed before its teardown). */
function reapStaleClusters(bin: string): void {
  const tmp = os.tmpdir();
  for (const name of readdirSync(tmp)) {
    if (!name.startsWith(DIR_PREFIX)) continue;
    const dir = path.join(tmp, name);
    let owner = Number.NaN;
    try {
      owner = Number(readFileSync(path.join(dir, "owner.pid"), "utf8"));
    } catch {
      continue; // not ours, or still being created
    }
    if (!Number.isInteger(owner) || alive(owner)) continue;
    try {
      pg(bin, "pg_ctl", ["-D", path.join(dir, "data"), "-m", "immediate", "-w", "stop"], 30_000);
    } catch {
      // already stopped
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Starts a throwaway PostgreSQL cluster (docs/decisions/tooling-facts.md §5). The caller must `stop()` it.
 * @throws {Error} with the server log when it does not start
 */
export async function startCluster(bin: string): Promise<Cluster> {
  reapStaleClusters(bin);
  const dir = mkdtempSync(path.join(os.tmpdir(), DIR_PREFIX));
  chmodSync(dir, 0o700);
  writeFileSync(path.join(dir, "owner.pid"), String(process.pid));
  if (isRoot()) {
    const { uid, gid } = postgresUser();
    chownSync(dir, uid, gid);
  }
  const data = path.join(dir, "data");
  const log = path.join(dir, "log");
  const stop = () => {
    try {
      pg(bin, "pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"], 30_000);
    } catch {
      // not running
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    pg(bin, "initdb", ["-D", data, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync"]);
    let lastError: unknown;
    for (let attempt = 0; attempt < 3; attempt++) {
      const port = await freePort(); // another process may take it before the server binds: retry
      const settings = [
        `-p ${port}`,
        `-k ${dir}`,
        "-c listen_addresses=127.0.0.1",
        "-c fsync=off",
        "-c synchronous_commit=off",
        "-c full_page_writes=off",
        "-c max_connections=200",
      ].join(" ");
      try {
        pg(bin, "pg_ctl", ["-D", data, "-l", log, "-w", "-t", "60", "start", "-o", settings]);
        return { url: `postgres://postgres@127.0.0.1:${port}/postgres`, dir, bin, stop };
      } catch (error) {
        lastError = error;
      }
    }
    const serverLog = existsSync(log) ? readFileSync(log, "utf8") : "(no log)";
    throw new Error(`PostgreSQL did not start: ${(lastError as Error).message}\nserver log:\n${serverLog}`);
  } catch (error) {
    stop();
    throw error;
  }
}

function warn(lines: string[]): void {
  const width = Math.max(...lines.map((l) => l.length)) + 4;
  const bar = "!".repeat(width);
  console.warn(`\n${bar}\n${lines.map((l) => `! ${l.padEnd(width - 4)} !`).join("\n")}\n${bar}\n`);
}

export default async function setup(project: TestProject): Promise<(() => void) | undefined> {
  const required = process.env.CHATKIT_TESTKIT_REQUIRE_PG === "1";
  const url = process.env.DATABASE_URL;
  if (url) {
    project.provide("postgresUrl", url);
    project.provide("postgresNote", "DATABASE_URL");
    return undefined;
  }
  const bin = findPostgresBin();
  let problem: string;
  if (bin) {
    try {
      const cluster = await startCluster(bin);
      project.provide("postgresUrl", cluster.url);
      project.provide("postgresNote", `throwaway cluster from ${bin} in ${cluster.dir}`);
      return () => cluster.stop();
    } catch (error) {
      problem = `a throwaway cluster from ${bin} did not start: ${(error as Error).message}`;
    }
  } else {
    problem = "DATABASE_URL is not set and no PostgreSQL binaries were found (/usr/lib/postgresql/*/bin/initdb or $PGBIN)";
  }
  if (required) throw new Error(`[chatkit-testkit] CHATKIT_TESTKIT_REQUIRE_PG=1 but ${problem}`);
  warn([
    "REAL POSTGRESQL TIER SKIPPED",
    problem.split("\n")[0]!,
    "PostgresStore is tested on pg-mem only. Set DATABASE_URL or install PostgreSQL;",
    "CHATKIT_TESTKIT_REQUIRE_PG=1 turns this warning into a failure.",
  ]);
  project.provide("postgresUrl", null);
  project.provide("postgresNote", problem);
  return undefined;
}
