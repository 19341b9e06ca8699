/**
 * `npm run bench` — runs every bench/*.ts (memory.ts first, then the others by name) and prints the
 * machine they ran on. Each bench file exports `main(): Promise<boolean | void>` and prints its own
 * table; `false` means a target was missed, and the exit code is then 1.
 *
 *   npm run bench                 every bench
 *   npm run bench -- memory       only bench/memory.ts (names without .ts, several allowed)
 *
 * Benches measure; no test asserts timings.
 */
import { readdirSync } from "node:fs";
import os from "node:os";

const here = new URL(".", import.meta.url);
const wanted = process.argv.slice(2).map((a) => a.replace(/\.ts$/, ""));
const files = readdirSync(here)
  .filter((f) => f.endsWith(".ts") && f !== "index.ts")
  .map((f) => f.slice(0, -3))
  .filter((name) => wanted.length === 0 || wanted.includes(name))
  .sort((a, b) => (a === "memory" ? -1 : b === "memory" ? 1 : a.localeCompare(b)));

const unknown = wanted.filter((w) => !files.includes(w));
if (unknown.length > 0) {
  console.error(`bench: no bench/${unknown.join(".ts, bench/")}.ts`);
  process.exit(2);
}

const cpus = os.cpus();
console.log("# chatkit-testkit benchmarks\n");
console.log(`machine: ${cpus[0]?.model.trim() ?? "unknown CPU"}, ${cpus.length} logical CPUs, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM`);
console.log(`system:  ${os.platform()} ${os.release()} ${os.arch()}`);
console.log(`node:    ${process.version} (V8 ${process.versions.v8}), heap limit ${(Number((await import("node:v8")).getHeapStatistics().heap_size_limit) / 2 ** 30).toFixed(1)} GiB`);
console.log(`date:    ${new Date().toISOString()}`);
console.log(`benches: ${files.join(", ")}`);

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) console.log("note:    run with --expose-gc (npm run bench does); heap figures need it");

let failed = 0;
for (const name of files) {
  const mod = (await import(new URL(`${name}.ts`, here).href)) as { main?: () => Promise<boolean | void> };
  if (typeof mod.main !== "function") throw new Error(`bench/${name}.ts does not export main()`);
  const ok = await mod.main();
  if (ok === false) failed++;
  gc?.();
}
console.log(`\n${failed === 0 ? "all bench targets met" : `${failed} bench file(s) missed a target`}`);
process.exitCode = failed === 0 ? 0 : 1;
