import { describe, expect, it } from "vitest";
import { InvalidArgumentError, parseTimestamp } from "chatkit-testkit";
import { formatReport, runChecks, type ConformanceOptions, type ConformanceReport, type Severity } from "chatkit-testkit/harness";
import AfterOnLastPage from "../mutants/after-on-last-page.js";
import DescTiesInsertionOrder from "../mutants/desc-ties-insertion-order.js";
import NotFoundPlainError from "../mutants/not-found-plain-error.js";
import SaveItemUpdateOnly from "../mutants/save-item-update-only.js";
import { SimpleStore } from "../mutants/SimpleStore.js";
import { TIMESTAMP_FORMS } from "../../src/harness/checks/samples.js";

/** A store that accepts only UTC timestamps written with `Z` (a strict ISO parser, a `timestamptz` column fed by `Date`). */
class ZOnly extends SimpleStore {
  protected override instantOf(createdAt: string): bigint {
    if (!createdAt.endsWith("Z")) throw new InvalidArgumentError("write", "created_at", `must be a UTC timestamp ending in Z, got ${JSON.stringify(createdAt)}`);
    return super.instantOf(createdAt);
  }
}
void parseTimestamp;

const run = (createStore: () => SimpleStore, extra: Partial<ConformanceOptions<unknown>> = {}) => runChecks({ env: {}, createStore, ...extra });

/** The report has exactly one root cause, `check`, with `severity`; every other check passed or is blocked by it. */
function expectOneRootCause(report: ConformanceReport, check: string, severity: Severity): void {
  expect(report.rootCauses.map((c) => `${c.check} (${c.severity})`)).toEqual([`${check} (${severity})`]);
  const others = report.results.filter((r) => r.id !== check && r.status !== "passed" && r.status !== "skipped");
  expect(others.filter((r) => r.status !== "blocked" || r.blockedBy !== check).map((r) => `${r.id}: ${r.status}`)).toEqual([]);
  const text = formatReport(report);
  expect(text).toContain(`Root causes (1), worst first:\n  ✗ ${check}`);
}

describe("one root cause is reported once, with its severity; what depends on it says 'blocked by'", () => {
  it("desc ties in insertion order (desc is not the reverse of asc)", async () => {
    expectOneRootCause(await run(() => new DescTiesInsertionOrder()), "order.ties-insertion", "breaks-clients");
  });

  it("a NotFoundError without its name", async () => {
    expectOneRootCause(await run(() => new NotFoundPlainError()), "arguments.not-found-name", "breaks-clients");
  });

  it("`after` set on the last page", async () => {
    expectOneRootCause(await run(() => new AfterOnLastPage()), "paging.limit-equals-count", "breaks-clients");
  });

  it("an update-only saveItem (upstream's), stricter than upstream; declared, everything else passes", async () => {
    expectOneRootCause(await run(() => new SaveItemUpdateOnly()), "item-save.inserts-missing", "stricter-than-upstream");
    const declared = await run(() => new SaveItemUpdateOnly(), { deviations: { saveItemUpdateOnly: true } });
    expect(declared.results.filter((r) => r.status !== "passed" && r.status !== "skipped").map((r) => r.id)).toEqual([]);
    expect(declared.results.find((r) => r.id === "item-save.inserts-missing")).toMatchObject({ status: "skipped", reason: "declared deviation saveItemUpdateOnly: saveItem of a missing id is a no-op (update only) (verified)" });
    expect(formatReport(declared)).toContain("Declared deviations");
  });

  it("naive timestamps rejected: every form is judged on its own; declared, everything else passes", async () => {
    const report = await run(() => new ZOnly());
    expectOneRootCause(report, "roundtrip.timestamp-forms", "breaks-clients");
    const forms = report.results.find((r) => r.id === "roundtrip.timestamp-forms")!;
    const rejected = TIMESTAMP_FORMS.filter((form) => !form.endsWith("Z")).length;
    expect(rejected).toBeGreaterThan(0);
    expect(forms.failure!.expected.startsWith(`every case works; ${rejected} of ${TIMESTAMP_FORMS.length} do not:`), forms.failure!.expected).toBe(true);
    const declared = await run(() => new ZOnly(), { deviations: { utcTimestampsOnly: true } });
    expect(declared.results.filter((r) => r.status !== "passed" && r.status !== "skipped").map((r) => r.id)).toEqual([]);
  });
});

describe("readable schedules", () => {
  it("a failing interleaving names every scheduled call", async () => {
    const { default: LostUpdate } = await import("../mutants/lost-update.js");
    const report = await runChecks({ env: {}, createStore: () => new LostUpdate(), only: ["concurrency.interleavings"] });
    const failure = report.results.find((r) => r.id === "concurrency.interleavings")!.failure!;
    const text = `${failure.expected}\n${failure.seen}`;
    const schedule = /schedule:? ((?:(?:add|save|delete) m\d+(?: → )?)+)/.exec(text)?.[1] ?? "";
    expect(schedule, text).toMatch(/^(add|save|delete) m\d+( → (add|save|delete) m\d+)+$/);
  });
});

describe("a declared deviation is verified, and its adapter repairs only what the store really does", () => {
  const notPassing = (report: ConformanceReport) => report.results.filter((r) => r.status === "failed" || r.status === "blocked").map((r) => r.id);

  it("an add that writes the row and then throws is not taken for a duplicate", async () => {
    class WritesThenThrows extends SimpleStore {
      override async addThreadItem(...args: Parameters<SimpleStore["addThreadItem"]>): Promise<void> {
        await super.addThreadItem(...args);
        throw new Error("connection reset after commit");
      }
    }
    const report = await run(() => new WritesThenThrows(), { deviations: { duplicateAddThrows: true } });
    expect(report.failed).toBeGreaterThan(5);
    expect(report.results.find((r) => r.id === "item-add.duplicate-replaces")?.status).toBe("failed");
  });

  it("an update-only saveItem whose missing-item path writes into another scope's thread fails the declaration", async () => {
    class LeakyUpdateOnly extends SimpleStore {
      override async saveItem(threadId: string, item: Parameters<SimpleStore["saveItem"]>[1], context: unknown): Promise<void> {
        if (this.findItem(this.scopeOf(context), threadId, item.id)) return super.saveItem(threadId, item, context);
        // the "missing item" branch: writes into whichever thread, of any scope, was created first
        const first = this.threads[0]!;
        this.items = [...this.items, { scope: first.scope, threadId: first.id, id: item.id, micros: this.instantOf(item.created_at), seq: 1e9, value: structuredClone(item) }];
      }
    }
    const report = await run(() => new LeakyUpdateOnly(), { deviations: { saveItemUpdateOnly: true } });
    const owner = report.results.find((r) => r.id === "item-save.inserts-missing")!;
    expect(owner.status).toBe("failed");
    expect(owner.statement).toMatch(/^declared deviation saveItemUpdateOnly/);
    expect(owner.severity).toBe("loses-or-leaks-data");
  });

  it("a store that reads naive timestamps as local time is not excused by declaring utcTimestampsOnly", async () => {
    const { default: NaiveReadByJsDate } = await import("../mutants/naive-read-by-js-date.js");
    const report = await run(() => new NaiveReadByJsDate(), { deviations: { utcTimestampsOnly: true } });
    expect(notPassing(report)).toEqual(expect.arrayContaining(["order.by-instant", "roundtrip.timestamp-forms"]));
  });
});
