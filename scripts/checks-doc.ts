/**
 * Writes docs/checks.md from the harness's check list, and the "Checked by" line of every rule in
 * docs/contract.md (run: node --import tsx scripts/checks-doc.ts). Tests fail when either is stale.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { ALL_CHECKS } from "../src/harness/checks/index.js";

export function checksPage(): string {
  const lines = [
    "# The checks",
    "",
    "Every check of the conformance harness: its stable id (use it in `skip` and `only`), how it explores,",
    "the contract rules it enforces (see [contract.md](contract.md)), and what a correct store does.",
    "Generated from `src/harness/checks/` by `scripts/checks-doc.ts`; a test keeps it in sync.",
    "",
    "| id | kind | rules | a correct store… |",
    "|---|---|---|---|",
  ];
  for (const c of ALL_CHECKS) {
    const requires = c.requires?.length ? ` *(requires ${c.requires.join(", ")})*` : "";
    lines.push(`| \`${c.id}\` | ${c.kind} | ${c.rules.join(", ")} | ${c.statement.replace(/\|/g, "\\|")}${requires} |`);
  }
  return `${lines.join("\n")}\n`;
}

/** docs/contract.md with each rule's "Checked by" paragraph regenerated from the checks' rules. */
export function contractPage(page: string): string {
  return page.replace(/^## (C-[A-Z-]+)\n([\s\S]*?)(?=^## |^---$)/gm, (section, rule: string) =>
    section.replace(/^Checked by: [\s\S]*?(?=\n\n|$(?![\s\S]))/m, () => {
      const ids = ALL_CHECKS.filter((c) => (c.rules as readonly string[]).includes(rule)).map((c) => `\`${c.id}\``);
      const lines: string[] = [];
      let line = "Checked by:";
      for (const id of ids) {
        const next = `${line} ${id}${id === ids[ids.length - 1] ? "" : ","}`;
        if (next.length > 100 && line !== "Checked by:") {
          lines.push(line);
          line = `${id}${id === ids[ids.length - 1] ? "" : ","}`;
        } else line = next;
      }
      lines.push(line);
      return lines.join("\n");
    }),
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  writeFileSync(new URL("../docs/checks.md", import.meta.url), checksPage());
  const contract = new URL("../docs/contract.md", import.meta.url);
  writeFileSync(contract, contractPage(readFileSync(contract, "utf8")));
  console.log(`docs/checks.md and docs/contract.md: ${ALL_CHECKS.length} checks`);
}
