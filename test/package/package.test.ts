/**
 * The published package, as a user gets it: `npm run build`, `npm pack`, install the tarball into a
 * scratch project, and use it from ESM, from CommonJS and from vitest. Slow (a build: about 30 s on
 * 2 cores); set CHATKIT_TESTKIT_SKIP_PACKAGE=1 to skip it while iterating on something else.
 */
import { spawnSync, type SpawnSyncReturns } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const repo = fileURLToPath(new URL("../../", import.meta.url));
const skip = process.env.CHATKIT_TESTKIT_SKIP_PACKAGE === "1";

/** The environment without the variables an outer `npm test` sets, so nested npm calls see their own project. */
function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^npm_/i.test(k) && k !== "VITEST" && k !== "NODE_ENV") env[k] = v;
  return { ...env, NO_COLOR: "1", CI: "1" };
}

function run(command: string, args: string[], cwd: string, timeout = 120_000): SpawnSyncReturns<string> {
  const result = spawnSync(command, args, { cwd, env: cleanEnv(), encoding: "utf8", timeout });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(" ")} (in ${cwd}) exited ${result.status}\n${result.stdout}\n${result.stderr}`);
  }
  return result;
}

const node = (file: string, cwd: string) => run(process.execPath, [file], cwd, 60_000).stdout;

// Peers are not installed from the registry: the consumer links this repository's copies, which is
// enough to load each entry (their own dependencies resolve from their real location).
const PEERS = ["fast-check", "vitest", "msw", "pg", "pg-mem"];

/** What both consumers do with the store, printed as one JSON line. */
const SCENARIO = `
  const store = new InMemoryStore();
  const ctx = { user_id: "u1" };
  await store.saveThread({ id: "thr_1", created_at: "2026-03-01T09:00:00Z", title: "From the tarball" }, ctx);
  await store.addThreadItem("thr_1", { type: "assistant_message", id: "msg_1", thread_id: "thr_1", created_at: "2026-03-01T09:00:01Z", content: [{ text: "Hi" }] }, ctx);
  const thread = await store.loadThread("thr_1", ctx);
  const page = await store.loadThreadItems("thr_1", null, 20, "asc", ctx);
  let missing;
  try { await store.loadThread("nope", ctx); } catch (error) { missing = error.name + " " + (error instanceof NotFoundError); }
  result.store = { title: thread.title, items: page.data.map((i) => i.id), has_more: page.has_more, missing };
`;

describe.skipIf(skip)("the packed package (slow: build, pack, install)", () => {
  let work = "";
  let consumer = "";
  let tarball = "";

  beforeAll(() => {
    work = mkdtempSync(path.join(tmpdir(), "chatkit-testkit-pack-"));
    run("npm", ["run", "build"], repo, 180_000);
    const packed = JSON.parse(run("npm", ["pack", "--json", "--pack-destination", work], repo).stdout) as { filename: string; files: { path: string }[] }[];
    tarball = path.join(work, packed[0]!.filename);
    writeFileSync(path.join(work, "files.json"), JSON.stringify(packed[0]!.files.map((f) => f.path)));
    consumer = path.join(work, "consumer");
    mkdirSync(consumer);
    writeFileSync(path.join(consumer, "package.json"), JSON.stringify({ name: "consumer", private: true, version: "1.0.0" }));
    run("npm", ["install", "--prefix", consumer, "--prefer-offline", "--no-audit", "--no-fund", "--ignore-scripts", "--loglevel=error", tarball], consumer);
    for (const peer of PEERS) symlinkSync(path.join(repo, "node_modules", peer), path.join(consumer, "node_modules", peer), "dir");
  }, 300_000);

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it("ships dist, fixtures, README and package.json, and no sources or tests", () => {
    const files = JSON.parse(readFileSync(path.join(work, "files.json"), "utf8")) as string[];
    expect(files).toContain("package.json");
    expect(files).toContain("README.md");
    for (const entry of ["index.js", "index.cjs", "index.d.ts", "index.d.cts", "vitest.js", "vitest.d.ts", "cli.js"]) expect(files).toContain(`dist/${entry}`);
    expect(files.filter((f) => !/^(dist|fixtures)\/|^(package\.json|README\.md|LICENSE)$/.test(f))).toEqual([]);
  });

  it("an ESM consumer imports InMemoryStore, saves and loads a thread, and resolves every entry", () => {
    writeFileSync(
      path.join(consumer, "esm.mjs"),
      `import { InMemoryStore, NotFoundError, loadGoldenFixtures } from "chatkit-testkit";
      const result = {};
      ${SCENARIO}
      const golden = loadGoldenFixtures();
      result.golden = { valid: golden.valid.length > 50, invalid: golden.invalid.length > 10 };
      result.resolved = ["chatkit-testkit/harness", "chatkit-testkit/vitest", "chatkit-testkit/postgres", "chatkit-testkit/msw"]
        .map((s) => import.meta.resolve(s).replace(/^.*\\/node_modules\\//, ""));
      const harness = await import("chatkit-testkit/harness");
      const report = await harness.runChecks({ createStore: () => new InMemoryStore(), only: ["paging.items-ties-every-limit", "cursor.unknown"], env: {} });
      result.harness = { passed: report.passed, failed: report.failed };
      for (const entry of ["postgres", "msw"]) await import("chatkit-testkit/" + entry);
      console.log(JSON.stringify(result));`,
    );
    const result = JSON.parse(node("esm.mjs", consumer));
    expect(result).toEqual({
      store: { title: "From the tarball", items: ["msg_1"], has_more: false, missing: "NotFoundError true" },
      resolved: [
        "chatkit-testkit/dist/harness.js",
        "chatkit-testkit/dist/vitest.js",
        "chatkit-testkit/dist/postgres.js",
        "chatkit-testkit/dist/msw.js",
      ],
      harness: { passed: 2, failed: 0 },
      golden: { valid: true, invalid: true },
    });
  });

  it("a CommonJS consumer requires InMemoryStore and the CJS entries; chatkit-testkit/vitest is not offered to require()", () => {
    writeFileSync(
      path.join(consumer, "cjs.cjs"),
      `const { InMemoryStore, NotFoundError, loadGoldenFixtures } = require("chatkit-testkit");
      const result = {};
      (async () => {
        ${SCENARIO}
        const golden = loadGoldenFixtures();
        result.golden = { valid: golden.valid.length > 50, invalid: golden.invalid.length > 10 };
        result.resolved = ["chatkit-testkit/harness", "chatkit-testkit/postgres", "chatkit-testkit/msw"]
          .map((s) => require.resolve(s).replace(/^.*\\/node_modules\\//, ""));
        const report = await require("chatkit-testkit/harness").runChecks({ createStore: () => new InMemoryStore(), only: ["cursor.unknown"], env: {} });
        result.harness = { passed: report.passed, failed: report.failed };
        require("chatkit-testkit/postgres");
        require("chatkit-testkit/msw");
        try { require("chatkit-testkit/vitest"); result.vitest = "loaded"; } catch (error) { result.vitest = error.code; }
        console.log(JSON.stringify(result));
      })();`,
    );
    const result = JSON.parse(node("cjs.cjs", consumer));
    expect(result).toEqual({
      store: { title: "From the tarball", items: ["msg_1"], has_more: false, missing: "NotFoundError true" },
      resolved: ["chatkit-testkit/dist/harness.cjs", "chatkit-testkit/dist/postgres.cjs", "chatkit-testkit/dist/msw.cjs"],
      harness: { passed: 1, failed: 0 },
      golden: { valid: true, invalid: true },
      vitest: "ERR_PACKAGE_PATH_NOT_EXPORTED",
    });
  });

  it("chatkit-testkit/vitest registers the conformance checks in a consumer's own vitest run", () => {
    writeFileSync(
      path.join(consumer, "store.test.mjs"),
      `import { InMemoryStore } from "chatkit-testkit";
      import { runStoreConformance } from "chatkit-testkit/vitest";
      runStoreConformance("InMemoryStore from the tarball", { createStore: () => new InMemoryStore(), only: ["cursor.unknown", "order.ties-insertion"] });`,
    );
    const report = path.join(work, "vitest.json");
    run(
      process.execPath,
      [path.join(consumer, "node_modules/vitest/vitest.mjs"), "run", "--root", consumer, "--reporter=json", `--outputFile=${report}`, "store.test.mjs"],
      consumer,
    );
    const json = JSON.parse(readFileSync(report, "utf8")) as { testResults: { assertionResults: { title: string; status: string }[] }[] };
    const results = json.testResults.flatMap((f) => f.assertionResults);
    expect(results.filter((r) => r.status === "passed").map((r) => r.title.split(":")[0])).toEqual(["order.ties-insertion", "cursor.unknown"]);
    expect(results.every((r) => r.status === "passed" || r.status === "skipped" || r.status === "pending")).toBe(true);
  });

  it("the bin runs from the tarball (chatkit-testkit list)", () => {
    const out = run(path.join(consumer, "node_modules/.bin/chatkit-testkit"), ["list"], consumer).stdout;
    expect(out).toContain("cursor.unknown");
  });
});
