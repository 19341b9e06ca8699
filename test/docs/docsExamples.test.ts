import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { transformWithOxc } from "vite";
import { afterAll, describe, expect, it } from "vitest";
import { DocsExampleError, examplesModule, extractExamples } from "./docsExamples.js";

const repo = fileURLToPath(new URL("../../", import.meta.url));
const fence = "```";
const md = (...lines: string[]) => lines.join("\n");

const scratch = mkdtempSync(path.join(tmpdir(), "docs-examples-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Compiles a page's module against a recording `test` and imports it; returns the recorded tests. */
async function load(markdown: string, page: string): Promise<{ name: string; fn: () => unknown; skipped: boolean }[]> {
  const dir = mkdtempSync(path.join(scratch, "m-"));
  writeFileSync(
    path.join(dir, "recorder.mjs"),
    [
      "export const tests = [];",
      "export function test(name, fn) { tests.push({ name, fn, skipped: false }); }",
      "test.skip = (name, fn) => tests.push({ name, fn, skipped: true });",
    ].join("\n"),
  );
  const source = examplesModule(markdown, page, { testModule: "./recorder.mjs" });
  const js = await transformWithOxc(source, path.join(dir, "page.md"), { lang: "ts", sourceType: "module" });
  writeFileSync(path.join(dir, "page.mjs"), js.code);
  await import(pathToFileURL(path.join(dir, "page.mjs")).href);
  return (await import(pathToFileURL(path.join(dir, "recorder.mjs")).href)).tests;
}

describe("docs examples: which fences run", () => {
  const page = md(
    "# Page", //                                   1
    `${fence}ts run`, //                            2
    "const a = 1;", //                              3
    fence, //                                       4
    `${fence}ts`, //                                5: shown only
    "throw new Error('not run');",
    fence,
    `${fence}ts file=examples/X.ts`, //             8: an excerpt, shown only
    "throw new Error('not run');",
    fence,
    `${fence}${fence[0]}md`, //                      11: a four-backtick fence showing the convention
    `${fence}ts run`,
    "throw new Error('not run: inside a four-backtick fence');",
    fence,
    `${fence}${fence[0]}`, //                        15
    `${fence}ts run top-level`, //                  16
    "const b = 2;",
    "const c = 3;",
    fence, //                                       19
  );

  it("only `ts run` and `ts run top-level` blocks, with their fence lines and mode", () => {
    expect(extractExamples(page)).toEqual([
      { n: 1, line: 2, endLine: 4, mode: "test", code: "const a = 1;" },
      { n: 2, line: 16, endLine: 19, mode: "top-level", code: "const b = 2;\nconst c = 3;" },
    ]);
  });

  it("tildes fence too, and a closing fence must be as long as the opening one", () => {
    const page2 = md("~~~~ts run", "const x = `a", "~~~", "`;", "~~~~");
    expect(extractExamples(page2)).toEqual([{ n: 1, line: 1, endLine: 5, mode: "test", code: "const x = `a\n~~~\n`;" }]);
  });

  it("an unknown word after `ts run` is an error naming the page and line (a typo never silently stops a test)", () => {
    expect(() => extractExamples(md("x", `${fence}ts run toplevel`, "1;", fence), "docs/a.md")).toThrowError(
      new DocsExampleError('docs/a.md:2: unknown words after "ts run": "toplevel" (only "top-level" is allowed)'),
    );
  });

  it("an unclosed `ts run` block is an error", () => {
    expect(() => extractExamples(md("x", "", `${fence}ts run`, "1;"), "docs/a.md")).toThrow(/docs\/a\.md:3: .*never closed/);
  });

  it("the generated module keeps every code line on its page line", () => {
    const source = examplesModule(page, "docs/p.md");
    const out = source.split("\n");
    expect(out).toHaveLength(19);
    expect(out[1]).toBe('__docs_test__("docs/p.md: example 1 (line 2)", async () => {');
    expect(out[2]).toBe("const a = 1;");
    expect(out[3]).toBe("});");
    expect(out[16]).toBe("const b = 2;");
    expect(out[17]).toBe("const c = 3;");
    expect(source).not.toContain("not run");
  });
});

describe("docs examples: imports", () => {
  it("are hoisted to line 1 and merged; the block keeps its line count", () => {
    const page = md(
      "# P",
      `${fence}ts run`,
      'import { InMemoryStore } from "chatkit-testkit";',
      "new InMemoryStore();",
      fence,
      `${fence}ts run`,
      'import { InMemoryStore, type Store } from "chatkit-testkit";',
      'import * as fs from "node:fs";',
      "const s: Store = new InMemoryStore(); fs;",
      fence,
    );
    const out = examplesModule(page, "docs/p.md").split("\n");
    expect(out).toHaveLength(10);
    expect(out[0]).toBe(
      'import { test as __docs_test__ } from "vitest"; import { InMemoryStore } from "chatkit-testkit"; ' +
        'import type { Store } from "chatkit-testkit"; import * as fs from "node:fs";',
    );
    expect(out[2]!.trim()).toBe("");
    expect(out[3]).toBe("new InMemoryStore();");
    expect(out[8]).toBe("const s: Store = new InMemoryStore(); fs;");
  });

  it("one name imported from two places is an error naming both lines", () => {
    const page = md(`${fence}ts run`, 'import { a } from "x";', fence, "", `${fence}ts run`, 'import { b as a } from "y";', fence);
    expect(() => examplesModule(page, "docs/p.md")).toThrowError(
      'docs/p.md:6: `a` is imported as `import { b as a } from "y";` here but as `import { a } from "x";` on line 2',
    );
  });
});

describe("docs examples: a broken example fails its own test, named with the page and line", () => {
  const page = md(
    "# Broken page", //                 1
    "", //                              2
    `${fence}ts run top-level`, //      3
    "(globalThis as any).__ranTop = (globalThis as any).__ranTop ?? 0;",
    "(globalThis as any).__ranTop++;",
    fence, //                           6
    `${fence}ts run`, //                7
    "const ok: number = 1 + 1;",
    "if (ok !== 2) throw new Error('arithmetic');",
    fence, //                           10
    "Some prose.", //                   11
    `${fence}ts run`, //                12
    "await Promise.resolve();",
    'throw new Error("boom from the example");',
    fence, //                           15
    `${fence}ts run`, //                16
    "const = 1;",
    fence,
  );

  it("runs top-level blocks on import, and registers one test per `ts run` block in page order", async () => {
    (globalThis as { __ranTop?: number }).__ranTop = 0;
    const tests = await load(page, "docs/broken.md");
    expect((globalThis as { __ranTop?: number }).__ranTop).toBe(1);
    expect(tests.map((t) => t.name)).toEqual([
      "docs/broken.md: example 2 (line 7)",
      "docs/broken.md: example 3 (line 12)",
      "docs/broken.md: example 4 (line 16)",
    ]);
  });

  it("a passing example resolves, a throwing one rejects with its error, a syntax error fails only its test", async () => {
    const [ok, boom, syntax] = await load(page, "docs/broken.md");
    await expect(Promise.resolve(ok!.fn())).resolves.toBeUndefined();
    await expect(Promise.resolve(boom!.fn())).rejects.toThrow("boom from the example");
    expect(() => syntax!.fn()).toThrow(/^docs\/broken\.md: example 4 \(line 16\) does not parse: /);
  });

  it("a page without runnable examples registers one skipped test instead of an empty file", async () => {
    const tests = await load(md("# Prose", `${fence}ts`, "1;", fence), "docs/prose.md");
    expect(tests).toEqual([{ name: "docs/prose.md: no `ts run` examples on this page", fn: expect.any(Function), skipped: true }]);
  });

  it("end to end: vitest with the plugin fails the run, names the example and points the stack at the Markdown line", () => {
    const project = mkdtempSync(path.join(scratch, "project-"));
    symlinkSync(path.join(repo, "node_modules"), path.join(project, "node_modules"), "dir");
    mkdirSync(path.join(project, "docs"));
    writeFileSync(path.join(project, "docs", "broken.md"), page);
    const plugin = JSON.stringify(path.join(repo, "test/docs/docsExamples.ts"));
    writeFileSync(
      path.join(project, "vitest.config.ts"),
      `import { defineConfig } from "vitest/config";\nimport { docsExamples } from ${plugin};\n` +
        `export default defineConfig({ plugins: [docsExamples()], test: { include: ["docs/**/*.md"] } });\n`,
    );
    const report = path.join(project, "report.json");
    const run = spawnSync(
      process.execPath,
      [path.join(repo, "node_modules/vitest/vitest.mjs"), "run", "--root", project, "--reporter=json", `--outputFile=${report}`],
      { cwd: project, encoding: "utf8", env: { ...process.env, CI: "1", NO_COLOR: "1" }, timeout: 90_000 },
    );
    expect(run.status, run.stderr).toBe(1);
    const json = JSON.parse(readFileSync(report, "utf8")) as {
      testResults: { assertionResults: { title: string; status: string; failureMessages: string[] }[] }[];
    };
    const results = json.testResults.flatMap((f) => f.assertionResults);
    expect(results.map((r) => [r.title, r.status])).toEqual([
      ["docs/broken.md: example 2 (line 7)", "passed"],
      ["docs/broken.md: example 3 (line 12)", "failed"],
      ["docs/broken.md: example 4 (line 16)", "failed"],
    ]);
    const boom = results[1]!.failureMessages.join("\n");
    expect(boom).toContain("boom from the example");
    expect(boom).toMatch(/docs\/broken\.md:14:/); // the `throw` is on line 14 of the page
  });
});
