import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";
import { ENTRIES } from "./scripts/entries.js";
import { docsExamples } from "./test/docs/docsExamples.js";

export default defineConfig({
  // ```ts run``` blocks in README.md and docs/**/*.md run as tests (docs/README.md).
  plugins: [docsExamples()],
  resolve: {
    // Tests and docs examples import the package by its public name; these map it to the sources
    // (one alias per package.json export, scripts/entries.ts).
    alias: ENTRIES.map((e) => ({ find: new RegExp(`^${e.specifier.replace("/", "\\/")}$`), replacement: fileURLToPath(new URL(`./${e.source}`, import.meta.url)) })),
  },
  test: {
    include: ["test/**/*.test.ts", "docs/**/*.md", "README.md"],
    // vitest's default is one worker per core but one (cores − 1): on a 2-core machine, one worker and
    // a serial suite. The main process idles while files run, so take at least two.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // A real PostgreSQL for the PostgresStore tests: DATABASE_URL, or a throwaway cluster (test/setup/postgres.ts).
    globalSetup: ["test/setup/postgres.ts"],
  },
});
