import { defineConfig } from "tsup";
import { BIN, ENTRIES } from "./scripts/entries.js";

// Peers stay external, and so do tsx and esbuild: the CLI loads the tsx of the USER's project at run
// time (src/cli/load.ts); a bundled copy is 0.76 MB of dead code whose loader looks for files that are
// not in dist/. test/package asserts that dist/ has none of their code.
const external = ["vitest", "fast-check", "pg", "pg-mem", "msw", "msw/node", "tsx", /^tsx\//, "esbuild", /^esbuild\//];

// The entries come from package.json `exports` (scripts/entries.ts).
const entries = (only: (e: (typeof ENTRIES)[number]) => boolean) => Object.fromEntries(ENTRIES.filter(only).map((e) => [e.name, e.source]));

// One ESM build with code splitting, so shared modules (NotFoundError, the model, the rules in
// src/store) are one copy across every entry; the CJS build covers the entries a CommonJS user may
// require. `./vitest` and the CLI are ESM-only: vitest 4 cannot be required.
export default defineConfig([
  {
    entry: { ...entries(() => true), [BIN.name]: BIN.source },
    format: ["esm"],
    dts: true,
    target: "node20",
    splitting: true,
    sourcemap: true,
    external,
  },
  {
    entry: entries((e) => e.cjs),
    format: ["cjs"],
    dts: true,
    target: "node20",
    splitting: true,
    sourcemap: true,
    external,
  },
]);
