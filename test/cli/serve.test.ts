/**
 * `chatkit-testkit serve` as a process: started from the sources (through tsx, as `npx chatkit-testkit`
 * runs the built file), driven over HTTP, stopped with a signal.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readEvents, type ThreadStreamEvent } from "chatkit-testkit";
import { newPool, postgresUrl } from "../postgres/backends.js";

const REPO = path.resolve(import.meta.dirname, "../..");
const BIN = path.join(REPO, "src/cli/bin.ts");
const dir = mkdtempSync(path.join(tmpdir(), "chatkit-serve-"));
const children: ChildProcess[] = [];

afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
  rmSync(dir, { recursive: true, force: true });
});

interface Served {
  readonly url: string;
  readonly child: ChildProcess;
  readonly stderr: () => string;
  readonly exited: Promise<number | null>;
}

/** Starts `serve` with `args` (on a free port) and resolves once it prints its endpoint. */
function serve(args: string[]): Promise<Served> {
  const child = spawn(process.execPath, ["--import", "tsx", BIN, "serve", "--port", "0", ...args], { cwd: REPO, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, NO_COLOR: "1" } });
  children.push(child);
  let out = "";
  let err = "";
  child.stderr!.on("data", (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start in 20 s:\n${out}\n${err}`)), 20_000);
    child.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      const m = /ChatKit endpoint: (\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ url: m[1]!, child, stderr: () => err, exited });
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code} before it listened:\n${out}\n${err}`));
    });
  });
}

const post = (url: string, type: string, params: unknown) => fetch(url, { method: "POST", body: JSON.stringify({ type, params }) });
const input = (text: string) => ({ content: [{ type: "input_text", text }], attachments: [], inference_options: {} });

async function lastText(response: Response): Promise<string> {
  const events: ThreadStreamEvent[] = [];
  for await (const e of readEvents(response)) events.push(e);
  const done = events.filter((e) => e.type === "thread.item.done").at(-1);
  return done?.type === "thread.item.done" && done.item.type === "assistant_message" ? done.item.content[0]!.text : "";
}

describe("chatkit-testkit serve", () => {
  it("serves the built-in echo assistant, logs each request, and exits 0 on SIGTERM", async () => {
    const served = await serve([]);
    expect(served.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/chatkit$/);
    expect(await lastText(await post(served.url, "threads.create", { input: input("ping") }))).toBe("You said: ping");
    expect((await fetch(new URL("/health", served.url))).status).toBe(200);
    served.child.kill("SIGTERM");
    expect(await served.exited).toBe(0);
    expect(served.stderr()).toMatch(/POST \/chatkit threads\.create 200 \d+ ms/);
    expect(served.stderr()).toContain("shutting down");
  });

  it("loads --assistant from a TypeScript module and keeps threads in pg-mem with --store pg-mem; SIGINT stops it", async () => {
    const file = path.join(dir, "assistant.ts");
    writeFileSync(
      file,
      `interface Thread { id: string }
export default {
  respond(thread: Thread, _input: unknown, ctx: { itemId(kind: string): string; now(): string }) {
    return [{ type: "thread.item.done", item: { type: "assistant_message", id: ctx.itemId("message"), thread_id: thread.id, created_at: ctx.now(), content: [{ type: "output_text", text: "scripted", annotations: [] }] } }];
  },
};
`,
    );
    const served = await serve(["--assistant", file, "--store", "pg-mem", "--quiet"]);
    expect(await lastText(await post(served.url, "threads.create", { input: input("hi") }))).toBe("scripted");
    const listed = (await (await post(served.url, "threads.list", {})).json()) as { data: unknown[] };
    expect(listed.data).toHaveLength(1);
    served.child.kill("SIGINT");
    expect(await served.exited).toBe(0);
    expect(served.stderr()).not.toMatch(/POST \/chatkit/);
  });

  const { url: pgUrl, note } = postgresUrl();
  it.skipIf(pgUrl === null)(`keeps threads in PostgreSQL with --store postgres://… across restarts${pgUrl === null ? ` (SKIPPED: ${note})` : ""}`, async () => {
    const admin = newPool(pgUrl!, 1);
    const database = `serve_${process.pid}_${Date.now().toString(36)}`;
    await admin.query(`CREATE DATABASE ${database}`);
    try {
      const target = new URL(pgUrl!);
      target.pathname = `/${database}`;
      const first = await serve(["--store", target.href, "--quiet"]);
      expect(await lastText(await post(first.url, "threads.create", { input: input("remember me") }))).toBe("You said: remember me");
      first.child.kill("SIGTERM");
      expect(await first.exited).toBe(0);
      const second = await serve(["--store", target.href, "--quiet"]);
      const listed = (await (await post(second.url, "threads.list", {})).json()) as { data: unknown[] };
      expect(listed.data).toHaveLength(1);
      second.child.kill("SIGTERM");
      expect(await second.exited).toBe(0);
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      await admin.end();
    }
  });

  it("refuses bad flags with exit code 2 and the usage", async () => {
    const child = spawn(process.execPath, ["--import", "tsx", BIN, "serve", "--store", "redis://x"], { cwd: REPO, stdio: ["ignore", "pipe", "pipe"] });
    children.push(child);
    let err = "";
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
    expect(code).toBe(2);
    expect(err).toContain('--store must be memory, pg-mem or a postgres:// URL, got "redis://x"');
    expect(err).toContain("Usage:\n  chatkit-testkit serve");
  });
});
