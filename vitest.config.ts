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
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // A real PostgreSQL for the PostgresStore tests: DATABASE_URL, or a throwaway cluster (test/setup/postgres.ts).
    globalSetup: ["test/setup/postgres.ts"],
  },
});
