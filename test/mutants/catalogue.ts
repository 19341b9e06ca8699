/**
 * The mutant catalogue: every broken store in this folder, the bug it plants, and the checks that must
 * catch it. One file per mutant (`<slug>.ts`: a default-exported subclass of {@link SimpleStore}, `bug`,
 * `expectedChecks`); the detection files (`detection-<n>.test.ts`, {@link describeDetections}) run the
 * whole harness against each one, and catalogue.test.ts runs it against SimpleStore. The list is
 * derived from the files themselves (`import.meta.glob`), so adding a mutant is adding its file.
 */
/// <reference types="vite/client" />
import { afterAll, describe, expect, it } from "vitest";
import { ALL_CHECKS, runChecks, type CheckId, type CheckResult, type ConformanceOptions } from "chatkit-testkit/harness";
import type { SimpleStore } from "./SimpleStore.js";

/**
 * Every run of the catalogue ignores CHATKIT_TESTKIT_* variables (`env: {}`): the default seed and 100
 * runs per property, so what each mutant is caught by does not depend on the shell.
 */
export const RUN_DEFAULTS = { env: {} } satisfies Partial<ConformanceOptions<unknown>>;
/** What every mutant file exports. */
export interface MutantModule {
  /** The broken store. */
  readonly default: new () => SimpleStore;
  /** The bug, in one line. */
  readonly bug: string;
  /** The checks that must catch it (each must be among the failed checks). */
  readonly expectedChecks: readonly CheckId[];
}

/** One mutant: its file name (slug), the bug, the checks that must catch it, and a factory. */
export interface Mutant {
  readonly slug: string;
  readonly bug: string;
  readonly expectedChecks: readonly CheckId[];
  create(): SimpleStore;
}

const NOT_MUTANTS = new Set(["SimpleStore", "catalogue"]);

/** The rank of a rule in the order of the rules of docs/contract.md, for grouping the detection table by the rule a mutant breaks. */
function ruleRank(ids: readonly CheckId[]): number {
  const order = ["C-NAMES", "C-WIRE", "C-ERR", "C-ID", "C-ROUNDTRIP", "C-ISOLATION", "C-ORDER", "C-PAGE", "C-CURSOR", "C-LIMIT", "C-SCOPE", "C-THREAD-SAVE", "C-ITEM-ADD", "C-ITEM-SAVE", "C-MISSING-THREAD", "C-DELETE", "C-ATTACH", "C-CONCURRENT"];
  const first = ALL_CHECKS.find((c) => c.id === ids[0])?.rules[0];
  return first === undefined ? order.length : order.indexOf(first);
}

function load(): Mutant[] {
  const modules = import.meta.glob<MutantModule>(["./*.ts", "!./*.test.ts", "!./catalogue.ts", "!./SimpleStore.ts"], { eager: true });
  const out: Mutant[] = [];
  for (const [path, module] of Object.entries(modules)) {
    const slug = path.slice(2, -3);
    if (NOT_MUTANTS.has(slug) || slug.endsWith(".test")) continue;
    if (typeof module.default !== "function" || typeof module.bug !== "string" || !Array.isArray(module.expectedChecks) || module.expectedChecks.length === 0) {
      throw new Error(`test/mutants/${slug}.ts must export a default SimpleStore subclass, \`bug\` and a non-empty \`expectedChecks\``);
    }
    out.push({ slug, bug: module.bug, expectedChecks: module.expectedChecks, create: () => new module.default() });
  }
  return out.sort((a, b) => ruleRank(a.expectedChecks) - ruleRank(b.expectedChecks) || a.slug.localeCompare(b.slug));
}

/** Every mutant file of this folder, grouped by the rule its first expected check enforces. */
export const MUTANTS: readonly Mutant[] = load();

interface Detection {
  readonly mutant: Mutant;
  /** Failed and blocked checks. */
  readonly failed: readonly CheckResult[];
  /** The report's root causes (failed checks), worst first. */
  readonly roots: readonly string[];
}

/** The rules the given checks enforce, for test titles: `C-ORDER, C-PAGE`. */
function rulesOf(ids: readonly CheckId[]): string {
  const rules = new Set(ids.flatMap((id) => ALL_CHECKS.find((c) => c.id === id)!.rules.slice(0, 2)));
  return [...rules].join(", ");
}

/** The detection table, as Markdown: mutant → bug → root causes → every failing or blocked check. */
function detectionTable(rows: readonly Detection[], shard: number): string {
  const cell = (text: string) => text.replace(/\|/g, "\\|");
  const lines = [
    `Mutant detection table, shard ${shard + 1} of ${DETECTION_SHARDS} (${rows.filter((r) => r.failed.length > 0).length} of ${rows.length} mutants caught; default seed, 100 runs per property)`,
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

/**
 * How many files the detection runs are split into (`detection-<n>.test.ts`, n from 1), so test workers
 * share them: each runs the whole harness against every `DETECTION_SHARDS`th mutant.
 */
export const DETECTION_SHARDS = 4;

/** The mutants of shard `shard` (0-based): every `DETECTION_SHARDS`th of {@link MUTANTS}, so each shard mixes every rule. */
export function mutantsOfShard(shard: number): readonly Mutant[] {
  return MUTANTS.filter((_, i) => i % DETECTION_SHARDS === shard);
}

/**
 * The tests of one detection shard: each of its mutants, run through every check, must fail its
 * expected checks with the first one a root cause; the shard's detection table is printed at the end.
 * The shard is the calling file's: `detection-<n>.test.ts` (its `import.meta.url`) runs shard n, so no
 * file can run another's.
 */
export function describeDetections(fileUrl: string): void {
  const n = Number(/\/detection-(\d+)\.test\.ts$/.exec(fileUrl)?.[1]);
  if (!Number.isInteger(n) || n < 1 || n > DETECTION_SHARDS) throw new Error(`describeDetections: ${fileUrl} is not test/mutants/detection-<1…${DETECTION_SHARDS}>.test.ts`);
  const shard = n - 1;
  describe(`mutant catalogue, shard ${shard + 1} of ${DETECTION_SHARDS}`, () => {
    const detections: Detection[] = [];
    afterAll(() => {
      if (detections.length) console.log(detectionTable(detections, shard));
    });

    for (const mutant of mutantsOfShard(shard)) {
      it(`${rulesOf(mutant.expectedChecks)}: ${mutant.slug} is caught by ${mutant.expectedChecks.join(", ")}`, async () => {
        const report = await runChecks({ ...RUN_DEFAULTS, createStore: () => mutant.create() });
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
}
