/**
 * `chatkit-testkit` — runs the conformance harness from the command line. The executable is bin.ts,
 * which imports this module; `main()` returns the exit code and never exits the process itself.
 *
 *   chatkit-testkit check <module> [options]   check the store a module exports
 *   chatkit-testkit check --bundled [options]  check the stores this package ships
 *   chatkit-testkit list                       list every check with its rules
 *   chatkit-testkit serve [options]            a local ChatKit server (serve.ts)
 *
 * Exit codes: 0 all checks passed, 1 a check failed (or setup, the first createStore or teardown
 * failed), 2 bad usage, a module that cannot be loaded, or a missing peer.
 * @packageDocumentation
 */
import { ALL_CHECKS } from "../harness/checks/index.js";
import { formatFailure, formatReport } from "../harness/report.js";
import { runChecks, type ConformanceOptions, type ConformanceReport } from "../harness/runChecks.js";
import { bundledTargets, type Target } from "./bundled.js";
import { loadStoreModule, UsageError } from "./load.js";
import { serveCommand } from "./serve.js";

const USAGE = `Usage:
  chatkit-testkit check <module> [--export <name>] [options]
  chatkit-testkit check --bundled [options]
  chatkit-testkit list
  chatkit-testkit serve [--port <n>] [--assistant <module>] [--store memory|pg-mem|postgres://...]
                                              (chatkit-testkit serve --help for its options)

<module> exports conformance options: a \`createStore\` function (and optionally destroyStore,
makeContext, contexts, capabilities, skip, setup, teardown), as named exports or as one object (the
default export, or the export named by --export). It loads through the tsx installed in your
project, which .ts, .mts, .cts and tsconfig path aliases need (npm install -D tsx); plain .js and
.mjs need nothing.

Exit codes: 0 every check passed; 1 a check failed, or setup, createStore or teardown did; 2 bad
usage, a module that cannot be loaded, or a missing peer. When something the store opened still
keeps the process alive after the report, the CLI names it and exits.

Options:
  --seed <n>        base seed (default 20261128; env CHATKIT_TESTKIT_SEED)
  --num-runs <n>    runs per property and model-based check (env CHATKIT_TESTKIT_NUM_RUNS)
  --thorough        ten times the runs (env CHATKIT_TESTKIT_THOROUGH=1)
  --only <ids>      comma-separated check ids (env CHATKIT_TESTKIT_ONLY)
  --replay <json>   replay one failure, as printed after "replay:" (env CHATKIT_TESTKIT_REPLAY)
  --json            print the report as JSON instead of text
  --quiet           no progress lines
`;

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

function progress(quiet: boolean) {
  let notRun = false;
  return quiet
    ? {}
    : {
        onResult(r: { id: string; status: string; durationMs: number; reason?: string }, i: number, total: number) {
          // After a set-up failure no check runs: one progress line for all of them, the report says why.
          if (r.status === "skipped" && r.reason?.startsWith("not run: ")) {
            if (!notRun) process.stderr.write(`  ${r.reason.slice("not run: ".length)}: none of the ${total} checks ran\n`);
            notRun = true;
            return;
          }
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
    // After a set-up failure the table would repeat "not run: createStore failed" for every check:
    // the text report shows the failure once, with the counts (the JSON report keeps every result).
    else process.stdout.write(`\n${formatReport(report.setupFailure ? { ...report, results: [] } : report, target.name)}\n`);
    return report;
  } finally {
    await target.close?.();
  }
}

/** Runs the CLI; returns the exit code. */
export async function main(argv: readonly string[], env: Readonly<Record<string, string | undefined>> = process.env): Promise<number> {
  if (argv[0] === "serve") return serveCommand(argv.slice(1));
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
    targets = args.bundled ? await bundledTargets(env) : [{ name: args.module!, options: await loadStoreModule(args.module!, args.exportName === undefined ? {} : { exportName: args.exportName }) }];
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
      const broken = [report.setupFailure, report.teardownFailure].filter((f) => f !== undefined).map((f) => `; ${f.step} failed`).join("");
      summary.push(`${target.name}: ${report.passed} passed, ${report.failed} failed, ${report.skipped} skipped${broken}`);
    } else summary.push(`${target.name}: not run (${target.unavailable})`);
  }
  if (targets.length > 1 && !args.json) process.stdout.write(`\nSummary\n${summary.map((s) => `  ${s}`).join("\n")}\n`);
  return failed > 0 ? 1 : 0;
}

export { formatFailure };
