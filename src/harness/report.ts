/**
 * Turns results into text: one failure (what the vitest adapter throws) and a whole report (what the
 * CLI prints). Pure functions over the data of runChecks.
 * @packageDocumentation
 */
import { SEVERITIES } from "./Check.js";
import type { CheckResult, ConformanceReport, SetupFailure } from "./runChecks.js";

/** The replay line of a failure, ready to paste: `CHATKIT_TESTKIT_REPLAY='{…}'`. */
export function replayLine(result: CheckResult): string | null {
  const r = result.failure?.replay;
  if (!r) return null;
  const json = JSON.stringify({ check: result.id, seed: r.seed, path: r.path, ...(r.replayPath ? { replayPath: r.replayPath } : {}) });
  return `CHATKIT_TESTKIT_REPLAY='${json}'`;
}

function indent(text: string, pad: string): string {
  return text.split("\n").join(`\n${pad}`);
}

/**
 * Formats one failed check:
 * ```
 * ✗ cursor.foreign-thread (C-CURSOR)
 *   an `after` id of an item in another thread of the same scope raises NotFoundError
 *   expected: loadThreadItems(thr_b, after="msg_a1" from thr_a) raises NotFoundError
 *   seen:     it returned Page { data: ["msg_b2"], has_more: false, after: null }
 *   operations: saveThread(…) @A · …
 * ```
 */
export function formatFailure(result: CheckResult): string {
  const f = result.failure;
  const lines = [`✗ ${result.id} (${result.rules.join(", ")}) — ${SEVERITIES[result.severity]}`, `  ${result.statement}`];
  if (result.upstream) lines.push(`  upstream: ${indent(result.upstream, "            ")}`);
  if (!f) return lines.join("\n");
  lines.push(`  expected: ${indent(f.expected, "            ")}`);
  lines.push(`  seen:     ${indent(f.seen, "            ")}`);
  if (f.counterexample?.length) {
    const head = `  counterexample${f.shrinks ? ` (shrunk ${f.shrinks}×)` : ""}:`;
    lines.push(head, ...f.counterexample.map((op, i) => `    ${String(i + 1).padStart(2)}. ${op}`));
  } else if (f.operations.length) {
    const ops = f.operations.slice(-25);
    lines.push(`  operations${f.operations.length > ops.length ? ` (last ${ops.length} of ${f.operations.length})` : ""}:`, ...ops.map((op) => `    ${op}`));
  }
  if (f.cause instanceof Error && f.cause.stack) {
    const frame = f.cause.stack.split("\n").find((l) => l.trim().startsWith("at "));
    if (frame) lines.push(`  thrown ${frame.trim()}`);
  }
  const replay = replayLine(result);
  if (replay) lines.push(`  replay: ${replay}`);
  else lines.push(`  rerun:  CHATKIT_TESTKIT_ONLY=${result.id}`);
  return lines.join("\n");
}

/** Formats a failure of the run itself (set-up, the first store, tear-down). */
export function formatSetupFailure(failure: SetupFailure): string {
  const lines = [`✗ ${failure.step} failed${failure.step === "teardown" ? "" : ": no check ran"}`, `  expected: ${indent(failure.expected, "            ")}`, `  seen:     ${indent(failure.seen, "            ")}`];
  if (failure.cause instanceof Error && failure.cause.stack) {
    const frame = failure.cause.stack.split("\n").find((l) => l.trim().startsWith("at "));
    if (frame) lines.push(`  thrown ${frame.trim()}`);
  }
  return lines.join("\n");
}

/** The one line a blocked check gets: what blocks it, and what it expected. */
function blockedLine(result: CheckResult): string {
  return `- ${result.id}: blocked by ${result.blockedBy} (it saw: ${result.failure?.seen.split("\n")[0] ?? "a failure"})`;
}

/**
 * Formats a whole report: the root causes first (each failing behaviour once, worst first, with the
 * checks it blocks), then a table of every check, then each root cause's failure, then a summary line.
 */
export function formatReport(report: ConformanceReport, title = "ChatKit store conformance"): string {
  const mark = { passed: "✓", failed: "✗", skipped: "-", blocked: "⊘" } as const;
  const idWidth = Math.max(...report.results.map((r) => r.id.length), 10);
  const lines = [`${title} — seed ${report.settings.seed}, ${report.settings.numRuns} runs per property${report.settings.thorough ? " (thorough)" : ""}`, ""];
  if (report.setupFailure) lines.push(formatSetupFailure(report.setupFailure), "");
  if (report.deviations?.length) {
    lines.push("Declared deviations (the checks run around them; each owner check is listed as skipped):");
    for (const d of report.deviations) lines.push(`  ~ ${d.name}: ${d.what} (owner: ${d.check})`);
    lines.push("");
  }
  const causes = report.rootCauses ?? [];
  if (causes.length) {
    lines.push(`Root causes (${causes.length}), worst first:`);
    for (const c of causes) {
      lines.push(`  ✗ ${c.check} — ${SEVERITIES[c.severity]}`, `      ${c.statement}`);
      if (c.upstream) lines.push(`      upstream: ${c.upstream}`);
      if (c.blocks.length) lines.push(`      blocks ${c.blocks.length}: ${c.blocks.join(", ")}`);
    }
    lines.push("");
  }
  const notRun = report.setupFailure ? report.results.filter((r) => r.reason?.startsWith("not run:")).length : 0;
  if (notRun) lines.push(`  ${notRun} checks not run (${report.setupFailure!.step} failed)`);
  for (const r of report.results) {
    if (notRun && r.reason?.startsWith("not run:")) continue;
    const status =
      r.status === "skipped" ? `skipped: ${r.reason}` : r.status === "blocked" ? `blocked by ${r.blockedBy}` : `${r.status} ${Math.round(r.durationMs)} ms`;
    const rules = r.rules.length > 3 ? `${r.rules.slice(0, 2).join(" ")} +${r.rules.length - 2} more` : r.rules.join(" ");
    lines.push(`  ${mark[r.status]} ${r.id.padEnd(idWidth)}  ${rules.padEnd(32)} ${status}`);
  }
  const failures = report.results.filter((r) => r.status === "failed");
  if (failures.length) {
    lines.push("", "Failures:", "");
    for (const f of failures) lines.push(formatFailure(f), "");
  }
  const blocked = report.results.filter((r) => r.status === "blocked");
  if (blocked.length) {
    lines.push("", "Blocked (fix the root cause first; each of these failed on its behaviour):", ...blocked.map(blockedLine), "");
  }
  if (report.teardownFailure) lines.push(formatSetupFailure(report.teardownFailure), "");
  const setup = report.setupFailure ? `; ${report.setupFailure.step} failed` : "";
  const blockedCount = report.blocked ? `, ${report.blocked} blocked` : "";
  lines.push("", `${report.passed} passed, ${report.failed} failed${blockedCount}, ${report.skipped} skipped${setup} (${(report.durationMs / 1000).toFixed(1)} s)`);
  return lines.join("\n");
}
