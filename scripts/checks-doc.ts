/**
 * Writes docs/checks.md from the harness's check list (run: node --import tsx scripts/checks-doc.ts).
 * test/harness/docs.test.ts fails when the page is out of date.
 */
import { writeFileSync } from "node:fs";
import { ALL_CHECKS } from "../src/harness/checks/index.js";

export function checksPage(): string {
  const lines = [
    "# The checks",
    "",
    "Every check of the conformance harness: its stable id (use it in `skip` and `only`), how it explores,",
    "the CONTRACT.md rules it enforces (see [contract.md](contract.md)), and what a correct store does.",
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

if (import.meta.url === `file://${process.argv[1]}`) {
  writeFileSync(new URL("../docs/checks.md", import.meta.url), checksPage());
  console.log(`docs/checks.md: ${ALL_CHECKS.length} checks`);
}
