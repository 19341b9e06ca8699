/**
 * The harness's own runtime against InMemoryStore, default and thorough, so users can budget it in CI.
 * Run by bench/index.ts (`npm run bench`), or alone: node --import tsx bench/harness.ts
 */
import { InMemoryStore } from "../src/index.js";
import { runChecks, type ConformanceReport } from "../src/harness/index.js";

async function timed(thorough: boolean): Promise<{ report: ConformanceReport; ms: number }> {
  const started = performance.now();
  const report = await runChecks({ createStore: () => new InMemoryStore(), thorough, env: {} });
  return { report, ms: performance.now() - started };
}

export async function main(): Promise<void> {
  console.log("\n## Conformance harness runtime (InMemoryStore)\n");
  const rows: string[][] = [];
  for (const thorough of [false, true]) {
    const { report, ms } = await timed(thorough);
    const slowest = [...report.results].sort((a, b) => b.durationMs - a.durationMs).slice(0, 3);
    rows.push([
      thorough ? "thorough" : "default",
      String(report.settings.numRuns),
      `${report.passed}/${report.results.length}`,
      `${(ms / 1000).toFixed(2)} s`,
      slowest.map((r) => `${r.id} ${Math.round(r.durationMs)} ms`).join(", "),
    ]);
  }
  const header = ["setting", "runs/property", "passed", "wall time", "slowest checks"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(" | ")} |`;
  console.log(line(header));
  console.log(line(widths.map((w) => "-".repeat(w))));
  for (const r of rows) console.log(line(r));
  const defaultSeconds = Number.parseFloat(rows[0]![3]!);
  console.log(`\ntarget: the default suite runs in seconds against InMemoryStore — ${defaultSeconds < 10 ? "PASS" : "FAIL"} (${defaultSeconds} s)`);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
