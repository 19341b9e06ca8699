/**
 * The browser tier's plumbing: headless Chromium through playwright-core (the system's Chromium, no
 * downloaded browsers), a static server for the test pages, and esbuild bundles of page code built from
 * the repository's sources.
 *
 * Chromium is `$CHATKIT_TESTKIT_CHROMIUM`, else /usr/bin/chromium (Debian's package; `.ci/run` installs
 * it). When it cannot start, `CHATKIT_TESTKIT_REQUIRE_BROWSER=1` (set by `.ci/run`) makes the test files
 * fail; otherwise their suites are skipped, with one loud warning per vitest run, as the PostgreSQL tier
 * does (test/setup/postgres.ts):
 *
 * ```ts
 * const tier = await browserTier();
 * describe.skipIf(!tier.browser)("…", () => {
 *   afterAll(() => tier.close());
 *   …
 * });
 * ```
 */
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";
import { chromium, type Browser, type Page } from "playwright-core";
import type { PageState } from "./conversation.js";

/** The repository root. */
export const ROOT = fileURLToPath(new URL("../../", import.meta.url));
/** Where screenshots go. */
export const SCREENSHOTS = path.join(ROOT, ".tmp", "browser");

/** The Chromium binary. */
export const CHROMIUM_PATH = process.env.CHATKIT_TESTKIT_CHROMIUM || "/usr/bin/chromium";

/** Flags for a headless Chromium that talks to nothing but the test's servers. */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
] as const;

/** Starts headless Chromium. The caller closes it. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS], timeout: 30_000 });
}

/** A test file's browser: the running Chromium, or null (with why) when the tier is skipped. */
export interface BrowserTier {
  readonly browser: Browser | null;
  readonly note: string;
  /** Closes the browser (if any). Safe to call more than once. */
  close(): Promise<void>;
}

function warn(lines: string[]): void {
  const width = Math.max(...lines.map((l) => l.length)) + 4;
  const bar = "!".repeat(width);
  console.warn(`\n${bar}\n${lines.map((l) => `! ${l.padEnd(width - 4)} !`).join("\n")}\n${bar}\n`);
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
};

/**
 * Whether this is the first test file of the vitest run to report the skip. Test files run in worker
 * processes (or threads) of one vitest process: a marker file named after that process's id is created
 * by the first file only (`wx` is atomic); markers of runs that have ended are removed.
 */
function firstToWarn(): boolean {
  const runner = typeof process.send === "function" ? process.ppid : process.pid; // forks pool: the parent is vitest
  const prefix = "chatkit-testkit-browser-skipped-";
  const tmp = os.tmpdir();
  for (const name of readdirSync(tmp)) {
    const pid = Number(name.slice(prefix.length));
    if (name.startsWith(prefix) && Number.isInteger(pid) && pid !== runner && !alive(pid)) rmSync(path.join(tmp, name), { force: true });
  }
  try {
    closeSync(openSync(path.join(tmp, `${prefix}${runner}`), "wx"));
    return true;
  } catch {
    return false;
  }
}

/**
 * Launches Chromium for a test file (call it at module top level, before `describe.skipIf`).
 * @throws {Error} when Chromium does not start and `CHATKIT_TESTKIT_REQUIRE_BROWSER=1`
 */
export async function browserTier(): Promise<BrowserTier> {
  let problem: string;
  if (!existsSync(CHROMIUM_PATH)) {
    problem = `no Chromium at ${CHROMIUM_PATH} (install Debian's chromium, or set CHATKIT_TESTKIT_CHROMIUM)`;
  } else {
    try {
      const browser = await launchChromium();
      let closed = false;
      return {
        browser,
        note: `Chromium ${browser.version()} at ${CHROMIUM_PATH}`,
        async close() {
          if (closed) return;
          closed = true;
          await browser.close();
        },
      };
    } catch (error) {
      problem = `Chromium at ${CHROMIUM_PATH} did not start: ${(error as Error).message}`;
    }
  }
  if (process.env.CHATKIT_TESTKIT_REQUIRE_BROWSER === "1") throw new Error(`[chatkit-testkit] CHATKIT_TESTKIT_REQUIRE_BROWSER=1 but ${problem}`);
  if (firstToWarn()) {
    warn([
      "BROWSER TIER SKIPPED",
      problem.split("\n")[0]!,
      "test/browser/*.test.ts (msw's service worker, CORS against the server) did not run.",
      "CHATKIT_TESTKIT_REQUIRE_BROWSER=1 turns this warning into a failure.",
    ]);
  }
  return { browser: null, note: problem, close: async () => {} };
}

/** A file the static server serves. */
export interface StaticFile {
  readonly body: string | Uint8Array;
  readonly type: string;
}

/** A running static server. */
export interface StaticServer {
  /** `http://127.0.0.1:<port>` */
  readonly origin: string;
  /** The paths requested so far, with their method, in order. */
  readonly requests: readonly string[];
  /** Replaces or adds a file. */
  set(pathname: string, file: StaticFile): void;
  close(): Promise<void>;
}

/** A static server on 127.0.0.1 and a free port: GET of the given paths, 404 for anything else. */
export async function startStaticServer(files: Record<string, StaticFile>): Promise<StaticServer> {
  const table = new Map(Object.entries(files));
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    const pathname = new URL(req.url ?? "/", "http://x").pathname;
    requests.push(`${req.method} ${pathname}`);
    const file = table.get(pathname);
    if (!file || (req.method !== "GET" && req.method !== "HEAD")) {
      res.writeHead(404, { "content-type": "text/plain" }).end(`not found: ${req.method} ${pathname}`);
      return;
    }
    res.writeHead(200, { "content-type": file.type, "cache-control": "no-store" }).end(req.method === "HEAD" ? undefined : file.body);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    set: (pathname, file) => void table.set(pathname, file),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The package's public names, mapped to the sources as vitest.config.ts maps them. */
const ALIASES: [RegExp, string][] = [
  [/^chatkit-testkit\/msw$/, "src/msw/index.ts"],
  [/^chatkit-testkit$/, "src/index.ts"],
];

/** Options of {@link bundle}. */
export interface BundleOptions {
  /** The entry's source (TypeScript); its relative imports resolve from test/browser. */
  entry: string;
  /** Modules the entry may import by name (`virtual:<name>`), as TypeScript sources resolved from the root. */
  modules?: Record<string, string>;
}

/**
 * Bundles page code for the browser with esbuild (`platform: "browser"`, ESM, so top-level `await`
 * works): `chatkit-testkit` and `chatkit-testkit/msw` come from src/, `msw/browser` from node_modules.
 * @returns the bundle and esbuild's metafile (which inputs went in)
 * @throws {Error} with esbuild's messages when it does not build
 */
export async function bundle(options: BundleOptions): Promise<{ code: string; inputs: string[] }> {
  const modules = options.modules ?? {};
  const plugin: esbuild.Plugin = {
    name: "chatkit-testkit-browser",
    setup(build) {
      for (const [pattern, file] of ALIASES) build.onResolve({ filter: pattern }, () => ({ path: path.join(ROOT, file) }));
      build.onResolve({ filter: /^virtual:/ }, (args) => {
        const name = args.path.slice("virtual:".length);
        if (!(name in modules)) return { errors: [{ text: `no virtual module ${JSON.stringify(name)} (have ${Object.keys(modules).join(", ")})` }] };
        return { path: name, namespace: "virtual" };
      });
      build.onLoad({ filter: /.*/, namespace: "virtual" }, (args) => ({ contents: modules[args.path], loader: "ts", resolveDir: ROOT }));
    },
  };
  const result = await esbuild.build({
    stdin: { contents: options.entry, loader: "ts", resolveDir: path.join(ROOT, "test", "browser"), sourcefile: "page-entry.ts" },
    bundle: true,
    platform: "browser",
    format: "esm",
    target: "es2022",
    write: false,
    metafile: true,
    logLevel: "silent",
    plugins: [plugin],
  });
  return { code: result.outputFiles[0]!.text, inputs: Object.keys(result.metafile.inputs) };
}

/**
 * The code of the fenced block with exactly this info string in a Markdown file, its indentation (a block
 * inside a list item) removed.
 * @throws {Error} unless there is exactly one such block
 */
export function fencedBlock(file: string, info: string): string {
  const lines = readFileSync(file, "utf8").split(/\r?\n/);
  const blocks: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(`{3,}|~{3,})(.*)$/.exec(lines[i]!);
    if (!open) continue;
    const [, indent, fence] = open;
    const body: string[] = [];
    let j = i + 1;
    for (; j < lines.length; j++) {
      const close = /^\s*(`{3,}|~{3,})\s*$/.exec(lines[j]!);
      if (close && close[1]![0] === fence![0] && close[1]!.length >= fence!.length) break;
      body.push(lines[j]!.startsWith(indent!) ? lines[j]!.slice(indent!.length) : lines[j]!.trimStart());
    }
    if (open[3]!.trim() === info) blocks.push(body.join("\n"));
    i = j;
  }
  if (blocks.length !== 1) throw new Error(`${path.relative(ROOT, file)}: expected one \`\`\`${info} block, found ${blocks.length}`);
  return blocks[0]!;
}

/** msw's worker script, as `npx msw init` would copy it. */
export function mswWorkerScript(): string {
  return readFileSync(path.join(ROOT, "node_modules", "msw", "lib", "mockServiceWorker.js"), "utf8");
}

/** An HTML page that loads `/page.js` as a module. */
export function pageHtml(title: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title><link rel="icon" href="data:,"></head><body><p>loading…</p><script type="module" src="/page.js"></script></body></html>`;
}

/** What a page printed and threw, for failure messages. */
export function collectLogs(page: Page): string[] {
  const logs: string[] = [];
  page.on("console", (m) => logs.push(`console.${m.type()}: ${m.text()}`));
  page.on("pageerror", (e) => logs.push(`pageerror: ${e.stack ?? e.message}`));
  page.on("requestfailed", (r) => logs.push(`requestfailed: ${r.method()} ${r.url()} ${r.failure()?.errorText ?? ""}`));
  return logs;
}

/**
 * Waits until the page's conversation (test/browser/conversation.ts) has ended and returns its state;
 * throws with the page's error and logs when it failed.
 */
export async function conversationOutcome(page: Page, logs: string[], timeout = 30_000): Promise<NonNullable<PageState["result"]>> {
  try {
    await page.waitForFunction(() => (globalThis as { __chatkitPage?: PageState }).__chatkitPage?.done === true, undefined, { timeout });
  } catch (error) {
    throw new Error(`the page's conversation did not finish: ${(error as Error).message}\n${logs.join("\n")}`);
  }
  const state = await page.evaluate(() => (globalThis as { __chatkitPage?: PageState }).__chatkitPage!);
  if (state.error !== undefined || !state.result) throw new Error(`the page's conversation failed: ${state.error}\n${logs.join("\n")}`);
  return state.result;
}

/** Writes a full-page screenshot to .tmp/browser/<name>.png and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
