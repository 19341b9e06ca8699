/**
 * The harness's own runtime, so users can budget it in CI: against InMemoryStore the whole default run
 * (100 runs per property) and the thorough one (1,000), and the default run against the bundled PostgreSQL
 * stores as the main job runs them, each against a baseline measured in the same run — the 52 checks the
 * harness had before the detection round (commit c98f0a8), default settings, on InMemoryStore.
 * Settings are interleaved round by round, and the median of the rounds is reported.
 * Run by bench/index.ts (`npm run bench`), or alone: node --import tsx bench/harness.ts [rounds]
 */
import { InMemoryStore } from "../src/index.js";
import { ALL_CHECKS, runChecks, type Check, type ConformanceOptions, type ConformanceReport } from "../src/harness/index.js";
import { bundledTargets } from "../src/cli/bundled.js";
import { findPostgresBin, startCluster, type Cluster } from "../test/setup/postgres.js";

/** The checks of the harness's first round: the baseline every figure here is a ratio to. */
const ROUND_ONE = new Set([
  "ids.default-format", "ids.distinct", "ids.caller-ids-roundtrip", "roundtrip.threads", "roundtrip.items", "roundtrip.attachments",
  "isolation.mutate-after-save", "isolation.mutate-after-load", "order.by-instant", "order.microseconds", "order.not-by-id",
  "order.ties-insertion", "order.ties-after-delete", "paging.items-ties-every-limit", "paging.threads-ties-every-limit",
  "paging.exclusive-cursor", "paging.limit-equals-count", "cursor.unknown", "cursor.foreign-thread", "cursor.foreign-scope",
  "cursor.empty-string", "arguments.limit", "arguments.order", "arguments.no-upper-limit", "arguments.malformed-records",
  "arguments.not-found-name", "scope.reads", "scope.writes", "scope.attachments", "thread-save.upsert", "thread-save.ignores-items",
  "thread-save.keeps-tie-position", "item-add.duplicate-replaces", "item-add.thread-argument", "item-save.replace-in-place",
  "item-save.inserts-missing", "item-load.wrong-thread", "delete.thread-cascades", "delete.idempotent", "delete.item-only",
  "delete.attachments-survive-thread", "missing-thread.empty-page", "attachments.upsert", "attachments.not-found",
  "roundtrip.property", "paging.walk-property", "flows.retry-after-item-ties", "flows.client-tool-output-hidden-after",
  "concurrency.parallel-adds", "concurrency.parallel-mixed", "concurrency.interleavings", "model.sequences",
]);

interface Setting {
  readonly name: string;
  readonly thorough: boolean;
  readonly checks: readonly Check[];
  /** The wall-time target on this machine, in seconds (issue: default ≤ 15 s, thorough ≤ 60 s). */
  readonly targetSeconds?: number;
  /** The store under test, when not InMemoryStore: the main job's own targets (src/cli/bundled.ts). */
  readonly options?: ConformanceOptions<unknown>;
}

async function timed(setting: Setting): Promise<{ report: ConformanceReport; ms: number }> {
  const started = performance.now();
  const options = setting.options ?? { createStore: () => new InMemoryStore() };
  const report = await runChecks({ ...options, thorough: setting.thorough, checks: setting.checks, env: {} });
  return { report, ms: performance.now() - started };
}

const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function main(rounds = Number(process.env.BENCH_HARNESS_ROUNDS ?? 3)): Promise<boolean> {
  console.log("\n## Conformance harness runtime\n");
  const baselineChecks = ALL_CHECKS.filter((c) => ROUND_ONE.has(c.id));
  const settings: Setting[] = [
    { name: `baseline: the ${baselineChecks.length} round-one checks, default`, thorough: false, checks: baselineChecks },
    { name: `every check (${ALL_CHECKS.length}), default`, thorough: false, checks: ALL_CHECKS, targetSeconds: 15 },
    { name: `every check (${ALL_CHECKS.length}), thorough`, thorough: true, checks: ALL_CHECKS, targetSeconds: 60 },
  ];
  // The bundled PostgreSQL stores, as the main job (npm run check) runs them (issue 11: pg-mem ≤ 15 s,
  // PostgreSQL ≤ 8 s), on a throwaway cluster when there is no DATABASE_URL.
  let cluster: Cluster | null = null;
  const bin = process.env.DATABASE_URL ? null : findPostgresBin();
  if (bin) cluster = await startCluster(bin);
  const url = process.env.DATABASE_URL ?? cluster?.url;
  const targets = await bundledTargets({ DATABASE_URL: url });
  for (const [name, targetSeconds] of [["PostgresStore on pg-mem", 15], ["PostgresStore on PostgreSQL", 8]] as const) {
    const target = targets.find((t) => t.name === name);
    if (target?.options) settings.push({ name: `every check (${ALL_CHECKS.length}), default, ${name}`, thorough: false, checks: ALL_CHECKS, targetSeconds, options: target.options });
    else console.log(`${name}: not measured (${target?.unavailable ?? "not available"})`);
  }
  const times = settings.map(() => [] as number[]);
  const last: ConformanceReport[] = [];
  for (let round = 0; round < rounds; round++) {
    for (const [i, setting] of settings.entries()) {
      const { report, ms } = await timed(setting);
      times[i]!.push(ms);
      last[i] = report;
    }
  }
  const base = median(times[0]!);
  const header = ["setting", "runs/property", "passed", `median of ${rounds}`, "× baseline", "target", "slowest checks"];
  let ok = true;
  const rows = settings.map((setting, i) => {
    const ms = median(times[i]!);
    const report = last[i]!;
    const met = setting.targetSeconds === undefined ? "—" : ms / 1000 <= setting.targetSeconds ? `≤ ${setting.targetSeconds} s: met` : `≤ ${setting.targetSeconds} s: NOT MET`;
    if (setting.targetSeconds !== undefined && ms / 1000 > setting.targetSeconds) ok = false;
    if (report.failed > 0) ok = false;
    const slowest = [...report.results].sort((a, b) => b.durationMs - a.durationMs).slice(0, 3);
    return [
      setting.name,
      String(report.settings.numRuns),
      `${report.passed}/${report.results.length}`,
      `${(ms / 1000).toFixed(2)} s`,
      `${(ms / base).toFixed(2)}×`,
      met,
      slowest.map((r) => `${r.id} ${Math.round(r.durationMs)} ms`).join(", "),
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(" | ")} |`;
  console.log(line(header));
  console.log(line(widths.map((w) => "-".repeat(w))));
  for (const r of rows) console.log(line(r));
  console.log(`\nsettings interleaved round by round (${rounds} rounds); every run must also pass every check`);
  for (const t of targets) await t.close?.();
  cluster?.stop();
  return ok;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const ok = await main(process.argv[2] ? Number(process.argv[2]) : undefined);
  process.exitCode = ok ? 0 : 1;
}
