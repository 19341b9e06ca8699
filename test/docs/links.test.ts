import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { docPages, repo } from "./pages.js";

const read = (p: string) => readFileSync(path.join(repo, p), "utf8");

/** The text of a page with fenced code blocks emptied (links in code are not links); lines stay put. */
function prose(markdown: string): string {
  return markdown.replace(/^(\s*)(`{3,}|~{3,})[^\n]*\n[\s\S]*?^\s*\2[`~]*\s*$/gm, (block) => block.replace(/[^\n]/g, ""));
}

// The links of the pages are checked here; references from code comments, scripts and configs (and
// `§` section citations) are checked by test/docs/references.test.ts, whose scanner
// (test/docs/references.ts) has the same slug rule.
/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
export function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, "")
    .replace(/\s/g, "-");
}

function anchors(markdown: string): Set<string> {
  return new Set([...prose(markdown).matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)].map((m) => slug(m[1]!)));
}

/** Relative links `[text](target)` of a page, with their line numbers. */
function links(markdown: string): { target: string; line: number }[] {
  const text = prose(markdown);
  return [...text.matchAll(/\]\(([^)\s]+)\)/g)]
    .map((m) => ({ target: m[1]!, line: text.slice(0, m.index).split("\n").length }))
    .filter((l) => !/^[a-z]+:/i.test(l.target));
}

describe("docs links", () => {
  it("GitHub anchors are computed the way GitHub does", () => {
    expect(slug("C-THREAD-SAVE")).toBe("c-thread-save");
    expect(slug("6. Seeds, thoroughness, CI")).toBe("6-seeds-thoroughness-ci");
    expect(slug("Test helpers: seed, snapshot, restore, reset")).toBe("test-helpers-seed-snapshot-restore-reset");
  });

  it("every relative link in README.md and docs/ names an existing file, and its #anchor a heading there", () => {
    const broken: string[] = [];
    for (const page of docPages()) {
      for (const { target, line } of links(read(page))) {
        const [file, anchor] = target.split("#") as [string, string | undefined];
        const resolved = file === "" ? path.join(repo, page) : path.resolve(path.dirname(path.join(repo, page)), decodeURIComponent(file));
        if (!existsSync(resolved)) {
          broken.push(`${page}:${line}: ${target} (no such file)`);
        } else if (anchor !== undefined && statSync(resolved).isFile() && resolved.endsWith(".md")) {
          if (!anchors(readFileSync(resolved, "utf8")).has(anchor)) broken.push(`${page}:${line}: ${target} (no such heading)`);
        }
      }
    }
    expect(broken).toEqual([]);
  });

  it("docs/README.md links every page under docs/", () => {
    const index = links(read("docs/README.md")).map((l) => path.resolve(path.join(repo, "docs"), l.target.split("#")[0]!));
    const missing = docPages()
      .filter((p) => p.startsWith("docs/") && p !== "docs/README.md")
      .filter((p) => !index.includes(path.join(repo, p)));
    expect(missing).toEqual([]);
  });
});
