import { readdirSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { ALL_CHECKS, formatFailure, replayLine, runChecks, type CheckId, type CheckResult, type ConformanceOptions } from "chatkit-testkit/harness";
import { MUTANTS, type Mutant } from "./catalogue.js";
import CursorFromAnotherThread from "./cursor-from-another-thread.js";
import MissingThreadThrows from "./missing-thread-throws.js";
import { SimpleStore } from "./SimpleStore.js";
import TieBreakByText from "./tie-break-by-text.js";

// Every run here ignores CHATKIT_TESTKIT_* variables (`env: {}`): the default seed and 100 runs per
// property, so what each mutant is caught by does not depend on the shell.
const defaults = { env: {} } satisfies Partial<ConformanceOptions<unknown>>;

describe("SimpleStore", () => {
  it("every C- rule: passes every check (none failed, none skipped), so each mutant's failure is the mutant's own", async () => {
    const report = await runChecks({ ...defaults, createStore: () => new SimpleStore() });
    const notPassed = report.results.filter((r) => r.status !== "passed");
    expect(notPassed.map((r) => (r.status === "failed" ? formatFailure(r) : `${r.id}: skipped (${r.reason})`))).toEqual([]);
    expect(report.failed).toBe(0);
  });
});

interface Detection {
  readonly mutant: Mutant;
  /** Failed and blocked checks. */
  readonly failed: readonly CheckResult[];
  /** The report's root causes (failed checks), worst first. */
  readonly roots: readonly string[];
}
const detections: Detection[] = [];

/** The rules the given checks enforce, for test titles: `C-ORDER, C-PAGE`. */
function rulesOf(ids: readonly CheckId[]): string {
  const rules = new Set(ids.flatMap((id) => ALL_CHECKS.find((c) => c.id === id)!.rules.slice(0, 2)));
  return [...rules].join(", ");
}

/** The detection table, as Markdown: mutant → bug → root causes → every failing or blocked check. */
function detectionTable(rows: readonly Detection[]): string {
  const cell = (text: string) => text.replace(/\|/g, "\\|");
  const lines = [
    `Mutant detection table (${rows.filter((r) => r.failed.length > 0).length} of ${rows.length} mutants caught; default seed, 100 runs per property)`,
    "",
    "| mutant | bug | root causes | failing or blocked checks |",
    "| --- | --- | --- | --- |",
  ];
  for (const { mutant, failed, roots } of rows) {
    const first = roots.length ? roots.join(", ") : "**NOT CAUGHT**";
    lines.push(`| ${mutant.slug} | ${cell(mutant.bug)} | ${first} | ${failed.map((r) => r.id).join(", ") || "—"} |`);
  }
  return lines.join("\n");
}

describe("mutant catalogue", () => {
  afterAll(() => {
    if (detections.length) console.log(detectionTable(detections));
  });

  it("finds every mutant file of this folder", () => {
    const files = readdirSync(new URL(".", import.meta.url))
      .filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts") && f !== "SimpleStore.ts" && f !== "catalogue.ts")
      .map((f) => f.slice(0, -3));
    expect(MUTANTS.map((m) => m.slug).sort()).toEqual(files.sort());
    expect(MUTANTS.length).toBeGreaterThanOrEqual(20);
  });

  for (const mutant of MUTANTS) {
    it(`${rulesOf(mutant.expectedChecks)}: ${mutant.slug} is caught by ${mutant.expectedChecks.join(", ")}`, async () => {
      const report = await runChecks({ ...defaults, createStore: () => mutant.create() });
      // Caught means failed, or blocked by a check that failed (the report's root cause); the first
      // expected check names the mutant's rule, so it must be a root cause itself.
      const failed = report.results.filter((r) => r.status === "failed" || r.status === "blocked");
      detections.push({ mutant, failed, roots: report.rootCauses.map((c) => c.check) });
      const failedIds = failed.map((r) => r.id);
      expect(report.failed, `${mutant.slug} (${mutant.bug}) passed every check: the harness misses this bug`).toBeGreaterThan(0);
      const missed = mutant.expectedChecks.filter((id) => !failedIds.includes(id));
      expect(missed, `${mutant.slug}: these expected checks passed; the failing checks were ${failedIds.join(", ")}`).toEqual([]);
      const rootCauses = report.rootCauses.map((c) => c.check);
      expect(rootCauses, `${mutant.slug}: ${mutant.expectedChecks[0]} should be a root cause; the root causes were ${rootCauses.join(", ")}`).toContain(mutant.expectedChecks[0]);
    });
  }
});

/** Stack frames name this machine's paths and line numbers; keep the function and the file's name. */
function normalized(text: string): string {
  return text.replace(/\((?:file:\/\/)?[^()]*\/([^/()]+?):\d+:\d+\)/g, "($1:<line>:<column>)");
}

describe("formatFailure", () => {
  it("C-CURSOR: prints the check, its rules, expected and seen, the operations and how to rerun it", async () => {
    const report = await runChecks({ ...defaults, createStore: () => new CursorFromAnotherThread(), only: ["cursor.foreign-thread"] });
    const result = report.results.find((r) => r.id === "cursor.foreign-thread")!;
    expect(result.status).toBe("failed");
    expect(normalized(formatFailure(result))).toMatchInlineSnapshot(`
      "✗ cursor.foreign-thread (C-CURSOR) — breaks clients
        an \`after\` id of an item in another thread of the same scope raises NotFoundError, in both orders
        expected: loadThreadItems(thr_b, after="msg_a1" from thr_a) raises NotFoundError
        seen:     it returned Page { data: ["msg_b2"], has_more: false, after: null }
        operations:
          saveThread({ id: "thr_a", created_at: "2026-03-01T10:00:00.000000Z" }) @A
          saveThread({ id: "thr_b", created_at: "2026-03-01T10:00:00.000000Z" }) @A
          addThreadItem("thr_a", { type: "assistant_message", id: "msg_a1", created_at: "2026-03-01T10:00:01.000000Z" }) @A
          addThreadItem("thr_b", { type: "assistant_message", id: "msg_b1", created_at: "2026-03-01T10:00:00.000000Z" }) @A
          addThreadItem("thr_b", { type: "assistant_message", id: "msg_b2", created_at: "2026-03-01T10:00:02.000000Z" }) @A
          loadThreadItems("thr_b", "msg_a1", 10, "asc") @A
        rerun:  CHATKIT_TESTKIT_ONLY=cursor.foreign-thread"
    `);
  });

  it("C-MISSING-THREAD: names the error the store threw and where it was thrown", async () => {
    const report = await runChecks({ ...defaults, createStore: () => new MissingThreadThrows(), only: ["missing-thread.empty-page"] });
    const result = report.results.find((r) => r.id === "missing-thread.empty-page")!;
    expect(result.status).toBe("failed");
    expect(normalized(formatFailure(result))).toMatchInlineSnapshot(`
      "✗ missing-thread.empty-page (C-MISSING-THREAD) — breaks clients
        loadThreadItems of a thread that does not exist returns an empty page (has_more false, after null), not an error
        expected: loadThreadItems("thr_never", null, 20, "asc") @A succeeds
        seen:     it threw NotFoundError: [chatkit-testkit] thread "thr_never" not found
        operations:
          loadThreadItems("thr_never", null, 20, "asc") @A → NotFoundError
        thrown at MissingThreadThrows.notFound (SimpleStore.ts:<line>:<column>)
        rerun:  CHATKIT_TESTKIT_ONLY=missing-thread.empty-page"
    `);
  });
});

describe("replay", () => {
  // tie-break-by-text shows only where a page ends inside a tie group whose rows spell one instant two
  // ways: the example tie walks, and the property and model-based checks. Each property or model
  // failure's replay must reproduce it in one run.
  it("C-PAGE: tie-break-by-text is caught by the example tie walks and by property and model-based checks", async () => {
    const report = await runChecks({ ...defaults, createStore: () => new TieBreakByText() });
    const failed = report.results.filter((r) => r.status === "failed");
    expect(failed.map((r) => r.id)).toEqual(["paging.items-ties-every-limit", "paging.threads-ties-every-limit", "thread-save.keeps-tie-position", "paging.walk-property", "model.sequences"]);
    expect(failed.filter((r) => r.kind !== "example").map((r) => r.kind)).toEqual(["property", "model"]);
  });

  for (const check of ["paging.walk-property", "model.sequences"] as const) {
    it(`C-PAGE: the replay of a ${check} failure (object and pasted line) fails again in one run with the same counterexample`, async () => {
      const first = (await runChecks({ ...defaults, createStore: () => new TieBreakByText(), only: [check] })).results.find((r) => r.id === check)!;
      expect(first.status).toBe("failed");
      const replay = first.failure!.replay!;
      expect(replay.path).not.toBe("");
      if (check === "model.sequences") expect(replay.replayPath).toBeTruthy();
      const pasted = /^CHATKIT_TESTKIT_REPLAY='(.*)'$/.exec(replayLine(first)!)![1]!;

      for (const given of [{ check, seed: replay.seed, path: replay.path, ...(replay.replayPath ? { replayPath: replay.replayPath } : {}) }, pasted]) {
        let stores = 0;
        const report = await runChecks({
          ...defaults,
          createStore: () => {
            stores++;
            return new TieBreakByText();
          },
          replay: given,
        });
        const again = report.results.find((r) => r.id === check)!;
        expect(report.results.filter((r) => r.status !== "skipped").map((r) => r.id)).toEqual([check]);
        expect(again.status).toBe("failed");
        expect(again.failure!.counterexample).toEqual(first.failure!.counterexample);
        expect({ expected: again.failure!.expected, seen: again.failure!.seen }).toEqual({ expected: first.failure!.expected, seen: first.failure!.seen });
        // one store for the run's set-up probe (startRun), one for the single property run replayed
        expect(stores, "stores created by the replay: the set-up probe and one property run").toBe(2);
      }
    });
  }
});
