/** The item types have one source (the schemas in src/model/items.ts); prose that counts them agrees with it. */
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { THREAD_ITEM_TYPES, ThreadItemSchema } from "../../src/model/items.js";
import { docPages, repo } from "../docs/pages.js";

/** Every .ts file under `dir` (relative to the repository). */
const sourceFiles = (dir: string): string[] =>
  readdirSync(path.join(repo, dir), { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sourceFiles(`${dir}/${e.name}`) : e.name.endsWith(".ts") ? [`${dir}/${e.name}`] : []));

describe("the item types, one list", () => {
  it("THREAD_ITEM_TYPES is the schema's variants, in order", () => {
    expect(ThreadItemSchema.options.map((o) => o.shape.type.value)).toEqual([...THREAD_ITEM_TYPES]);
  });

  it("they are upstream's thread item types (docs/upstream.md §2.4), no more and no fewer", () => {
    const upstream = ["user_message", "assistant_message", "client_tool_call", "widget", "generated_image", "structured_input", "workflow", "task", "hidden_context_item", "sdk_hidden_context", "end_of_turn"];
    expect([...THREAD_ITEM_TYPES].sort()).toEqual(upstream.sort());
  });

  it("docs/data-model.md counts as many item types as THREAD_ITEM_TYPES has", () => {
    const page = readFileSync(path.resolve(import.meta.dirname, "../../docs/data-model.md"), "utf8");
    const counts = [...page.matchAll(/\b(\d+) (?:item )?types\b/g)].map((m) => Number(m[1]));
    expect(counts.length).toBeGreaterThan(0);
    expect(counts.every((n) => n === THREAD_ITEM_TYPES.length)).toBe(true);
  });

  it("every count of the item types in README.md, docs/ and src/ is THREAD_ITEM_TYPES.length", () => {
    // "the 11 item types", "all 11 item variants", "one of 11 variants": a new item type makes each such
    // count fail here instead of going stale. Lines about chatkit-node-backend-sdk's narrower model are skipped.
    const files = [...docPages(), ...sourceFiles("src")];
    const wrong: string[] = [];
    for (const file of files) {
      for (const line of readFileSync(path.join(repo, file), "utf8").split("\n")) {
        if (/SDK|sdk/.test(line)) continue;
        for (const m of line.matchAll(/\b(\d+) (?:item )?(?:types|variants)\b/g)) if (Number(m[1]) !== THREAD_ITEM_TYPES.length) wrong.push(`${file}: ${m[0]}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
