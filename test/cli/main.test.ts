import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { main } from "../../src/cli/main.js";

let out = "";
let err = "";
beforeEach(() => {
  out = "";
  err = "";
  vi.spyOn(process.stdout, "write").mockImplementation((chunk) => ((out += String(chunk)), true));
  vi.spyOn(process.stderr, "write").mockImplementation((chunk) => ((err += String(chunk)), true));
});
afterEach(() => vi.restoreAllMocks());

const storeModule = (body: string) => {
  const dir = mkdtempSync(join(tmpdir(), "ckt-cli-"));
  const file = join(dir, "store.mjs");
  const src = new URL("../../src/index.ts", import.meta.url).pathname;
  writeFileSync(file, body.replace("$SRC", src));
  return file;
};

describe("chatkit-testkit CLI", () => {
  it("prints usage and exits 2 on a bad command or option", async () => {
    expect(await main(["frobnicate"])).toBe(2);
    expect(err).toContain('unknown command "frobnicate"');
    expect(await main(["check"])).toBe(2);
    expect(err).toContain("check needs a <module> or --bundled");
    expect(await main(["check", "--bundled", "--seed", "x"])).toBe(2);
    expect(err).toContain('--seed must be an integer, got "x"');
  });

  it("lists every check", async () => {
    expect(await main(["list"])).toBe(0);
    expect(out).toContain("paging.items-ties-every-limit");
    expect(out).toContain("model.sequences");
  });

  it("exits 0 and prints the table for a conforming module", async () => {
    const file = storeModule(`import { InMemoryStore } from "$SRC"; export const createStore = () => new InMemoryStore();`);
    expect(await main(["check", file, "--quiet", "--only", "paging.exclusive-cursor,cursor.unknown"])).toBe(0);
    expect(out).toContain("✓ cursor.unknown");
    expect(out).toMatch(/2 passed, 0 failed, \d+ skipped/);
  });

  it("exits 1 and prints the failure with a rerun line for a broken store", async () => {
    const file = storeModule(`import { InMemoryStore } from "$SRC";
      class Broken extends InMemoryStore { async loadThreads(limit, after, order, ctx) { return super.loadThreads(limit, null, order, ctx); } }
      export default { createStore: () => new Broken() };`);
    expect(await main(["check", file, "--quiet", "--only", "cursor.unknown"])).toBe(1);
    expect(out).toContain("✗ cursor.unknown (C-CURSOR, C-ERR)");
    expect(out).toContain("rerun:  CHATKIT_TESTKIT_ONLY=cursor.unknown");
  });

  it("exits 2 with a clear message when the module has no createStore", async () => {
    const file = storeModule(`export const somethingElse = 1;`);
    expect(await main(["check", file])).toBe(2);
    expect(err).toContain("must export createStore()");
    expect(err).toContain("exports: somethingElse");
  });
});
