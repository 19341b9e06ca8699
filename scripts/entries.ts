/**
 * The package's entry points, read from package.json `exports`: the one list the build (tsup.config.ts),
 * the test aliases (vitest.config.ts) and the tests derive theirs from. tsconfig.json's `paths` cannot be
 * derived (it is JSON); test/architecture/entries.test.ts checks it against this list.
 *
 * An entry `./<name>` is built from `src/<name>/index.ts`, `.` from `src/index.ts`; an entry whose export
 * has a `require` condition is also built as CommonJS.
 */
import { readFileSync } from "node:fs";

interface Manifest {
  readonly name: string;
  readonly exports: Record<string, string | Record<string, unknown>>;
  readonly bin: Record<string, string>;
}

const manifest = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as Manifest;

/** One entry point of the package. */
export interface Entry {
  /** What users import: `chatkit-testkit`, `chatkit-testkit/harness`, … */
  readonly specifier: string;
  /** The built file's base name in dist/ (`index`, `harness`, …), which is also tsup's entry name. */
  readonly name: string;
  /** The source file, relative to the repository root. */
  readonly source: string;
  /** Whether it is also built as CommonJS (its export has a `require` condition). */
  readonly cjs: boolean;
}

export const PACKAGE_NAME = manifest.name;

export const ENTRIES: readonly Entry[] = Object.entries(manifest.exports)
  .filter(([subpath]) => subpath !== "./package.json")
  .map(([subpath, target]) => {
    const name = subpath === "." ? "index" : subpath.slice(2);
    return {
      specifier: subpath === "." ? PACKAGE_NAME : `${PACKAGE_NAME}/${name}`,
      name,
      source: subpath === "." ? "src/index.ts" : `src/${name}/index.ts`,
      cjs: typeof target === "object" && "require" in target,
    };
  });

/** The executable: tsup entry `cli`, built from src/cli/bin.ts (package.json `bin`). */
export const BIN = { name: "cli", source: "src/cli/bin.ts", file: Object.values(manifest.bin)[0]! } as const;
