/**
 * Runs the examples in docs/ as tests (the convention is described in docs/README.md).
 *
 * A fenced block whose info string is `ts run` is executed; `ts run top-level` is executed at module top
 * level (for examples that register vitest suites, such as `runStoreConformance(...)`); every other
 * fence (`ts`, `ts file=…`, `sh`, `text`, …) is only shown. Each page becomes one test module:
 *
 * - the `import` declarations of all its runnable blocks are hoisted to the top of the module (merged:
 *   the same binding imported twice is imported once; one name bound to two different things is an
 *   error naming both lines);
 * - each `ts run` block becomes `test("docs/<page>.md: example N (line L)", async () => { … })`;
 * - `ts run top-level` blocks are emitted as they are, at module level, in page order;
 * - the generated module keeps every code line on the line it has in the page, so stack traces and
 *   source maps point into the Markdown file;
 * - a block that does not parse becomes a failing test with that name, so one broken example never
 *   hides the others;
 * - a page without runnable blocks yields one skipped test, so vitest does not report an empty file.
 *
 * `docsExamples()` is the vite plugin that vitest.config.ts installs; `extractExamples` and
 * `examplesModule` are the pure steps, tested in test/docs/docsExamples.test.ts.
 */
import path from "node:path";
import { parseAst, transformWithOxc, type Plugin } from "vite";

/** One fenced code block of a page that the docs test runs. */
export interface Example {
  /** 1-based number among the page's runnable blocks. */
  readonly n: number;
  /** 1-based line of the opening fence. */
  readonly line: number;
  /** 1-based line of the closing fence. */
  readonly endLine: number;
  /** `test`: wrapped in its own test; `top-level`: emitted at module level. */
  readonly mode: "test" | "top-level";
  /** The code between the fences, lines joined with `\n`. */
  readonly code: string;
}

/** Options of {@link examplesModule}. */
export interface ExamplesModuleOptions {
  /** Where `test` is imported from. @defaultValue `"vitest"` */
  testModule?: string;
}

const FENCE = /^(\s*)(`{3,}|~{3,})(.*)$/;

/** Thrown for a page whose fences or info strings break the convention. */
export class DocsExampleError extends Error {
  override readonly name = "DocsExampleError";
}

/**
 * The runnable blocks of a Markdown page, in page order. Fences follow CommonMark: a block opened with
 * N backticks (or tildes) closes with at least N of the same character and no info string, so a
 * ```` ```ts run ```` shown inside a four-backtick fence is not run.
 * @param markdown - the page
 * @param page - the page's name, used in error messages
 * @throws {DocsExampleError} for an unclosed runnable block or an unknown word after `run`
 */
export function extractExamples(markdown: string, page = "page"): Example[] {
  const lines = markdown.split(/\r?\n/);
  const out: Example[] = [];
  let open: { fence: string; line: number; run: "test" | "top-level" | null; body: string[] } | null = null;
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i]!;
    const m = FENCE.exec(text);
    if (open) {
      if (m && m[2]![0] === open.fence[0] && m[2]!.length >= open.fence.length && m[3]!.trim() === "") {
        if (open.run) out.push({ n: out.length + 1, line: open.line, endLine: i + 1, mode: open.run, code: open.body.join("\n") });
        open = null;
      } else {
        open.body.push(text);
      }
      continue;
    }
    if (!m) continue;
    const info = m[3]!.trim();
    if (m[2]![0] === "`" && info.includes("`")) continue; // not a fence (CommonMark: backtick info has no backticks)
    const words = info.split(/\s+/).filter(Boolean);
    let run: "test" | "top-level" | null = null;
    if (words[0] === "ts" && words[1] === "run") {
      const extra = words.slice(2);
      if (extra.length === 0) run = "test";
      else if (extra.length === 1 && extra[0] === "top-level") run = "top-level";
      else {
        throw new DocsExampleError(
          `${page}:${i + 1}: unknown words after "ts run": ${JSON.stringify(extra.join(" "))} (only "top-level" is allowed)`,
        );
      }
    }
    open = { fence: m[2]!, line: i + 1, run, body: [] };
  }
  if (open?.run) throw new DocsExampleError(`${page}:${open.line}: the \`ts run\` block opened here is never closed`);
  return out;
}

interface Binding {
  readonly local: string;
  /** What the statement for this binding looks like, without the local name's origin line. */
  readonly statement: string;
  readonly line: number;
}

type ImportNode = {
  type: string;
  start: number;
  end: number;
  importKind?: string;
  source: { value: string; start: number; end: number };
  specifiers: {
    type: string;
    local: { name: string };
    imported?: { name?: string; value?: string };
    importKind?: string;
  }[];
};

/** The line (1-based, within `code`) of a character offset. */
function lineAt(code: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < code.length; i++) if (code.charCodeAt(i) === 10) line++;
  return line;
}

/** Replaces a range by spaces, keeping line breaks, so the lines after it do not move. */
function blank(code: string, start: number, end: number): string {
  return code.slice(0, start) + code.slice(start, end).replace(/[^\n]/g, " ") + code.slice(end);
}

/**
 * The test module for one page: TypeScript source with exactly as many lines as the page, each code line
 * on its own line number.
 * @param markdown - the page
 * @param page - its name in test titles, e.g. `docs/in-memory-store.md`
 * @throws {DocsExampleError} for a broken fence or conflicting imports
 */
export function examplesModule(markdown: string, page: string, options: ExamplesModuleOptions = {}): string {
  const examples = extractExamples(markdown, page);
  const testModule = options.testModule ?? "vitest";
  const out = markdown.split(/\r?\n/).map(() => "");
  const bindings = new Map<string, Binding>();
  const sideEffects = new Set<string>();
  const hoisted: string[] = [];
  const testFn = "__docs_test__";

  const bind = (b: Binding) => {
    const seen = bindings.get(b.local);
    if (!seen) {
      bindings.set(b.local, b);
      hoisted.push(b.statement);
    } else if (seen.statement !== b.statement) {
      throw new DocsExampleError(
        `${page}:${b.line}: \`${b.local}\` is imported as \`${b.statement}\` here but as \`${seen.statement}\` on line ${seen.line}`,
      );
    }
  };

  for (const ex of examples) {
    const title = `${page}: example ${ex.n} (line ${ex.line})`;
    let code = ex.code;
    let body: { type: string; start: number; end: number }[];
    try {
      body = parseAst(code, { lang: "ts", sourceType: "module" }).body as unknown as typeof body;
    } catch (error) {
      // One broken example fails its own test; the rest of the page still runs.
      const message = `${title} does not parse: ${(error as Error).message}`;
      out[ex.line - 1] = `${testFn}(${JSON.stringify(title)}, () => { throw new SyntaxError(${JSON.stringify(message)}); });`;
      continue;
    }
    for (const node of body) {
      if (node.type !== "ImportDeclaration") continue;
      const imp = node as unknown as ImportNode;
      const line = ex.line + lineAt(code, imp.start);
      const from = JSON.stringify(imp.source.value);
      const attributes = code.slice(imp.source.end, imp.end).replace(/;\s*$/, "").trim();
      const tail = `${from}${attributes ? ` ${attributes}` : ""};`;
      if (imp.specifiers.length === 0) {
        if (!sideEffects.has(tail)) hoisted.push(`import ${tail}`);
        sideEffects.add(tail);
      }
      for (const s of imp.specifiers) {
        const local = s.local.name;
        if (s.type === "ImportDefaultSpecifier") bind({ local, line, statement: `import ${imp.importKind === "type" ? "type " : ""}${local} from ${tail}` });
        else if (s.type === "ImportNamespaceSpecifier") bind({ local, line, statement: `import ${imp.importKind === "type" ? "type " : ""}* as ${local} from ${tail}` });
        else {
          const imported = s.imported?.name ?? JSON.stringify(s.imported?.value);
          const isType = imp.importKind === "type" || s.importKind === "type";
          const spec = imported === local ? local : `${imported} as ${local}`;
          bind({ local, line, statement: `import ${isType ? "type " : ""}{ ${spec} } from ${tail}` });
        }
      }
      code = blank(code, imp.start, imp.end);
    }
    const codeLines = code.split("\n");
    for (let k = 0; k < codeLines.length; k++) out[ex.line + k] = codeLines[k]!;
    if (ex.mode === "test") {
      out[ex.line - 1] = `${testFn}(${JSON.stringify(title)}, async () => {`;
      out[ex.endLine - 1] = "});";
    }
  }

  if (examples.length === 0) out.push(`${testFn}.skip(${JSON.stringify(`${page}: no \`ts run\` examples on this page`)}, () => {});`);
  const header = [`import { test as ${testFn} } from ${JSON.stringify(testModule)};`, ...hoisted].join(" ");
  out[0] = out[0] ? `${header} ${out[0]}` : header;
  return out.join("\n");
}

/** Options of {@link docsExamples}. */
export interface DocsExamplesOptions {
  /** Which Markdown files are pages, relative to the vite root. @defaultValue `README.md` and files under `docs/` */
  include?: (relativePath: string) => boolean;
}

/**
 * The vite plugin: turns each docs page that vitest loads into its test module (see the file comment).
 * Add `README.md` and `docs/**\/*.md` to vitest's `include`.
 */
export function docsExamples(options: DocsExamplesOptions = {}): Plugin {
  const include = options.include ?? ((p: string) => p === "README.md" || p.startsWith("docs/"));
  let root = process.cwd();
  return {
    name: "chatkit-testkit:docs-examples",
    enforce: "pre",
    configResolved(config) {
      root = config.root;
    },
    async transform(markdown, id) {
      if (!id.endsWith(".md")) return null; // and never `page.md?raw` or other queried imports
      const file = id;
      const page = path.relative(root, file).split(path.sep).join("/");
      if (!include(page)) return null;
      const source = examplesModule(markdown, page);
      const result = await transformWithOxc(source, file, { lang: "ts", sourceType: "module", sourcemap: true });
      return { code: result.code, map: result.map ?? null };
    },
  };
}
