import { readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root. */
export const repo = fileURLToPath(new URL("../../", import.meta.url));

/** README.md and every page under docs/, as paths relative to the repository, e.g. `docs/contract.md`. */
export function docPages(): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(path.join(repo, dir), { withFileTypes: true })
      .sort((a, b) => a.name.localeCompare(b.name))
      .flatMap((e) => (e.isDirectory() ? walk(`${dir}/${e.name}`) : e.name.endsWith(".md") ? [`${dir}/${e.name}`] : []));
  return ["README.md", ...walk("docs")];
}
