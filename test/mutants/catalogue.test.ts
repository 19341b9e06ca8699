import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { formatFailure, replayLine, runChecks } from "chatkit-testkit/harness";
import { DETECTION_SHARDS, MUTANTS, RUN_DEFAULTS as defaults, mutantsOfShard } from "./catalogue.js";
import CursorFromAnotherThread from "./cursor-from-another-thread.js";
import MissingThreadThrows from "./missing-thread-throws.js";
import { SimpleStore } from "./SimpleStore.js";
import TieBreakByText from "./tie-break-by-text.js";

describe("SimpleStore", () => {
  it("every C- rule: passes every check (none failed, none skipped), so each mutant's failure is the mutant's own", async () => {
    const report = await runChecks({ ...defaults, createStore: () => new SimpleStore() });
    const notPassed = report.results.filter((r) => r.status !== "passed");
    expect(notPassed.map((r) => (r.status === "failed" ? formatFailure(r) : `${r.id}: skipped (${r.reason})`))).toEqual([]);
    expect(report.failed).toBe(0);
  });
});

describe("mutant catalogue", () => {
  it("finds every mutant file of this folder, and the detection shards run each exactly once", () => {
    const files = readdirSync(new URL(".", import.meta.url))
      .filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts") && f !== "SimpleStore.ts" && f !== "catalogue.ts")
      .map((f) => f.slice(0, -3));
    expect(MUTANTS.map((m) => m.slug).sort()).toEqual(files.sort());
    expect(MUTANTS.length).toBeGreaterThanOrEqual(20);
    // detection-<n>.test.ts runs shard n (describeDetections reads the file name): files 1…DETECTION_SHARDS, no other
    const shards = readdirSync(new URL(".", import.meta.url)).filter((f) => /^detection-.*\.test\.ts$/.test(f));
    expect(shards.sort()).toEqual(Array.from({ length: DETECTION_SHARDS }, (_, i) => `detection-${i + 1}.test.ts`).sort());
    const sharded = Array.from({ length: DETECTION_SHARDS }, (_, shard) => mutantsOfShard(shard).map((m) => m.slug)).flat();
    expect(sharded.sort()).toEqual(MUTANTS.map((m) => m.slug).sort());
  });
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
