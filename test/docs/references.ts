/**
 * The scanner behind test/docs/references.test.ts: finds every place where a source file, a test, a
 * script or a page names another file of the repository, and reports those whose target is missing.
 *
 * What counts as a reference:
 * - a markdown link `[text](path)` or `[text](path#anchor)` (in a page, or in a code comment);
 * - a bare path that starts with one of the repository's folders (`docs/…`, `src/…`, `test/…`,
 *   `fixtures/…`, `bench/…`, `scripts/…`, `.ci/…`), optionally followed by `#anchor` or by section
 *   numbers (`docs/upstream.md §4.5, §4.6`, checked against the page's numbered headings): in code
 *   and shell scripts only inside comments; in markdown, outside fences, only when it carries an
 *   anchor or sections (a page may name the reader's own `src/…` file);
 * - `name.md#anchor` anywhere in a comment or in prose (resolved from the root, then from the citing file);
 * - any capitalised `SOMETHING.md` name (`NOTES.md`), in the whole text of every scanned file, strings
 *   included: those are the names of internal notes that never ship with the package.
 *
 * test/docs/links.test.ts checks the markdown links of README.md and docs/ (its targets and anchors);
 * this scanner does not repeat that, and skips markdown links in those pages.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

/** One reference: where it is and what it names. */
export interface Reference {
  /** The citing file, relative to the repository. */
  readonly file: string;
  readonly line: number;
  /** The text as written, e.g. `docs/upstream.md §4.5` or `[x](contract.md#c-page)`. */
  readonly text: string;
  /** The path part, without `#anchor`. */
  readonly target: string;
  readonly anchor?: string;
  /** Section numbers cited after the path (`§4.5` → `4.5`). */
  readonly sections: readonly string[];
  readonly kind: "link" | "path" | "anchor" | "notes";
}

/** Folders whose files are scanned, and the root files. */
export const SCANNED_DIRS = ["src", "test", "docs", "bench", "scripts", "fixtures", ".ci"] as const;
export const SCANNED_ROOT_FILES = ["README.md", "tsup.config.ts", "vitest.config.ts"] as const;

const TEXT_EXTENSIONS = /\.(ts|tsx|mts|cts|js|mjs|cjs|md|json|sh|sql|txt|ya?ml)$/;

/** Every scanned file of the repository at `root`, relative and sorted. */
export function scannedFiles(root: string): string[] {
  const walk = (dir: string): string[] => {
    if (!existsSync(path.join(root, dir))) return [];
    return readdirSync(path.join(root, dir), { withFileTypes: true })
      .sort((a, b) => a.name.localeCompare(b.name))
      .flatMap((e) => {
        const rel = `${dir}/${e.name}`;
        if (e.isDirectory()) return e.name === "node_modules" ? [] : walk(rel);
        return TEXT_EXTENSIONS.test(e.name) || rel === ".ci/run" ? [rel] : [];
      });
  };
  return [...SCANNED_ROOT_FILES.filter((f) => existsSync(path.join(root, f))), ...SCANNED_DIRS.flatMap(walk)];
}

type Language = "code" | "shell" | "markdown" | "data";

function languageOf(file: string): Language {
  if (file.endsWith(".md")) return "markdown";
  if (/\.(ts|tsx|mts|cts|js|mjs|cjs)$/.test(file)) return "code";
  if (file.endsWith(".sh") || file === ".ci/run") return "shell";
  return "data";
}

/** Blanks every character of `text[from, to)` except newlines, so offsets and lines stay put. */
const blank = (s: string) => s.replace(/[^\n]/g, " ");

/**
 * The comments of a TypeScript/JavaScript source, everything else blanked (lines and columns kept).
 * A small tokenizer: strings, template literals (with `${}`), regular expression literals and comments.
 */
export function commentsOf(source: string): string {
  let out = "";
  let i = 0;
  let lastSignificant = "";
  const templateDepth: number[] = [];
  let braceDepth = 0;
  const n = source.length;
  const skipString = (quote: string) => {
    const start = i++;
    while (i < n && source[i] !== quote && source[i] !== "\n") i += source[i] === "\\" ? 2 : 1;
    i++;
    out += blank(source.slice(start, i));
  };
  const skipTemplate = () => {
    // From just after "`" or "}" up to the closing "`" or a "${".
    const start = i;
    while (i < n && source[i] !== "`") {
      if (source[i] === "\\") i += 2;
      else if (source[i] === "$" && source[i + 1] === "{") {
        i += 2;
        templateDepth.push(braceDepth);
        braceDepth++;
        out += blank(source.slice(start, i));
        return;
      } else i++;
    }
    i++;
    out += blank(source.slice(start, i));
  };
  while (i < n) {
    const c = source[i]!;
    const next = source[i + 1];
    if (c === "/" && next === "/") {
      const end = source.indexOf("\n", i);
      const stop = end === -1 ? n : end;
      out += source.slice(i, stop);
      i = stop;
    } else if (c === "/" && next === "*") {
      const end = source.indexOf("*/", i + 2);
      const stop = end === -1 ? n : end + 2;
      out += source.slice(i, stop);
      i = stop;
    } else if (c === "/" && (lastSignificant === "" || /[(,=:[!&|?{};+\-*%<>~^]/.test(lastSignificant) || /\b(return|typeof|case|in|of)\s*$/.test(source.slice(Math.max(0, i - 16), i)))) {
      // A regular expression literal.
      const start = i++;
      let inClass = false;
      while (i < n && source[i] !== "\n") {
        const d = source[i];
        if (d === "\\") i++;
        else if (d === "[") inClass = true;
        else if (d === "]") inClass = false;
        else if (d === "/" && !inClass) break;
        i++;
      }
      i++;
      while (i < n && /[a-z]/.test(source[i]!)) i++;
      out += blank(source.slice(start, i));
      lastSignificant = "x";
    } else if (c === '"' || c === "'") {
      skipString(c);
      lastSignificant = "x";
    } else if (c === "`") {
      out += " ";
      i++;
      skipTemplate();
      lastSignificant = "x";
    } else if (c === "}" && templateDepth.length > 0 && templateDepth[templateDepth.length - 1] === braceDepth - 1) {
      templateDepth.pop();
      braceDepth--;
      out += " ";
      i++;
      skipTemplate();
      lastSignificant = "x";
    } else {
      if (c === "{") braceDepth++;
      if (c === "}") braceDepth--;
      if (!/\s/.test(c)) lastSignificant = c;
      out += c === "\n" ? "\n" : " ";
      i++;
    }
  }
  return out;
}

/** The `#` comments of a shell script (from a `#` at the start of a word to the end of the line). */
export function shellCommentsOf(source: string): string {
  return source
    .split("\n")
    .map((line) => {
      const m = /(^|\s)#(?!!)/.exec(line);
      return m ? blank(line.slice(0, m.index)) + line.slice(m.index) : blank(line);
    })
    .join("\n");
}

/** A markdown page with fenced code blocks blanked (lines and offsets kept), as test/docs/links.test.ts reads pages. */
export function proseOf(markdown: string): string {
  return markdown.replace(/^(\s*)(`{3,}|~{3,})[^\n]*\n[\s\S]*?^\s*\2[`~]*\s*$/gm, blank);
}

const FOLDERS = "(?:docs|src|test|fixtures|bench|scripts|\\.ci)";
const PATH_CHARS = "[\\w.@+-]";
/** A bare repository path: not part of a longer path or URL, ends on a word character. */
const BARE_PATH = new RegExp(`(?<![\\w./@:-])(${FOLDERS}/(?:${PATH_CHARS}+/)*${PATH_CHARS}*\\w)(#[\\w-]+)?`, "g");
/** `name.md#anchor` not starting with one of the folders (those are BARE_PATH's). */
const MD_ANCHOR = /(?<![\w./@:-])((?:\.\.?\/)?(?:[\w.-]+\/)*[\w.-]+\.md)#([\w-]+)/g;
/** A markdown link's target. */
const LINK = /\]\(([^)\s]+)\)/g;
/** An internal notes file: a capitalised name (with `_`, `-` or digits) ending in `.md`. */
const NOTES = /(?<![\w/.-])([A-Z][A-Z0-9_-]*\.md)\b/g;
/** Section numbers after a path: `§4.5`, `§4.1–4.3`, `§2.4, §2.7`. */
const SECTIONS = /^\s*((?:§\s?\d+(?:\.\d+)*(?:\s*[–-]\s*\d+(?:\.\d+)*)?(?:\s*(?:,|and)\s*)?)+)/;

function sectionsAfter(text: string): string[] {
  const m = SECTIONS.exec(text);
  if (!m) return [];
  return [...m[1]!.matchAll(/(\d+(?:\.\d+)*)/g)].map((s) => s[1]!);
}

/** Every reference in one file's text. `skipLinks`: leave out markdown links (test/docs/links.test.ts checks those of the pages). */
export function referencesIn(file: string, text: string, options: { skipLinks?: boolean } = {}): Reference[] {
  const language = languageOf(file);
  const scanned =
    language === "code" ? commentsOf(text) : language === "shell" ? shellCommentsOf(text) : language === "markdown" ? proseOf(text) : "";
  const lineAt = (offset: number) => text.slice(0, offset).split("\n").length;
  const refs: Reference[] = [];
  const seen = new Set<number>();

  if (!(language === "markdown" && options.skipLinks)) {
    for (const m of scanned.matchAll(LINK)) {
      const target = m[1]!;
      if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue;
      // In a comment, `[text](target)` is a link only when the target looks like a file (a slash or an extension).
      if (language !== "markdown" && !/[/]|\.\w+(#|$)/.test(target)) continue;
      const [p, anchor] = target.split("#") as [string, string | undefined];
      for (let k = m.index!; k < m.index! + m[0].length; k++) seen.add(k);
      refs.push({ file, line: lineAt(m.index!), text: m[0].slice(1), target: p, anchor, sections: [], kind: "link" });
    }
  }
  for (const m of scanned.matchAll(BARE_PATH)) {
    if (seen.has(m.index!)) continue;
    const target = m[1]!;
    const anchor = m[2]?.slice(1);
    const sections = sectionsAfter(scanned.slice(m.index! + m[0].length));
    // In a page, a bare path may be the reader's own file (`src/mocks/browser.ts`): only a citation
    // (with `#anchor` or `§` sections) is checked there; a link to a file of this repository is a link.
    if (language === "markdown" && anchor === undefined && sections.length === 0) continue;
    for (let k = m.index!; k < m.index! + m[0].length; k++) seen.add(k);
    refs.push({ file, line: lineAt(m.index!), text: m[0], target, anchor, sections, kind: "path" });
  }
  for (const m of scanned.matchAll(MD_ANCHOR)) {
    if (seen.has(m.index!)) continue;
    refs.push({ file, line: lineAt(m.index!), text: m[0], target: m[1]!, anchor: m[2], sections: [], kind: "anchor" });
  }
  for (const m of text.matchAll(NOTES)) {
    if (m[1] === "README.md" || m[1] === "LICENSE.md") continue;
    refs.push({ file, line: lineAt(m.index!), text: m[1]!, target: m[1]!, sections: [], kind: "notes" });
  }
  return refs.sort((a, b) => a.line - b.line);
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens (as links.test.ts). */
export function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, "")
    .replace(/\s/g, "-");
}

/** The anchors of a page (its headings' slugs, numbered `-1`, `-2` when repeated, and `<a id>`s) and its section numbers. */
export function headingsOf(markdown: string): { anchors: Set<string>; sections: Set<string> } {
  const anchors = new Set<string>();
  const sections = new Set<string>();
  const counts = new Map<string, number>();
  for (const m of proseOf(markdown).matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)) {
    const s = slug(m[1]!.replace(/`/g, ""));
    const count = counts.get(s) ?? 0;
    anchors.add(count === 0 ? s : `${s}-${count}`);
    counts.set(s, count + 1);
    const number = /^(\d+(?:\.\d+)*)\.?\s/.exec(m[1]!);
    if (number) sections.add(number[1]!);
  }
  for (const m of markdown.matchAll(/<a\s+(?:id|name)="([^"]+)"/g)) anchors.add(m[1]!);
  return { anchors, sections };
}

/** What a reference names, if it exists: resolved from the repository root, then from the citing file. */
export function resolve(root: string, ref: Reference): string | undefined {
  const target = decodeURIComponent(ref.target);
  if (target === "") return path.join(root, ref.file);
  const candidates =
    // A link, or a mention spelled relative (`./x`, `../x`), is read from the citing file first.
    ref.kind === "link" || /^\.\.?\//.test(target)
      ? [path.resolve(root, path.dirname(ref.file), target), path.resolve(root, target)]
      : [path.resolve(root, target), path.resolve(root, path.dirname(ref.file), target)];
  // A mention of a compiled name (`./x.js`) is a mention of its source (`x.ts`).
  const withSources = candidates.flatMap((c) => (c.endsWith(".js") ? [c, c.replace(/\.js$/, ".ts")] : [c]));
  return withSources.find((c) => c.startsWith(root) && existsSync(c));
}

/** Every dead reference in the files, as `file:line: text (why)`. */
export function deadReferences(root: string, files: readonly string[], options: { skipLinksIn?: (file: string) => boolean } = {}): string[] {
  const dead: string[] = [];
  const pageCache = new Map<string, ReturnType<typeof headingsOf>>();
  const headings = (p: string) => {
    if (!pageCache.has(p)) pageCache.set(p, headingsOf(readFileSync(p, "utf8")));
    return pageCache.get(p)!;
  };
  for (const file of files) {
    const text = readFileSync(path.join(root, file), "utf8");
    for (const ref of referencesIn(file, text, { skipLinks: options.skipLinksIn?.(file) ?? false })) {
      const where = `${file}:${ref.line}: ${ref.text}`;
      if (ref.kind === "notes") {
        if (!existsSync(path.join(root, ref.target))) dead.push(`${where} (an internal notes file, not in the repository)`);
        continue;
      }
      const resolved = resolve(root, ref);
      if (resolved === undefined) {
        dead.push(`${where} (no such file)`);
        continue;
      }
      if (!resolved.endsWith(".md") || !statSync(resolved).isFile()) continue;
      const page = headings(resolved);
      if (ref.anchor !== undefined && !page.anchors.has(ref.anchor)) dead.push(`${where} (no such heading)`);
      for (const s of ref.sections) if (!page.sections.has(s)) dead.push(`${where} (no section ${s})`);
    }
  }
  return dead;
}
