/**
 * The package's entry points have one source, package.json `exports` (scripts/entries.ts): the build and
 * the test aliases derive theirs from it; what cannot be derived is checked here.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { BIN, ENTRIES, PACKAGE_NAME } from "../../scripts/entries.js";

const repo = path.resolve(import.meta.dirname, "../..");

describe("the package's entry points", () => {
  it("each export has its source file, and the list is not empty", () => {
    expect(ENTRIES.map((e) => e.specifier)).toContain(PACKAGE_NAME);
    expect(ENTRIES.length).toBeGreaterThan(4);
    for (const e of [...ENTRIES, BIN]) expect(existsSync(path.join(repo, e.source)), e.source).toBe(true);
  });

  it("tsconfig.json's paths map exactly the exports, each to its source", () => {
    const tsconfig = JSON.parse(readFileSync(path.join(repo, "tsconfig.json"), "utf8")) as { compilerOptions: { paths: Record<string, string[]> } };
    expect(tsconfig.compilerOptions.paths).toEqual(Object.fromEntries(ENTRIES.map((e) => [e.specifier, [`./${e.source}`]])));
  });

  it("every export names the dist/ files of its entry (ESM always, CommonJS when it has a require condition)", () => {
    const manifest = JSON.parse(readFileSync(path.join(repo, "package.json"), "utf8")) as { exports: Record<string, unknown> };
    for (const e of ENTRIES) {
      const subpath = e.specifier === PACKAGE_NAME ? "." : `./${e.name}`;
      const esm = { types: `./dist/${e.name}.d.ts`, default: `./dist/${e.name}.js` };
      const cjs = { types: `./dist/${e.name}.d.cts`, default: `./dist/${e.name}.cjs` };
      expect(manifest.exports[subpath], subpath).toEqual(e.cjs ? { import: esm, require: cjs } : { import: esm });
    }
  });
});
