#!/usr/bin/env node
/**
 * `chatkit-testkit` — runs the conformance harness from the command line.
 *
 *   chatkit-testkit check <module> [options]   check the store a module exports
 *   chatkit-testkit check --bundled [options]  check the stores this package ships
 *   chatkit-testkit list                       list every check with its rules
 *
 * Exit codes: 0 all checks passed, 1 a check failed, 2 bad usage or a module that cannot be loaded.
 * @packageDocumentation
 */
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { ALL_CHECKS } from "../harness/checks/index.js";
import { formatFailure, formatReport } from "../harness/report.js";
import { runChecks, type ConformanceOptions, type ConformanceReport } from "../harness/runChecks.js";
import { bundledTargets, type Target } from "./bundled.js";

const USAGE = `Usage:
  chatkit-testkit check <module> [--export <name>] [options]
  chatkit-testkit check --bundled [options]
  chatkit-testkit list

<module> exports conformance options: a \`createStore\` function (and optionally destroyStore,
makeContext, contexts, capabilities, skip), either as named exports or as one object (the default
export, or the export named by --export). TypeScript modules load through tsx when it is installed.

Options:
  --seed <n>        base seed (default 20261128; env CHATKIT_TESTKIT_SEED)
  --num-runs <n>    runs per property and model-based check (env CHATKIT_TESTKIT_NUM_RUNS)
  --thorough        ten times the runs (env CHATKIT_TESTKIT_THOROUGH=1)
  --only <ids>      comma-separated check ids (env CHATKIT_TESTKIT_ONLY)
  --replay <json>   replay one failure, as printed after "replay:" (env CHATKIT_TESTKIT_REPLAY)
  --json            print the report as JSON instead of text
  --quiet           no progress lines
`;

class UsageError extends Error {}

interface Args {
  command: "check" | "list" | "help";
  module?: string;
  bundled: boolean;
  exportName?: string;
  json: boolean;
  quiet: boolean;
  overrides: Partial<ConformanceOptions<unknown>>;
}

function parseArgs(argv: readonly string[]): Args {
  const args: Args = { command: "help", bundled: false, json: false, quiet: false, overrides: {} };
  const rest = [...argv];
  const command = rest.shift();
  if (command === undefined || command === "help" || command === "--help" || command === "-h") return args;
  if (command !== "check" && command !== "list") throw new UsageError(`unknown command "${command}"`);
  args.command = command;
  const value = (flag: string) => {
    const v = rest.shift();
    if (v === undefined || v.startsWith("--")) throw new UsageError(`${flag} needs a value`);
    return v;
  };
  const integer = (flag: string) => {
    const v = value(flag);
    if (!/^-?\d+$/.test(v)) throw new UsageError(`${flag} must be an integer, got "${v}"`);
    return Number(v);
  };
  while (rest.length) {
    const a = rest.shift()!;
    if (a === "--bundled") args.bundled = true;
    else if (a === "--export") args.exportName = value(a);
    else if (a === "--seed") args.overrides.seed = integer(a);
    else if (a === "--num-runs") args.overrides.numRuns = integer(a);
    else if (a === "--thorough") args.overrides.thorough = true;
    else if (a === "--only") args.overrides.only = value(a).split(",").map((s) => s.trim()) as never;
    else if (a === "--replay") args.overrides.replay = value(a);
    else if (a === "--json") args.json = true;
    else if (a === "--quiet") args.quiet = true;
    else if (a.startsWith("--")) throw new UsageError(`unknown option ${a}`);
    else if (args.module === undefined) args.module = a;
    else throw new UsageError(`unexpected argument "${a}"`);
  }
  if (args.command === "check" && !args.bundled && args.module === undefined) throw new UsageError("check needs a <module> or --bundled");
  if (args.command === "check" && args.bundled && args.module !== undefined) throw new UsageError("give either a <module> or --bundled, not both");
  return args;
}

async function loadModule(spec: string, exportName: string | undefined): Promise<ConformanceOptions<unknown>> {
  const path = resolve(spec);
  if (!existsSync(path)) throw new UsageError(`module not found: ${path}`);
  if (/\.[cm]?tsx?$/.test(path)) {
    try {
      const tsx = (await import("tsx/esm/api" as string)) as { register(): unknown };
      tsx.register();
    } catch {
      throw new UsageError(`${spec} is TypeScript: install tsx (npm i -D tsx) or run \`node --import tsx\``);
    }
  }
  const mod = (await import(pathToFileURL(path).href)) as Record<string, unknown>;
  const candidate = exportName !== undefined ? mod[exportName] : typeof mod.createStore === "function" ? mod : (mod.default ?? mod.conformance);
  if (exportName !== undefined && candidate === undefined) throw new UsageError(`${spec} has no export named "${exportName}"`);
  const options = candidate as ConformanceOptions<unknown> | undefined;
  if (!options || typeof options.createStore !== "function") {
    throw new UsageError(`${spec} must export createStore() (or an options object with createStore as its default export); exports: ${Object.keys(mod).join(", ") || "none"}`);
  }
  return options;
}

function progress(quiet: boolean) {
  return quiet
    ? {}
    : {
        onResult(r: { id: string; status: string; durationMs: number; reason?: string }, i: number, total: number) {
          const mark = r.status === "passed" ? "✓" : r.status === "failed" ? "✗" : "-";
          const extra = r.status === "skipped" ? `skipped: ${r.reason}` : `${Math.round(r.durationMs)} ms`;
          process.stderr.write(`  [${String(i + 1).padStart(2)}/${total}] ${mark} ${r.id} (${extra})\n`);
        },
      };
}

async function runTarget(target: Target, args: Args): Promise<ConformanceReport | null> {
  if (!target.options) {
    process.stdout.write(`\n${target.name}: not run — ${target.unavailable}\n`);
    return null;
  }
  if (!args.quiet) process.stderr.write(`\n${target.name}\n`);
  try {
    const report = await runChecks({ ...target.options, ...args.overrides }, progress(args.quiet));
    if (args.json) process.stdout.write(`${JSON.stringify({ target: target.name, ...report }, (k, v) => (k === "cause" ? String(v) : v), 2)}\n`);
    else process.stdout.write(`\n${formatReport(report, target.name)}\n`);
    return report;
  } finally {
    await target.close?.();
  }
}

/** Runs the CLI; returns the exit code. */
export async function main(argv: readonly string[], env: Readonly<Record<string, string | undefined>> = process.env): Promise<number> {
  let args: Args;
  try {
    args = parseArgs(argv);
  } catch (error) {
    process.stderr.write(`chatkit-testkit: ${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (args.command === "help") {
    process.stdout.write(USAGE);
    return 0;
  }
  if (args.command === "list") {
    for (const c of ALL_CHECKS) process.stdout.write(`${c.id.padEnd(36)} ${c.kind.padEnd(12)} ${c.rules.join(" ")}\n    ${c.statement}\n`);
    return 0;
  }
  let targets: Target[];
  try {
    targets = args.bundled ? await bundledTargets(env) : [{ name: args.module!, options: await loadModule(args.module!, args.exportName) }];
  } catch (error) {
    process.stderr.write(`chatkit-testkit: ${(error as Error).message}\n`);
    return 2;
  }
  let failed = 0;
  const summary: string[] = [];
  for (const target of targets) {
    let report: ConformanceReport | null;
    try {
      report = await runTarget(target, args);
    } catch (error) {
      process.stderr.write(`chatkit-testkit: ${target.name}: ${(error as Error).message}\n`);
      return 2;
    }
    if (report) {
      failed += report.failed + (report.setupFailure || report.teardownFailure ? 1 : 0);
      summary.push(`${target.name}: ${report.passed} passed, ${report.failed} failed, ${report.skipped} skipped`);
    } else summary.push(`${target.name}: not run (${target.unavailable})`);
  }
  if (targets.length > 1 && !args.json) process.stdout.write(`\nSummary\n${summary.map((s) => `  ${s}`).join("\n")}\n`);
  return failed > 0 ? 1 : 0;
}

export { formatFailure };

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (invokedDirectly || process.argv[1]?.endsWith("/chatkit-testkit") || process.argv[1]?.endsWith("cli.js")) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`chatkit-testkit: unexpected error: ${(error as Error)?.stack ?? String(error)}\n`);
      process.exitCode = 2;
    },
  );
}
