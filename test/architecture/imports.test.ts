/**
 * The import graph of src/ runs one way: each folder imports only folders on lower floors (and itself).
 * The ground floor is src/errors; src/model builds on it alone; the contract's glue (src/store) on both;
 * the stores and tools on those; the harness above them; the test-runner and CLI entries on top. The
 * entry files at src/*.ts may import anything. A new folder must be given a floor here.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const SRC = path.resolve(import.meta.dirname, "../../src");

/** The floor of each folder of src/. */
const FLOORS: Readonly<Record<string, number>> = {
  errors: 0,
  model: 1,
  store: 2,
  memory: 3,
  postgres: 3,
  fixtures: 3,
  arbitraries: 3,
  wrappers: 3,
  simulator: 3,
  msw: 4,
  server: 4,
  harness: 4,
  vitest: 5,
  cli: 5,
};

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? files(full) : /\.ts$/.test(name) ? [full] : [];
  });
}

/** Relative module specifiers of a file: static imports and re-exports, dynamic imports. */
function specifiers(source: string): string[] {
  const out: string[] = [];
  for (const m of source.matchAll(/(?:^|\n)\s*(?:import|export)\b[^;'"]*?from\s*["']([^"']+)["']/g)) out.push(m[1]!);
  for (const m of source.matchAll(/(?:^|\n)\s*import\s*["']([^"']+)["']/g)) out.push(m[1]!);
  for (const m of source.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g)) out.push(m[1]!);
  return out.filter((s) => s.startsWith("."));
}

const folderOf = (file: string): string | null => {
  const rel = path.relative(SRC, file).split(path.sep);
  return rel.length > 1 ? rel[0]! : null;
};

const edges = files(SRC).flatMap((file) => {
  const from = folderOf(file);
  const source = readFileSync(file, "utf8");
  return specifiers(source).map((spec) => ({ file: path.relative(SRC, file), spec, from, to: folderOf(path.resolve(path.dirname(file), spec)) }));
});

describe("the import graph of src/", () => {
  it("finds the imports it judges (the parser is not blind)", () => {
    expect(edges.length).toBeGreaterThan(200);
    expect(edges.some((e) => e.from === "model" && e.to === "errors")).toBe(true);
    expect(edges.some((e) => e.from === "memory" && e.to === "store")).toBe(true);
  });

  it("every folder of src/ has a floor", () => {
    const folders = readdirSync(SRC).filter((n) => statSync(path.join(SRC, n)).isDirectory());
    expect(folders.filter((f) => FLOORS[f] === undefined)).toEqual([]);
  });

  it("src/model imports nothing but src/errors (and itself); src/errors imports nothing outside itself", () => {
    const up = edges.filter((e) => (e.from === "model" && e.to !== "model" && e.to !== "errors") || (e.from === "errors" && e.to !== "errors"));
    expect(up.map((e) => `${e.file} imports ${e.spec}`)).toEqual([]);
  });

  it("no folder imports a folder on its own floor or above", () => {
    const bad = edges.filter((e) => e.from !== null && e.to !== null && e.to !== e.from && !(FLOORS[e.to]! < FLOORS[e.from]!));
    expect(bad.map((e) => `${e.file} (floor ${FLOORS[e.from!]}) imports ${e.spec} (floor ${FLOORS[e.to!]})`)).toEqual([]);
  });
});

describe("one owner of the message prefix", () => {
  it("no file of src/ but src/errors/render.ts spells out [chatkit-testkit] in code (comments aside): messages go through prefixed()", () => {
    const spelled = files(SRC)
      .filter((f) => path.relative(SRC, f) !== path.join("errors", "render.ts"))
      .flatMap((f) =>
        readFileSync(f, "utf8")
          .split("\n")
          .map((line, i) => ({ line, at: `${path.relative(SRC, f)}:${i + 1}` }))
          .filter(({ line }) => line.includes("[chatkit-testkit]") && !/^\s*(\*|\/\/|\/\*)/.test(line)),
      );
    expect(spelled.map((s) => s.at)).toEqual([]);
  });
});
