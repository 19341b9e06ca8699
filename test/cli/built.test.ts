/**
 * The BUILT CLI, as a user runs it: `chatkit-testkit` from the packed tarball (test/support/packed.ts,
 * built once per vitest run and shared with test/package) installed in scratch projects. One project
 * has fast-check, tsx and esbuild (linked from this repository, as test/package links peers) and a
 * tsconfig with a path alias; one has no peer at all. Slow; CHATKIT_TESTKIT_SKIP_PACKAGE=1 skips it.
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cleanEnv, installConsumer, packedPackage, skipPackage } from "../support/packed.js";

interface Ran {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
}

const ONLY = ["--quiet", "--only", "cursor.unknown,paging.exclusive-cursor"];

/** Store modules in every form the CLI loads, each exporting what `check` needs. */
const MODULES: Record<string, string> = {
  // TypeScript with types, an interface and a tsconfig path alias (no "type": "module" in package.json).
  "store.ts": `import type { Store } from "chatkit-testkit";
import { MyStore, type Ctx } from "@lib/MyStore";
interface Options { createStore(): Store<Ctx> }
const options: Options = { createStore: (): Store<Ctx> => new MyStore() };
export const createStore = options.createStore;
`,
  "store.mts": `import { MyStore } from "@lib/MyStore";
export default { createStore: () => new MyStore() satisfies MyStore };
`,
  "store.cts": `import { InMemoryStore } from "chatkit-testkit";
const label: string = "cts";
export const createStore = () => Object.assign(new InMemoryStore(), { label });
`,
  "store.mjs": `import { InMemoryStore } from "chatkit-testkit";
export const createStore = () => new InMemoryStore();
`,
  "store.js": `const { InMemoryStore } = require("chatkit-testkit");
module.exports = { createStore: () => new InMemoryStore() };
`,
};

describe.skipIf(skipPackage)("the built chatkit-testkit CLI (slow: uses the packed tarball)", () => {
  let work = "";
  let app = "";
  let bare = "";

  const cli = (cwd: string, args: readonly string[], timeout = 120_000): Ran => {
    const started = performance.now();
    const r = spawnSync(path.join(cwd, "node_modules/.bin/chatkit-testkit"), args, { cwd, env: cleanEnv(), encoding: "utf8", timeout });
    if (r.error) throw r.error;
    return { status: r.status, stdout: r.stdout, stderr: r.stderr, ms: performance.now() - started };
  };
  const shell = (cwd: string, command: string): Ran => {
    const started = performance.now();
    const r = spawnSync("bash", ["-o", "pipefail", "-c", command], { cwd, env: cleanEnv(), encoding: "utf8", timeout: 60_000 });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr, ms: performance.now() - started };
  };

  beforeAll(async () => {
    const packed = await packedPackage();
    work = mkdtempSync(path.join(tmpdir(), "chatkit-testkit-cli-"));
    app = installConsumer(packed, path.join(work, "app"), ["fast-check", "tsx", "esbuild"]);
    bare = installConsumer(packed, path.join(work, "bare"), []);
    writeFileSync(
      path.join(app, "tsconfig.json"),
      JSON.stringify({ compilerOptions: { target: "ES2022", module: "ESNext", moduleResolution: "Bundler", strict: true, baseUrl: ".", paths: { "@lib/*": ["./src/lib/*"] } } }),
    );
    mkdirSync(path.join(app, "src/lib"), { recursive: true });
    writeFileSync(
      path.join(app, "src/lib/MyStore.ts"),
      `import { InMemoryStore } from "chatkit-testkit";
export type Ctx = { user_id: string };
export class MyStore extends InMemoryStore<Ctx> { readonly label: string = "mine"; }
`,
    );
    for (const [name, body] of Object.entries(MODULES)) writeFileSync(path.join(app, name), body);
    writeFileSync(path.join(bare, "store.mjs"), MODULES["store.mjs"]!);
  }, 1_000_000);

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it.each(Object.keys(MODULES))("checks a %s store module (tsx from the project, the tsconfig alias resolved)", (name) => {
    const r = cli(app, ["check", `./${name}`, ...ONLY]);
    expect(r.stderr).toBe("");
    expect(r.stdout).toMatch(/2 passed, 0 failed, \d+ skipped/);
    expect(r.status).toBe(0);
  });

  it("shows the loader's own error, message and indented stack, when a module cannot be loaded", () => {
    writeFileSync(path.join(app, "broken.ts"), `import { Missing } from "@lib/Missing";\nexport const createStore = () => new Missing();\n`);
    const r = cli(app, ["check", "./broken.ts", "--quiet"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("chatkit-testkit: could not load ./broken.ts (through tsx ");
    expect(r.stderr).toContain("Cannot find module '@lib/Missing'");
    expect(r.stderr).toMatch(/\n {8}at /);
    expect(r.stderr).not.toMatch(/^node:internal|^Node\.js v/m);
  });

  it("exits after the report when the store keeps a server, a socket and a timer open, and names them", () => {
    writeFileSync(
      path.join(app, "leaky.mjs"),
      `import net from "node:net";
import { InMemoryStore } from "chatkit-testkit";
let opened = false;
export const createStore = () => {
  if (!opened) {
    opened = true;
    const server = net.createServer(() => {}).listen(0, "127.0.0.1", () => { net.connect(server.address().port, "127.0.0.1"); });
    setInterval(() => {}, 60_000);
  }
  return new InMemoryStore();
};
`,
    );
    const r = cli(app, ["check", "./leaky.mjs", ...ONLY], 60_000);
    expect(r.stdout).toMatch(/2 passed, 0 failed/);
    expect(r.stderr).toContain("the checks are done, but 1 s later the process was still kept alive by:");
    expect(r.stderr).toContain("a listening TCP server");
    expect(r.stderr).toContain("an open TCP socket (a database client or pool?)");
    expect(r.stderr).toContain("a timer (setInterval");
    expect(r.stderr).toContain("destroyStore(store)");
    expect(r.stderr).toContain("teardown()");
    expect(r.status).toBe(0);
    expect(r.ms).toBeLessThan(30_000);
  });

  it("does not wait or complain when the store closes what it opened", () => {
    const r = cli(app, ["check", "./store.mjs", ...ONLY]);
    expect(r.stderr).not.toContain("kept alive");
    expect(r.status).toBe(0);
  });

  it("reports a createStore that throws as one set-up failure and exits 1", () => {
    writeFileSync(path.join(app, "throws.mjs"), `export const createStore = () => { throw new Error("cannot reach redis://127.0.0.1:1\\nsecond line"); };\n`);
    const r = cli(app, ["check", "./throws.mjs"]);
    expect(r.status).toBe(1);
    expect(r.stdout.split("createStore failed: no check ran").length - 1).toBe(1);
    expect(r.stdout.split("cannot reach redis://127.0.0.1:1").length - 1).toBe(1);
    expect(r.stdout).toContain("            second line");
    expect(r.stdout).toMatch(/0 passed, 0 failed, \d+ skipped; createStore failed/);
    expect(r.stderr.split("\n").filter((l) => l.includes("createStore failed"))).toHaveLength(1);
  });

  it("names a missing peer and how to install it: fast-check in a project without it", () => {
    const r = cli(bare, ["check", "./store.mjs"]);
    expect(r.stderr).toContain("needs fast-check, which is not installed in this project");
    expect(r.stderr).toContain("npm install -D fast-check");
    expect(r.stderr).not.toContain("ERR_MODULE_NOT_FOUND");
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.status).toBe(2);
  });

  it("check --bundled names pg-mem and its install command when it is missing, and still runs InMemoryStore", () => {
    const r = cli(app, ["check", "--bundled", "--quiet", "--only", "cursor.unknown"]);
    expect(r.stdout).toContain("PostgresStore on pg-mem: not run — pg-mem is not installed in this project; npm install -D pg-mem");
    expect(r.stdout).toMatch(/InMemoryStore: 1 passed, 0 failed/);
    expect(r.stderr).not.toContain("ERR_MODULE_NOT_FOUND");
    expect(r.status).toBe(0);
  });

  it("`list | head -1` and `list | true` exit 0 without an EPIPE stack", () => {
    const head = shell(app, "node_modules/.bin/chatkit-testkit list | head -1");
    expect(head.stdout.trim().split("\n")).toHaveLength(1);
    expect(head.stderr).toBe("");
    expect(head.status).toBe(0);
    // The reader is gone before the first write: every write fails with EPIPE.
    const closed = shell(app, "node_modules/.bin/chatkit-testkit list | true");
    expect(closed.stderr).toBe("");
    expect(closed.status).toBe(0);
  });
  it("`serve` in a project with no peer: a ChatKit endpoint that answers, a clean exit on SIGTERM", async () => {
    const child = spawn(path.join(bare, "node_modules/.bin/chatkit-testkit"), ["serve", "--port", "0"], { cwd: bare, env: cleanEnv(), stdio: ["ignore", "pipe", "pipe"] });
    try {
      let out = "";
      let err = "";
      child.stderr.on("data", (d: Buffer) => (err += d.toString()));
      const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`serve did not start:\n${out}\n${err}`)), 30_000);
        child.stdout.on("data", (d: Buffer) => {
          out += d.toString();
          const m = /ChatKit endpoint: (\S+)/.exec(out);
          if (m) {
            clearTimeout(timer);
            resolve(m[1]!);
          }
        });
      });
      const listed = await fetch(url, { method: "POST", body: JSON.stringify({ type: "threads.list", params: {} }) });
      expect(await listed.json()).toEqual({ data: [], has_more: false });
      child.kill("SIGTERM");
      expect(await exited).toBe(0);
      expect(err).toMatch(/POST \/chatkit threads\.list 200/);
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
    }
  });
});
