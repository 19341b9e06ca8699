import { describe, expect, it } from "vitest";
import { InMemoryStore } from "chatkit-testkit";
import { readdirSync } from "node:fs";
import { ALL_CHECKS, CHECK_IDS, RULE_IDS, planChecks, runChecks, formatReport, type Check } from "chatkit-testkit/harness";
import { CHECK_FILES } from "../../src/harness/checks/index.js";

const createStore = () => new InMemoryStore();

describe("the check catalogue", () => {
  it("CHECK_IDS lists every check exactly once, in plan order", () => {
    expect(ALL_CHECKS.map((c) => c.id)).toEqual([...CHECK_IDS]);
    expect(new Set(CHECK_IDS).size).toBe(CHECK_IDS.length);
  });

  it("has one file per id prefix: every check file is in the catalogue, and holds exactly its prefix's checks", () => {
    const helpers = new Set(["index", "support", "samples"]);
    const files = readdirSync(new URL("../../src/harness/checks/", import.meta.url))
      .filter((f) => f.endsWith(".ts"))
      .map((f) => f.slice(0, -3))
      .filter((f) => !helpers.has(f));
    expect(Object.keys(CHECK_FILES).sort()).toEqual(files.sort());
    for (const [prefix, file] of Object.entries(CHECK_FILES)) {
      expect(file.checks.length, `${prefix}.ts declares no check`).toBeGreaterThan(0);
      for (const check of file.checks) expect(check.id.split(".")[0], `${check.id} lives in ${prefix}.ts`).toBe(prefix);
    }
    expect(Object.values(CHECK_FILES).flatMap((f) => f.checks.map((c) => c.id)).sort()).toEqual([...CHECK_IDS].sort());
  });

  it("lists cheap checks first: every example before every property, concurrency and model-based check", () => {
    const rank = { example: 0, property: 1, concurrency: 2, model: 3 } as const;
    const ranks = ALL_CHECKS.map((c) => rank[c.kind]);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
  });

  it("every check has a <facet>.<slug> id, a statement and known rule ids", () => {
    for (const c of ALL_CHECKS) {
      expect(c.id).toMatch(/^[a-z-]+\.[a-z0-9-]+$/);
      expect(c.statement.length).toBeGreaterThan(20);
      expect(c.rules.length).toBeGreaterThan(0);
      for (const r of c.rules) expect(RULE_IDS).toContain(r);
    }
  });

  it("every docs/contract.md rule except C-NAMES/C-WIRE-only ones is enforced by at least one check", () => {
    const covered = new Set(ALL_CHECKS.flatMap((c) => c.rules));
    expect(RULE_IDS.filter((r) => !covered.has(r))).toEqual([]);
  });
});

describe("planChecks", () => {
  it("lists a named skip with its reason, and never drops a check", () => {
    const plan = planChecks({ createStore, skip: { "concurrency.interleavings": "single writer" } });
    expect(plan).toHaveLength(ALL_CHECKS.length);
    expect(plan.find((p) => p.id === "concurrency.interleavings")).toMatchObject({ skipped: true, reason: "single writer" });
  });

  it("skips checks whose capability is off, naming the capability", () => {
    const plan = planChecks({ createStore, capabilities: { attachments: false } });
    const skipped = plan.filter((p) => p.skipped);
    expect(skipped.map((p) => p.id)).toEqual(expect.arrayContaining(["roundtrip.attachments", "attachments.upsert", "scope.attachments"]));
    for (const p of skipped) expect(p.reason).toBe("capabilities.attachments is false");
  });

  it("rejects unknown check ids in skip and only, and empty reasons", () => {
    expect(() => planChecks({ createStore, skip: { "paging.nope": "x" } as never })).toThrow(/skip names an unknown check "paging.nope"/);
    expect(() => planChecks({ createStore, only: ["nope.nope"] as never })).toThrow(/only names an unknown check/);
    expect(() => planChecks({ createStore, skip: { "ids.distinct": " " } })).toThrow(/must be a non-empty reason/);
  });

  it("derives a fixed, distinct seed per check from the base seed", () => {
    const a = planChecks({ createStore, env: {} });
    const b = planChecks({ createStore, env: {} });
    expect(a.map((p) => p.params.seed)).toEqual(b.map((p) => p.params.seed));
    expect(new Set(a.map((p) => p.params.seed)).size).toBe(a.length);
    const c = planChecks({ createStore, env: { CHATKIT_TESTKIT_SEED: "7" } });
    expect(c[0]!.params.seed).not.toBe(a[0]!.params.seed);
  });

  it("reads thoroughness, runs, only and replay from the environment", () => {
    expect(planChecks({ createStore, env: { CHATKIT_TESTKIT_THOROUGH: "1" } })[0]!.params.numRuns).toBe(1000);
    expect(planChecks({ createStore, env: { CHATKIT_TESTKIT_NUM_RUNS: "3" } })[0]!.params.numRuns).toBe(3);
    const only = planChecks({ createStore, env: { CHATKIT_TESTKIT_ONLY: "ids.distinct" } });
    expect(only.filter((p) => !p.skipped).map((p) => p.id)).toEqual(["ids.distinct"]);
    const replay = planChecks({ createStore, env: { CHATKIT_TESTKIT_REPLAY: '{"check":"model.sequences","seed":5,"path":"1:2","replayPath":"AB"}' } });
    expect(replay.filter((p) => !p.skipped)).toHaveLength(1);
    expect(replay.find((p) => p.id === "model.sequences")!.params).toMatchObject({ seed: 5, path: "1:2", replayPath: "AB" });
    expect(() => planChecks({ createStore, env: { CHATKIT_TESTKIT_REPLAY: "{not json" } })).toThrow(/replay must be the JSON printed after `replay:`/);
    expect(() => planChecks({ createStore, env: { CHATKIT_TESTKIT_SEED: "abc" } })).toThrow(/CHATKIT_TESTKIT_SEED must be an integer or `random`/);
  });
});

describe("runChecks", () => {
  it("passes every check on InMemoryStore and reports counts", async () => {
    const report = await runChecks({ createStore, env: {} });
    expect(report.failed).toBe(0);
    expect(report.passed).toBe(ALL_CHECKS.length);
    expect(formatReport(report)).toMatch(new RegExp(`${ALL_CHECKS.length} passed, 0 failed, 0 skipped`));
  });

  it("turns a store's misbehaviour into a failed result with the operations, never a throw", async () => {
    class NoCursor extends InMemoryStore {
      override async loadThreadItems(...args: Parameters<InMemoryStore["loadThreadItems"]>) {
        return super.loadThreadItems(args[0], null, args[2], args[3], args[4]); // ignores `after`
      }
    }
    const report = await runChecks({ createStore: () => new NoCursor(), only: ["cursor.unknown"], env: {} });
    const r = report.results.find((x) => x.id === "cursor.unknown")!;
    expect(r.status).toBe("failed");
    expect(r.failure!.expected).toContain('loadThreadItems(thr_c, after="msg_missing") raises NotFoundError');
    expect(r.failure!.seen).toContain("it returned Page");
    expect(r.failure!.operations.at(-1)).toContain('loadThreadItems("thr_c", "msg_missing", 10, "asc") @A');
  });

  it("fails a check whose store never settles, after the time limit", async () => {
    const hang: Check = { id: "x.hang", statement: "a check that waits on a store call forever", rules: ["C-PAGE"], kind: "example", run: () => new Promise(() => {}) };
    const report = await runChecks({ createStore, checks: [hang], timeoutMs: 50, env: {} });
    expect(report.results[0]!.failure!.expected).toBe("the check finishes within 50 ms");
  });

  it("destroys every store it created, and reports a destroyStore failure", async () => {
    let created = 0;
    let destroyed = 0;
    await runChecks({ createStore: () => (created++, new InMemoryStore()), destroyStore: () => void destroyed++, only: ["paging.walk-property", "ids.distinct"], env: {} });
    expect(created).toBeGreaterThan(2);
    expect(destroyed).toBe(created);
    const bad = await runChecks({ createStore, destroyStore: () => { throw new Error("pool gone"); }, only: ["ids.distinct"], env: {} });
    // the first store (made and released before any check) already shows it: one set-up failure
    expect(bad.setupFailure).toMatchObject({ step: "createStore", expected: "destroyStore() releases the first store" });
    expect(bad.setupFailure!.seen).toContain("pool gone");
    let calls = 0;
    const later = await runChecks({ createStore, destroyStore: () => { if (++calls > 1) throw new Error("pool gone"); }, only: ["ids.distinct"], env: {} });
    expect(later.results.find((r) => r.id === "ids.distinct")!.failure!.seen).toContain("pool gone");
  });

  it("uses the given fixed contexts instead of generated scopes", async () => {
    const seen = new Set<unknown>();
    class Spy extends InMemoryStore<string> {
      override async loadThread(id: string, ctx: string) {
        seen.add(ctx);
        return super.loadThread(id, ctx);
      }
      override async saveThread(t: Parameters<InMemoryStore["saveThread"]>[0], ctx: string) {
        seen.add(ctx);
        return super.saveThread(t, ctx);
      }
    }
    const report = await runChecks({ createStore: () => new Spy(), contexts: ["alice", "bob"], only: ["scope.reads"], env: {} });
    expect(report.failed).toBe(0);
    expect([...seen].sort()).toEqual(["alice", "bob"]);
  });
});
