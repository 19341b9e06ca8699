import { readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { examplesModule } from "./docsExamples.js";
import { docPages, repo } from "./pages.js";

describe("docs examples type-check", () => {
  // vitest strips types without checking them; an example that does not compile would still mislead.
  it("every `ts run` block compiles against the sources under the project's compiler options (about 3 s)", () => {
    const config = ts.readConfigFile(path.join(repo, "tsconfig.json"), ts.sys.readFile);
    const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, repo);
    // The package's own names resolve through tsconfig.json's `paths` (checked against package.json by
    // test/architecture/entries.test.ts).
    const options: ts.CompilerOptions = { ...parsed.options, noEmit: true };
    // Each page's generated module sits beside the page as `<page>.ts`, so relative imports resolve.
    const virtual = new Map(
      docPages()
        .filter((p) => readFileSync(path.join(repo, p), "utf8").includes("```ts run"))
        .map((p) => [path.join(repo, `${p}.ts`), examplesModule(readFileSync(path.join(repo, p), "utf8"), p)] as const),
    );
    expect(virtual.size).toBeGreaterThan(1);
    const host = ts.createCompilerHost(options);
    const getSourceFile = host.getSourceFile.bind(host);
    host.getSourceFile = (file, language, onError, create) => {
      const text = virtual.get(path.resolve(file));
      return text !== undefined ? ts.createSourceFile(file, text, language, true) : getSourceFile(file, language, onError, create);
    };
    const fileExists = host.fileExists.bind(host);
    host.fileExists = (file) => virtual.has(path.resolve(file)) || fileExists(file);
    const program = ts.createProgram([...virtual.keys()], options, host);
    const problems = [...virtual.keys()].flatMap((file) => {
      const source = program.getSourceFile(file)!;
      return [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)].map((d) => {
        const { line } = source.getLineAndCharacterOfPosition(d.start ?? 0);
        // The generated module keeps page lines, so this is the line in the Markdown file.
        return `${path.relative(repo, file).replace(/\.ts$/, "")}:${line + 1}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`;
      });
    });
    expect(problems).toEqual([]);
  }, 120_000);
});
