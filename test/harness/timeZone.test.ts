import { describe, expect, it } from "vitest";
import { InMemoryStore } from "chatkit-testkit";
import { ALL_CHECKS, runChecks, type Check } from "chatkit-testkit/harness";
import NaiveReadByJsDate from "../mutants/naive-read-by-js-date.js";

const only = ["order.by-instant"] as const;

/** A check that records the local offset JavaScript uses while it runs. */
function probe(seen: number[]): Check {
  return {
    id: "probe.offset",
    statement: "records the local time zone offset while it runs",
    rules: ["C-ORDER"],
    kind: "example",
    async run() {
      seen.push(new Date("2026-01-15T12:00:00").getTimezoneOffset(), new Date("2026-07-15T12:00:00").getTimezoneOffset());
    },
  };
}

describe("the time zone checks run under", () => {
  it("is America/St_Johns by default (UTC−03:30, −02:30 with DST), whatever the machine's zone, and is restored after", async () => {
    const before = process.env.TZ;
    const seen: number[] = [];
    await runChecks({ createStore: () => new InMemoryStore(), checks: [probe(seen)], env: {} });
    expect(seen).toEqual([210, 150]);
    expect(process.env.TZ).toBe(before);
  });

  it("can be chosen (timeZone option, CHATKIT_TESTKIT_TZ) or left to the machine (false, `machine`)", async () => {
    const seen: number[] = [];
    await runChecks({ createStore: () => new InMemoryStore(), checks: [probe(seen)], timeZone: "Asia/Kathmandu", env: {} });
    await runChecks({ createStore: () => new InMemoryStore(), checks: [probe(seen)], env: { CHATKIT_TESTKIT_TZ: "Australia/Lord_Howe" } });
    expect(seen).toEqual([-345, -345, -660, -630]);
    const machine: number[] = [];
    await runChecks({ createStore: () => new InMemoryStore(), checks: [probe(machine)], timeZone: false, env: {} });
    expect(machine).toEqual([new Date("2026-01-15T12:00:00").getTimezoneOffset(), new Date("2026-07-15T12:00:00").getTimezoneOffset()]);
  });

  it("rejects a zone name the runtime does not know", async () => {
    await expect(() => runChecks({ createStore: () => new InMemoryStore(), timeZone: "Mars/Olympus", env: {} })).rejects.toThrow(/timeZone must be an IANA time zone name/);
  });

  it("catches a store that reads naive timestamps as local time, which passes when the zone is UTC", async () => {
    const utc = await runChecks({ createStore: () => new NaiveReadByJsDate(), only, timeZone: "UTC", env: {} });
    expect(utc.results.find((r) => r.id === "order.by-instant")?.status).toBe("passed");
    const adversarial = await runChecks({ createStore: () => new NaiveReadByJsDate(), only, env: {} });
    expect(adversarial.results.find((r) => r.id === "order.by-instant")?.status).toBe("failed");
  });

  it("does not change verdicts on a correct store", async () => {
    const report = await runChecks({ createStore: () => new InMemoryStore(), checks: ALL_CHECKS.filter((c) => c.id.startsWith("order.")), env: {} });
    expect(report.failed).toBe(0);
  });
});
