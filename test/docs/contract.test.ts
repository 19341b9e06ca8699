import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ALL_CHECKS, RULE_IDS } from "chatkit-testkit/harness";

const page = readFileSync(new URL("../../docs/contract.md", import.meta.url), "utf8");

/** The body of each `## C-…` section. */
function sections(): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of page.matchAll(/^## (C-[A-Z-]+)\n([\s\S]*?)(?=^## |^---$)/gm)) out.set(m[1]!, m[2]!);
  return out;
}

describe("docs/contract.md", () => {
  it("has one heading per contract rule, in the order of docs/contract.md", () => {
    expect([...sections().keys()]).toEqual([...RULE_IDS]);
  });

  it("each rule's 'Checked by' list is exactly the harness checks that enforce it", () => {
    const mismatches: string[] = [];
    for (const [rule, body] of sections()) {
      const line = /^Checked by: ([\s\S]*?)(?:\n\n|(?![\s\S]))/m.exec(body);
      const listed = line ? [...line[1]!.matchAll(/`([^`]+)`/g)].map((m) => m[1]!) : [];
      const expected = ALL_CHECKS.filter((c) => (c.rules as readonly string[]).includes(rule)).map((c) => c.id);
      if (listed.join() !== expected.join()) mismatches.push(`${rule}: listed [${listed.join(", ")}], harness [${expected.join(", ")}]`);
    }
    expect(mismatches).toEqual([]);
  });

  it("each rule says what upstream does", () => {
    for (const [rule, body] of sections()) expect(body, rule).toContain("**Upstream:**");
  });
});
