import { afterAll, describe, it } from "vitest";
import { runStoreConformance } from "chatkit-testkit/vitest";
import { pgMemBackend, postgresUrl, realPgBackend } from "../postgres/backends.js";

// The whole conformance harness against PostgresStore: on pg-mem (always) and on the real PostgreSQL
// of this run (test/setup/postgres.ts starts one when the binaries exist; CI requires it).
const memory = pgMemBackend("shared");
const real = realPgBackend("shared");
afterAll(async () => {
  await memory.close();
  await real.close();
});

runStoreConformance("PostgresStore on pg-mem", {
  createStore: () => memory.createStore(),
  destroyStore: (store) => memory.destroyStore(store as never),
});

if (real.available) {
  runStoreConformance("PostgresStore on PostgreSQL", {
    createStore: () => real.createStore(),
    destroyStore: (store) => real.destroyStore(store as never),
  });
} else {
  describe("PostgresStore on PostgreSQL", () => {
    it.skip(`SKIPPED — the real PostgreSQL tier did not run: ${postgresUrl().note || real.reason}`, () => {});
  });
}
