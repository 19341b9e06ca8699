/**
 * Every file that the sources, tests, scripts and docs cite exists in the repository, and every cited
 * `#anchor` or `§` section is a heading of the cited page. The scanner is test/docs/references.ts;
 * test/docs/links.test.ts checks the markdown links of README.md and docs/ themselves.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { repo } from "./pages.js";
import { commentsOf, deadReferences, headingsOf, referencesIn, scannedFiles } from "./references.js";

/** The scanner and this test: their comments and patterns are full of example references. */
const SELF = ["test/docs/references.ts", "test/docs/references.test.ts"];


const isPage = (file: string) => file === "README.md" || (file.startsWith("docs/") && file.endsWith(".md"));

describe("references to files", () => {
  describe("the scanner", () => {
    it("reads comments only in code: strings, templates and regular expressions are not comments", () => {
      const source = [
        'const a = "docs/in-a-string.md"; // docs/in-a-comment.md',
        "const b = `src/${'x'}/template.ts`; /* src/block.ts */",
        "const c = /\\/\\/ docs\\/regex.md/; // after a regex: test/after.ts",
        "function f() { return /docs\\/returned.md/; } // test/after-return.ts",
      ].join("\n");
      const comments = commentsOf(source);
      expect(comments.split("\n")).toHaveLength(4);
      expect(comments).toContain("docs/in-a-comment.md");
      expect(comments).toContain("src/block.ts");
      expect(comments).toContain("test/after.ts");
      expect(comments).not.toContain("in-a-string");
      expect(comments).not.toContain("template.ts");
      expect(comments).not.toContain("regex.md");
      expect(comments).toContain("test/after-return.ts");
      expect(comments).not.toContain("returned.md");
    });

    it("finds paths with anchors and sections, links, and capitalised notes names, each on its line", () => {
      const source = [
        "/**",
        " * The flows of docs/upstream.md §4.3, §4.5 and docs/contract.md#c-page;",
        " * see [the contract](../docs/contract.md) and NOTES.md.",
        " */",
        'const s = "CAPS.md in a string is found too";',
      ].join("\n");
      const refs = referencesIn("src/x.ts", source).map((r) => ({ line: r.line, kind: r.kind, target: r.target, anchor: r.anchor, sections: r.sections }));
      expect(refs).toEqual([
        { line: 2, kind: "path", target: "docs/upstream.md", anchor: undefined, sections: ["4.3", "4.5"] },
        { line: 2, kind: "path", target: "docs/contract.md", anchor: "c-page", sections: [] },
        { line: 3, kind: "link", target: "../docs/contract.md", anchor: undefined, sections: [] },
        { line: 3, kind: "notes", target: "NOTES.md", anchor: undefined, sections: [] },
        { line: 5, kind: "notes", target: "CAPS.md", anchor: undefined, sections: [] },
      ]);
    });

    it("in a page, skips fenced code and bare paths without an anchor or a section (they may be the reader's files)", () => {
      const page = ["Put it in `src/mocks/browser.ts`.", "", "```ts", "// docs/fenced.md#x", "```", "See docs/upstream.md §2.4."].join("\n");
      expect(referencesIn("docs/page.md", page).map((r) => `${r.line}: ${r.target} ${r.sections.join(",")}`)).toEqual(["6: docs/upstream.md 2.4"]);
    });

    it("knows a page's anchors (GitHub slugs, repeated headings numbered) and its numbered sections", () => {
      const { anchors, sections } = headingsOf("# Title\n## 4.3 The `streaming` requests\n#### 4.3.6 Custom\n## Notes\n## Notes\n```md\n## 9. Not a heading\n```\n");
      expect([...anchors]).toEqual(["title", "43-the-streaming-requests", "436-custom", "notes", "notes-1"]);
      expect([...sections]).toEqual(["4.3", "4.3.6"]);
    });

    describe("on a repository in a temporary directory", () => {
      const root = mkdtempSync(path.join(tmpdir(), "references-"));
      afterAll(() => rmSync(root, { recursive: true, force: true }));
      const write = (file: string, text: string) => {
        mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
        writeFileSync(path.join(root, file), text);
      };
      write("docs/guide.md", "# Guide\n\n## 1. Wire types\n\n### 1.2 Pages\n\nSee [the other page](other.md) and [a section](guide.md#1-wire-types).\n");
      write("docs/other.md", "# Other\n");
      write("src/ok.ts", "// docs/guide.md §1.2, docs/guide.md#1-wire-types, src/ok.ts, [g](../docs/guide.md)\nexport {};\n");
      write(
        "src/dead.ts",
        [
          "/** Cites docs/missing.md and src/gone/file.ts. */",
          "// docs/guide.md §1.3 and docs/guide.md#no-such-heading",
          "// the internal NOTES.md, and [a link](../docs/nowhere.md)",
          'export const fine = "docs/missing-but-in-a-string.md";',
        ].join("\n"),
      );
      write("scripts/run.sh", "#!/bin/sh\n# as in docs/guide.md §9\necho docs/not-a-comment.md\n");

      it("passes on references that resolve, from the root and from the citing page", () => {
        expect(deadReferences(root, ["docs/guide.md", "docs/other.md", "src/ok.ts"])).toEqual([]);
      });

      it("fails naming each file:line whose target, heading or section does not exist", () => {
        expect(deadReferences(root, scannedFiles(root))).toEqual([
          "src/dead.ts:1: docs/missing.md (no such file)",
          "src/dead.ts:1: src/gone/file.ts (no such file)",
          "src/dead.ts:2: docs/guide.md (no section 1.3)",
          "src/dead.ts:2: docs/guide.md#no-such-heading (no such heading)",
          "src/dead.ts:3: (../docs/nowhere.md) (no such file)",
          "src/dead.ts:3: NOTES.md (an internal notes file, not in the repository)",
          "scripts/run.sh:2: docs/guide.md (no section 9)",
        ]);
      });
    });
  });

  it("every file, heading and section cited in src/, test/, docs/, bench/, scripts/, fixtures/, .ci/run, README.md and the configs exists", () => {
    const files = scannedFiles(repo).filter((f) => !SELF.includes(f));
    expect(files).toEqual(expect.arrayContaining(["README.md", "tsup.config.ts", "vitest.config.ts", ".ci/run", "src/index.ts", "docs/upstream.md"]));
    const dead = deadReferences(repo, files, { skipLinksIn: isPage });
    expect(dead).toEqual([]);
  });
});

/** Line `line` (1-based) of a file of the repository. */
function scannedLine(file: string, line: number): string {
  return readFileSync(path.join(repo, file), "utf8").split("\n")[line - 1] ?? "";
}
