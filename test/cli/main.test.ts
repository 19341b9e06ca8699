import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { describeResources } from "../../src/cli/exit.js";
import { indentError, loadStoreModule } from "../../src/cli/load.js";
import { main } from "../../src/cli/main.js";
import { missingPeer, missingPeerMessage } from "../../src/cli/peers.js";

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

  it("shows a set-up failure once, with no table of checks that did not run, and exits 1", async () => {
    const file = storeModule(`export const createStore = () => { throw new Error("no database"); };`);
    expect(await main(["check", file])).toBe(1);
    expect(out.split("createStore failed: no check ran")).toHaveLength(2);
    expect(out.split("no database")).toHaveLength(2);
    expect(out).not.toContain("not run: createStore failed");
    expect(out).toMatch(/0 passed, 0 failed, \d+ skipped; createStore failed/);
    expect(err.match(/createStore failed/g)).toHaveLength(1);
  });
});

describe("loading a store module", () => {
  it("says exactly what to install when a TypeScript module needs tsx and the project has none", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ckt-cli-notsx-"));
    writeFileSync(join(dir, "store.ts"), "export const createStore = (): unknown => null;\n");
    const error = await loadStoreModule("./store.ts", { cwd: dir }).then(() => null, (e: Error) => e);
    expect(error?.message).toContain("./store.ts is TypeScript: loading it needs tsx, which is not installed in this project");
    expect(error?.message).toContain("    npm install -D tsx");
    expect(error?.message).toContain("A plain .js or .mjs module needs nothing");
  });

  it("names a module that does not exist", async () => {
    await expect(loadStoreModule("./nope.ts", { cwd: tmpdir() })).rejects.toThrow(/module not found: .*nope\.ts/);
  });

  it("takes the options from named exports, a default export, or CommonJS module.exports", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ckt-cli-cjs-"));
    writeFileSync(join(dir, "a.cjs"), "module.exports = { createStore: () => 'a' };\n");
    writeFileSync(join(dir, "b.cjs"), "exports.default = { createStore: () => 'b' }; exports.__esModule = true;\n");
    writeFileSync(join(dir, "c.mjs"), "export const conformance = { createStore: () => 'c' };\n");
    for (const name of ["a", "b"]) expect((await loadStoreModule(`./${name}.cjs`, { cwd: dir })).createStore()).toBe(name);
    expect((await loadStoreModule("./c.mjs", { cwd: dir })).createStore()).toBe("c");
    expect((await loadStoreModule("./c.mjs", { cwd: dir, exportName: "conformance" })).createStore()).toBe("c");
    await expect(loadStoreModule("./c.mjs", { cwd: dir, exportName: "other" })).rejects.toThrow('has no export named "other"');
  });

  it("prints a loader error in full: message, stack frames and causes, indented", () => {
    const error = new Error("outer\nsecond line", { cause: Object.assign(new Error("inner"), { code: "E_INNER" }) });
    const text = indentError(error);
    expect(text.split("\n")[0]).toBe("    Error: outer");
    expect(text).toContain("\n    second line\n");
    expect(text).toMatch(/\n {8}at /);
    expect(text).toContain("    caused by: Error: inner");
    expect(indentError("a string")).toBe("    a string");
  });
});

describe("the CLI's messages", () => {
  it("recognises a missing peer from ERR_MODULE_NOT_FOUND, also as a cause, and nothing else", () => {
    const notFound = (message: string, code = "ERR_MODULE_NOT_FOUND") => Object.assign(new Error(message), { code });
    expect(missingPeer(notFound("Cannot find package 'fast-check' imported from /x/dist/chunk-A.js"))).toBe("fast-check");
    expect(missingPeer(notFound("Cannot find package 'pg-mem' imported from /x/dist/postgres.js"))).toBe("pg-mem");
    expect(missingPeer(new Error("wrapped", { cause: notFound("Cannot find module 'pg'", "MODULE_NOT_FOUND") }))).toBe("pg");
    expect(missingPeer(notFound("Cannot find package 'left-pad' imported from /x/store.mjs"))).toBeNull();
    expect(missingPeer(notFound("Cannot find module '/x/fast-check' imported from /x/store.mjs"))).toBeNull();
    expect(missingPeer(new Error("Cannot find package 'fast-check'"))).toBeNull();
    expect(missingPeerMessage("fast-check")).toContain("npm install -D fast-check");
  });

  it("describes what keeps the process alive in words, once per kind", () => {
    expect(describeResources(["TCPSocketWrap", "TCPSocketWrap", "Timeout", "TCPServerWrap", "SomethingNew"])).toEqual([
      "an open TCP socket (a database client or pool?) (2 of them)",
      "a timer (setInterval, or a setTimeout that has not fired)",
      "a listening TCP server",
      "a SomethingNew resource",
    ]);
  });
});
