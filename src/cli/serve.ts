/**
 * `chatkit-testkit serve` — a local ChatKit backend for a frontend under development or an end-to-end
 * suite: {@link startChatKitServer} on a port, over the store and assistant the flags name, until SIGINT
 * or SIGTERM.
 * @packageDocumentation
 */
import type { Assistant } from "../simulator/assistant.js";
import type { Store } from "../store/Store.js";
import { startChatKitServer } from "../server/startChatKitServer.js";
import { loadModule, UsageError } from "./load.js";

export const SERVE_USAGE = `Usage:
  chatkit-testkit serve [--port <n>] [--host <address>] [--assistant <module>] [--store <store>]

Serves a ChatKit endpoint (POST http://<host>:<port>/chatkit) over the toolkit's simulator, with
two-phase attachment uploads (<origin>/uploads/...), CORS for a frontend on another port, a health
check (GET /health) and one log line per request. Stop it with Ctrl-C (SIGINT) or SIGTERM.

Options:
  --port <n>            port to listen on (default 8000; 0 picks a free one)
  --host <address>      address to listen on (default 127.0.0.1)
  --assistant <module>  a module whose default export (or export "assistant") is the assistant's hooks,
                        e.g. { respond }; .ts needs tsx in your project. Default: streams "You said: ..."
  --store <store>       memory (default), pg-mem, or a postgres:// URL (tables are created with migrate())
  --quiet               no request log lines
`;

export interface ServeArgs {
  port: number;
  host: string;
  assistant?: string;
  store: string;
  quiet: boolean;
}

export function parseServeArgs(argv: readonly string[]): ServeArgs {
  const args: ServeArgs = { port: 8000, host: "127.0.0.1", store: "memory", quiet: false };
  const rest = [...argv];
  const value = (flag: string) => {
    const v = rest.shift();
    if (v === undefined || v.startsWith("--")) throw new UsageError(`${flag} needs a value`);
    return v;
  };
  while (rest.length) {
    const a = rest.shift()!;
    if (a === "--port") {
      const v = value(a);
      if (!/^\d+$/.test(v) || Number(v) > 65535) throw new UsageError(`--port must be an integer from 0 to 65535, got "${v}"`);
      args.port = Number(v);
    } else if (a === "--host") args.host = value(a);
    else if (a === "--assistant") args.assistant = value(a);
    else if (a === "--store") args.store = value(a);
    else if (a === "--quiet") args.quiet = true;
    else throw new UsageError(a.startsWith("--") ? `unknown option ${a}` : `unexpected argument "${a}"`);
  }
  if (args.store !== "memory" && args.store !== "pg-mem" && !/^postgres(ql)?:\/\//.test(args.store)) {
    throw new UsageError(`--store must be memory, pg-mem or a postgres:// URL, got "${args.store}"`);
  }
  return args;
}

/** The assistant a module exports: its default export, or the export named `assistant`. */
async function loadAssistant(spec: string): Promise<Partial<Assistant>> {
  const mod = await loadModule(spec);
  const cjs = mod.default as Record<string, unknown> | undefined;
  const candidates = [mod.default, mod.assistant, cjs?.default, cjs?.assistant];
  const isAssistant = (v: unknown): v is Partial<Assistant> =>
    v !== null && typeof v === "object" && ["respond", "action", "syncAction", "addFeedback", "transcribe", "streamOptions", "handleStreamCancelled"].some((k) => typeof (v as Record<string, unknown>)[k] === "function");
  const found = candidates.find(isAssistant);
  if (found) return found;
  throw new UsageError(`${spec} must export the assistant's hooks (an object with respond() and the other hooks you need) as its default export or as "assistant"; exports: ${Object.keys(mod).join(", ") || "none"}`);
}

/** The store `--store` names, and what closes it. */
async function openStore(spec: string): Promise<{ store?: Store; name: string; close(): Promise<void> }> {
  if (spec === "memory") return { name: "InMemoryStore", close: async () => undefined };
  const postgres = await import("../postgres/index.js");
  if (spec === "pg-mem") {
    const store = await postgres.createPgMemStore({ scope: "single-tenant" });
    return { store, name: "PostgresStore on pg-mem", close: async () => undefined };
  }
  const pg = (await import("pg")).default;
  const pool = new pg.Pool({ connectionString: spec });
  pool.on("error", () => undefined);
  try {
    const store = new postgres.PostgresStore({ client: pool, scope: "single-tenant" });
    await store.migrate();
    return { store, name: `PostgresStore on ${new URL(spec).host}${new URL(spec).pathname}`, close: () => pool.end() };
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw new UsageError(`--store ${spec.replace(/\/\/[^@/]*@/, "//***@")}: ${(error as Error).message}`);
  }
}

/**
 * Runs the server until `stop` resolves (SIGINT or SIGTERM by default).
 * @returns the exit code: 0 after a clean shutdown
 */
export async function serve(argv: readonly string[], stop?: Promise<unknown>): Promise<number> {
  const args = parseServeArgs(argv);
  const assistant = args.assistant === undefined ? undefined : await loadAssistant(args.assistant);
  const opened = await openStore(args.store);
  const log = (line: string) => process.stderr.write(`${line}\n`);
  let server;
  try {
    server = await startChatKitServer({
      port: args.port,
      host: args.host,
      ...(opened.store ? { store: opened.store } : {}),
      ...(assistant ? { assistant } : {}),
      ...(args.quiet ? {} : { log }),
    });
  } catch (error) {
    await opened.close();
    const code = (error as { code?: unknown }).code;
    throw new UsageError(code === "EADDRINUSE" ? `port ${args.port} on ${args.host} is in use: pick another with --port` : (error as Error).message);
  }
  process.stdout.write(
    [
      `ChatKit endpoint: ${server.url}`,
      `  store: ${opened.name}; assistant: ${args.assistant ?? "built-in echo (streams \"You said: …\")"}`,
      `  uploads: ${server.origin}/uploads/…   health: ${server.origin}/health   CORS: any origin`,
      "  Ctrl-C stops it.",
      "",
    ].join("\n"),
  );
  await (stop ??
    new Promise<void>((resolve) => {
      const done = () => {
        process.off("SIGINT", done).off("SIGTERM", done);
        resolve();
      };
      process.on("SIGINT", done).on("SIGTERM", done);
    }));
  process.stderr.write("chatkit-testkit serve: shutting down\n");
  await server.close();
  await opened.close();
  return 0;
}

/**
 * `chatkit-testkit serve …` (argv after "serve"): the usage on --help, exit code 2 with the usage on bad
 * flags. bin.ts runs it without loading the harness, so `serve` needs no fast-check.
 * @returns the exit code
 */
export async function serveCommand(argv: readonly string[]): Promise<number> {
  if (argv.includes("--help") || argv.includes("-h")) {
    process.stdout.write(SERVE_USAGE);
    return 0;
  }
  try {
    return await serve(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`chatkit-testkit serve: ${error.message}\n\n${SERVE_USAGE}`);
    return 2;
  }
}
