import { describe, expect, it } from "vitest";
import { InMemoryStore } from "chatkit-testkit";
import { formatFailure, formatReport, runChecks, type Check } from "chatkit-testkit/harness";

const only = ["cursor.unknown", "paging.exclusive-cursor"] as const;

describe("set-up and tear-down", () => {
  it("setup and teardown run once per run, around every check, also when checks fail", async () => {
    const events: string[] = [];
    const report = await runChecks({
      env: {},
      only,
      setup: async () => void events.push("setup"),
      teardown: async () => void events.push("teardown"),
      createStore: () => {
        events.push("createStore");
        return new InMemoryStore();
      },
    });
    expect(report.failed).toBe(0);
    expect(events[0]).toBe("setup");
    expect(events.at(-1)).toBe("teardown");
    expect(events.filter((e) => e === "setup" || e === "teardown")).toEqual(["setup", "teardown"]);
  });

  it("a createStore that throws is one set-up failure, and no check runs", async () => {
    const report = await runChecks({ env: {}, createStore: () => Promise.reject(new Error("ECONNREFUSED 127.0.0.1:5432")) });
    expect(report.setupFailure).toMatchObject({ step: "createStore", seen: "it threw Error: ECONNREFUSED 127.0.0.1:5432" });
    expect(report.failed).toBe(0);
    expect(report.results.every((r) => r.status === "skipped" && r.reason === "not run: createStore failed")).toBe(true);
    const text = formatReport(report);
    expect(text.match(/ECONNREFUSED/g)).toHaveLength(1);
    expect(text).toContain("✗ createStore failed: no check ran");
  });

  it("a setup that throws is one set-up failure; teardown still runs", async () => {
    let tornDown = false;
    const report = await runChecks({ env: {}, createStore: () => new InMemoryStore(), setup: () => { throw new Error("no docker"); }, teardown: () => void (tornDown = true) });
    expect(report.setupFailure).toMatchObject({ step: "setup", seen: "it threw Error: no docker" });
    expect(tornDown).toBe(true);
  });

  it("a teardown that throws is reported after the checks", async () => {
    const report = await runChecks({ env: {}, only, createStore: () => new InMemoryStore(), teardown: () => { throw new Error("pool already closed"); } });
    expect(report.passed).toBe(2);
    expect(report.teardownFailure).toMatchObject({ step: "teardown", seen: "it threw Error: pool already closed" });
  });

  it("a createStore that returns something that is not a store is one set-up failure naming what is missing", async () => {
    const report = await runChecks({ env: {}, createStore: () => ({ loadThread() {} }) as never });
    expect(report.setupFailure?.seen).toMatch(/^it returned an object without generateThreadId, generateItemId, saveThread, /);
  });

  it("makeContext may be async (a store that needs a user row per scope)", async () => {
    const made: string[] = [];
    const report = await runChecks({
      env: {},
      only: ["scope.reads", "scope.writes", "scope.key-twins", "paging.walk-property"],
      createStore: () => new InMemoryStore(),
      makeContext: async (scope) => {
        await new Promise((resolve) => setImmediate(resolve));
        made.push(scope);
        return { user_id: scope };
      },
    });
    expect(report.failed).toBe(0);
    expect(made.length).toBeGreaterThanOrEqual(6);
  });
});

describe("misuse gets a message that says what to do", () => {
  it("a store instance where the factory belongs", async () => {
    await expect(runChecks({ env: {}, createStore: new InMemoryStore() as never })).rejects.toThrow(
      "createStore is a store instance; it must be a function that returns a fresh store for each check: createStore: () => new MyStore()",
    );
  });

  it("typos in capabilities, skip and only are rejected with a suggestion, once", async () => {
    const createStore = () => new InMemoryStore();
    await expect(runChecks({ env: {}, createStore, capabilities: { attachment: false } as never })).rejects.toThrow(
      'capabilities names an unknown capability "attachment" — did you mean "attachments"?',
    );
    await expect(runChecks({ env: {}, createStore, capabilities: { attachments: "no" } as never })).rejects.toThrow('capabilities.attachments must be true or false, got "no"');
    await expect(runChecks({ env: {}, createStore, skip: { "pagng.walk-property": "slow" } as never })).rejects.toThrow('skip names an unknown check "pagng.walk-property" — did you mean "paging.walk-property"?');
    const only = runChecks({ env: {}, createStore, only: ["cursor.unknwn"] as never });
    await expect(only).rejects.toThrow(/^\[chatkit-testkit\] conformance options: only names an unknown check "cursor\.unknwn" — did you mean "cursor\.unknown"\? \(`chatkit-testkit list` lists them\)$/);
  });

  it("options of the wrong shape name the option and what it must be", async () => {
    const createStore = () => new InMemoryStore();
    await expect(runChecks({ env: {}, createStore, only: "cursor.unknown" as never })).rejects.toThrow('only must be an array of check ids, e.g. ["cursor.unknown"], got "cursor.unknown"');
    await expect(runChecks({ env: {}, createStore, skip: ["cursor.unknown"] as never })).rejects.toThrow('skip must be an object of { "<check id>": "reason" }');
    await expect(runChecks({ env: {}, createStore, timeoutMs: 0 })).rejects.toThrow("timeoutMs must be a positive number of milliseconds, got 0");
    await expect(runChecks({ env: {}, createStore: InMemoryStore as never })).rejects.toThrow("createStore is a class; it must be a function that returns a fresh store for each check: createStore: () => new MyStore()");
    await expect(runChecks({ env: {}, createStore, destroyStore: true as never })).rejects.toThrow("destroyStore must be a function, got true");
    await expect(runChecks({ env: { CHATKIT_TESTKIT_NUM_RUNS: "abc" }, createStore })).rejects.toThrow('CHATKIT_TESTKIT_NUM_RUNS must be an integer ≥ 1, got "abc"');
    await expect(runChecks({ env: {}, createStore, contexts: [{ user_id: "a" }] as never })).rejects.toThrow("contexts must be two or more contexts of distinct scopes");
  });

  it("Capabilities can be written partially", () => {
    const caps: import("chatkit-testkit/harness").Capabilities = { attachments: false };
    expect(caps).toEqual({ attachments: false });
  });
});

describe("error text in reports", () => {
  it("keeps every line of a multi-line error message, indented", async () => {
    const multiline: Check = {
      id: "probe.multiline",
      statement: "throws an error whose message has several lines",
      rules: ["C-ERR"],
      kind: "example",
      async run() {
        throw new Error('[\n  {\n    "code": "invalid_type",\n    "path": ["created_at"]\n  }\n]');
      },
    };
    const report = await runChecks({ env: {}, createStore: () => new InMemoryStore(), checks: [multiline] });
    const text = formatFailure(report.results[0]!);
    expect(text).toContain('  seen:     it threw Error: [\n              {\n                "code": "invalid_type",');
    expect(text).toContain('"path": ["created_at"]');
  });
});
