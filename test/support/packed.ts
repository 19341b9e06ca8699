/**
 * The published package, built and packed ONCE per vitest run and shared by every test file that
 * needs it (test/package, test/cli): a build takes one to two minutes on 2 cores.
 *
 * vitest runs test files in child processes of one main process, so the files of one run share
 * `process.ppid`. The first file to ask takes a lock (an atomic `mkdirSync`) in a directory of
 * os.tmpdir() keyed by that pid (and the process's start time, against pid reuse), builds with tsup
 * into that directory (not the repository's dist/, which a developer may be using), copies beside it
 * exactly the other files `npm pack` would take from the repository (its `files` rules), packs, and
 * writes a done-marker; the others wait for the marker, or for the builder's error, which they throw
 * as their own. Directories of earlier runs whose vitest has exited are removed by the next builder.
 * (In watch mode the main process lives on, so re-runs reuse the first build.)
 *
 * CHATKIT_TESTKIT_SKIP_PACKAGE=1 skips every test that needs the package.
 */
import { spawnSync, type SpawnSyncReturns } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { isMainThread } from "node:worker_threads";

export const repo = fileURLToPath(new URL("../../", import.meta.url));
export const skipPackage = process.env.CHATKIT_TESTKIT_SKIP_PACKAGE === "1";

/** The packed package. */
export interface Packed {
  /** The .tgz file. */
  readonly tarball: string;
  /** Its size in bytes, and the unpacked size npm reports. */
  readonly tarballBytes: number;
  readonly unpackedBytes: number;
  /** Every path in the tarball (relative to the package root). */
  readonly files: readonly string[];
  /** The built dist/ that went into the tarball. */
  readonly dist: string;
  /** How long tsup took, and npm pack. */
  readonly buildMs: number;
  readonly packMs: number;
}

/** The environment without the variables an outer `npm test` sets, so nested npm calls see their own project. */
export function cleanEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^npm_/i.test(k) && k !== "VITEST" && k !== "NODE_ENV" && !k.startsWith("VITEST_")) env[k] = v;
  return { ...env, NO_COLOR: "1", CI: "1", ...extra };
}

/** Runs a command to completion; throws with its output when it exits non-zero. */
export function run(command: string, args: readonly string[], cwd: string, timeout = 120_000): SpawnSyncReturns<string> {
  const result = spawnSync(command, args, { cwd, env: cleanEnv(), encoding: "utf8", timeout, maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) {
    const why = result.error ? ` (${result.error.message})` : result.signal ? ` (signal ${result.signal})` : "";
    throw new Error(`${command} ${args.join(" ")} (in ${cwd}) exited ${result.status}${why}\n${result.stdout}\n${result.stderr}`);
  }
  return result;
}

/** The start time of a process (Linux: /proc/<pid>/stat field 22), or "" where it cannot be read. */
function startTime(pid: number): string {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19] ?? "";
  } catch {
    return "";
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

const PREFIX = "chatkit-testkit-packed-";
const runKey = (pid: number) => `${pid}-${startTime(pid) || "x"}`;
// Under the forks pool (vitest's default) a test file runs in a child of vitest's main process; under
// the threads pool, in a worker thread of the main process itself.
const root = path.join(tmpdir(), `${PREFIX}${runKey(isMainThread ? process.ppid : process.pid)}`);

/** Removes the directories of earlier runs whose vitest process is gone (or is another process now). */
function removeStale(): void {
  for (const name of readdirSync(tmpdir())) {
    if (!name.startsWith(PREFIX)) continue;
    const dir = path.join(tmpdir(), name);
    if (dir === root) continue;
    const pid = Number(name.slice(PREFIX.length).split("-")[0]);
    if (Number.isInteger(pid) && alive(pid) && name === `${PREFIX}${runKey(pid)}`) continue;
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Builds, copies what npm would pack, and packs; returns what the done-marker records. */
function build(): Packed {
  const pkg = path.join(root, "package");
  rmSync(pkg, { recursive: true, force: true });
  mkdirSync(pkg, { recursive: true });
  const started = performance.now();
  run(path.join(repo, "node_modules/.bin/tsup"), ["--out-dir", path.join(pkg, "dist")], repo, 600_000);
  const buildMs = performance.now() - started;
  // Whatever the repository's `files` rules take besides dist/ (package.json, README, LICENSE, fixtures…).
  const dry = JSON.parse(run("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], repo).stdout) as { files: { path: string }[] }[];
  for (const { path: file } of dry[0]!.files) {
    if (file.startsWith("dist/")) continue;
    mkdirSync(path.dirname(path.join(pkg, file)), { recursive: true });
    copyFileSync(path.join(repo, file), path.join(pkg, file));
  }
  const packStarted = performance.now();
  const packed = JSON.parse(run("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", root], pkg).stdout) as {
    filename: string;
    unpackedSize: number;
    files: { path: string }[];
  }[];
  const tarball = path.join(root, packed[0]!.filename);
  return {
    tarball,
    tarballBytes: statSync(tarball).size,
    unpackedBytes: packed[0]!.unpackedSize,
    files: packed[0]!.files.map((f) => f.path),
    dist: path.join(pkg, "dist"),
    buildMs,
    packMs: performance.now() - packStarted,
  };
}

let memo: Promise<Packed> | undefined;

/** The package of this vitest run: built by the first test file that asks, waited for by the others. */
export function packedPackage(timeoutMs = 900_000): Promise<Packed> {
  memo ??= acquire(timeoutMs);
  return memo;
}

async function acquire(timeoutMs: number): Promise<Packed> {
  const done = path.join(root, "done.json");
  const failed = path.join(root, "error.txt");
  const lock = path.join(root, "lock");
  mkdirSync(root, { recursive: true });
  let builder = false;
  try {
    mkdirSync(lock);
    builder = true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  if (builder) {
    writeFileSync(path.join(lock, "pid"), String(process.pid));
    removeStale();
    try {
      const packed = build();
      writeFileSync(`${done}.tmp`, JSON.stringify(packed));
      renameSync(`${done}.tmp`, done);
      return packed;
    } catch (error) {
      writeFileSync(`${failed}.tmp`, (error as Error).stack ?? String(error));
      renameSync(`${failed}.tmp`, failed);
      throw error;
    }
  }
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (existsSync(done)) return JSON.parse(readFileSync(done, "utf8")) as Packed;
    if (existsSync(failed)) throw new Error(`building the package failed (in another test file of this run):\n${readFileSync(failed, "utf8")}`);
    const pid = Number(existsSync(path.join(lock, "pid")) ? readFileSync(path.join(lock, "pid"), "utf8") : NaN);
    if (Number.isInteger(pid) && !alive(pid) && !existsSync(done) && !existsSync(failed)) {
      throw new Error(`the test process that was building the package (pid ${pid}) exited before it finished; see ${root}`);
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for the package build in ${root}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Peers and tools a scratch project can link from this repository's node_modules. */
export type Linkable = "fast-check" | "vitest" | "msw" | "pg" | "pg-mem" | "tsx" | "esbuild";

/**
 * A scratch project in `dir` with the tarball installed from npm's cache (its only dependency, zod) and
 * the given packages linked from this repository: enough to load each entry, since a linked package's
 * own dependencies resolve from its real location.
 */
export function installConsumer(packed: Packed, dir: string, link: readonly Linkable[], packageJson: Record<string, unknown> = {}): string {
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: path.basename(dir), private: true, version: "1.0.0", ...packageJson }, null, 2));
  run("npm", ["install", "--prefix", dir, "--prefer-offline", "--no-audit", "--no-fund", "--ignore-scripts", "--loglevel=error", packed.tarball], dir, 180_000);
  for (const name of link) symlinkSync(path.join(repo, "node_modules", name), path.join(dir, "node_modules", name), "dir");
  return dir;
}
