import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";
import { docsExamples } from "./test/docs/docsExamples.js";

const src = (p: string) => fileURLToPath(new URL(`./src/${p}`, import.meta.url));

export default defineConfig({
  // ```ts run``` blocks in README.md and docs/**/*.md run as tests (docs/README.md).
  plugins: [docsExamples()],
  resolve: {
    // Tests and docs examples import the package by its public name; these map it to the sources.
    alias: [
      { find: /^chatkit-testkit\/harness$/, replacement: src("harness/index.ts") },
      { find: /^chatkit-testkit\/vitest$/, replacement: src("vitest/index.ts") },
      { find: /^chatkit-testkit\/postgres$/, replacement: src("postgres/index.ts") },
      { find: /^chatkit-testkit\/msw$/, replacement: src("msw/index.ts") },
      { find: /^chatkit-testkit\/server$/, replacement: src("server/index.ts") },
      { find: /^chatkit-testkit$/, replacement: src("index.ts") },
    ],
  },
  test: {
    include: ["test/**/*.test.ts", "docs/**/*.md", "README.md"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // A real PostgreSQL for the PostgresStore tests: DATABASE_URL, or a throwaway cluster (test/setup/postgres.ts).
    globalSetup: ["test/setup/postgres.ts"],
  },
});
