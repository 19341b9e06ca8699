import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { InMemoryStore } from "chatkit-testkit";
import { formatFailure, runChecks } from "chatkit-testkit/harness";
import { checksPage } from "../../scripts/checks-doc.js";
import { MapStore } from "../../docs/examples/MapStore.js";

const read = (p: string) => readFileSync(new URL(`../../${p}`, import.meta.url), "utf8");

describe("harness docs stay true", () => {
  it("docs/checks.md lists every check as the code defines it (regenerate: node --import tsx scripts/checks-doc.ts)", () => {
    expect(read("docs/checks.md")).toBe(checksPage());
  });

  it("every ```ts file=… excerpt in docs/test-your-own-store.md appears verbatim in that file", () => {
    const page = read("docs/test-your-own-store.md");
    const excerpts = [...page.matchAll(/```ts file=(\S+)\n([\s\S]*?)```/g)];
    expect(excerpts.length).toBeGreaterThan(0);
    for (const [, file, body] of excerpts) expect(read(`docs/${file}`)).toContain(body!.trimEnd());
  });

  it("the failure shown in the walkthrough is what the harness prints for the draft MapStore (no record checks)", async () => {
    class Draft extends MapStore {
      protected override checkRecord(): void {}
    }
    const report = await runChecks({ createStore: () => new Draft(), only: ["arguments.malformed-records"], env: {} });
    const failure = report.results.find((r) => r.id === "arguments.malformed-records")!;
    const shown = /```text\n(✗ arguments\.malformed-records[\s\S]*?)```/.exec(read("docs/test-your-own-store.md"))![1]!.trimEnd();
    expect(formatFailure(failure)).toBe(shown);
  });

  it("the worked example passes every check, like InMemoryStore", async () => {
    const report = await runChecks({ createStore: () => new MapStore(), env: {} });
    expect(report.results.filter((r) => r.status !== "passed").map((r) => r.id)).toEqual([]);
    expect((await runChecks({ createStore: () => new InMemoryStore(), env: {} })).failed).toBe(0);
  });
});

describe("the shrunk counterexample in the walkthrough", () => {
  it("is what the model-based check prints for UpstreamCursorStore, and its replay line reproduces it", async () => {
    const { UpstreamCursorStore } = await import("../../docs/examples/UpstreamCursorStore.js");
    const report = await runChecks({ createStore: () => new UpstreamCursorStore(), only: ["model.sequences"], env: {} });
    const failure = report.results.find((r) => r.id === "model.sequences")!;
    const shown = /```text\n(✗ model\.sequences[\s\S]*?)```/.exec(read("docs/test-your-own-store.md"))![1]!.trimEnd();
    expect(formatFailure(failure)).toBe(shown);
    const replayed = await runChecks({ createStore: () => new UpstreamCursorStore(), replay: { check: "model.sequences", ...failure.failure!.replay! }, env: {} });
    const again = replayed.results.find((r) => r.id === "model.sequences")!;
    expect(again.failure?.counterexample).toEqual(failure.failure!.counterexample);
    expect(replayed.results.filter((r) => r.status !== "skipped").map((r) => r.id)).toEqual(["model.sequences"]);
  });
});
