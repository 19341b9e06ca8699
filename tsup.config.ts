import { defineConfig } from "tsup";

// Peers stay external, and so do tsx and esbuild: the CLI loads the tsx of the USER's project at run
// time (src/cli/load.ts); a bundled copy is 0.76 MB of dead code whose loader looks for files that are
// not in dist/. test/package asserts that dist/ has none of their code.
const external = ["vitest", "fast-check", "pg", "pg-mem", "msw", "msw/node", "tsx", /^tsx\//, "esbuild", /^esbuild\//];

// One ESM build with code splitting, so shared modules (NotFoundError, the model, the rules in
// src/store) are one copy across every entry (STYLE.md §2); the CJS build covers the entries a
// CommonJS user may require. `./vitest` and the CLI are ESM-only: vitest 4 cannot be required.
export default defineConfig([
  {
    entry: {
      index: "src/index.ts",
      harness: "src/harness/index.ts",
      postgres: "src/postgres/index.ts",
      msw: "src/msw/index.ts",
      server: "src/server/index.ts",
      vitest: "src/vitest/index.ts",
      cli: "src/cli/bin.ts",
    },
    format: ["esm"],
    dts: true,
    target: "node20",
    splitting: true,
    sourcemap: true,
    external,
  },
  {
    entry: {
      index: "src/index.ts",
      harness: "src/harness/index.ts",
      postgres: "src/postgres/index.ts",
      msw: "src/msw/index.ts",
      server: "src/server/index.ts",
    },
    format: ["cjs"],
    dts: true,
    target: "node20",
    splitting: true,
    sourcemap: true,
    external,
  },
]);
