/**
 * The mutant catalogue: every broken store in this folder, the bug it plants, and the checks that must
 * catch it. One file per mutant (`<slug>.ts`: a default-exported subclass of {@link SimpleStore}, `bug`,
 * `expectedChecks`); catalogue.test.ts runs the whole harness against each one. The list is derived
 * from the files themselves (`import.meta.glob`), so adding a mutant is adding its file.
 */
/// <reference types="vite/client" />
import { ALL_CHECKS, type CheckId } from "chatkit-testkit/harness";
import type { SimpleStore } from "./SimpleStore.js";
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
