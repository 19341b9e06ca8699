/**
 * `npm run check`: the conformance harness against the bundled stores, with its report.
 * InMemoryStore and PostgresStore on pg-mem always; PostgresStore on PostgreSQL through DATABASE_URL, or
 * on a throwaway cluster started here when PostgreSQL binaries are installed (as `npm test` does).
 * Arguments are passed to `chatkit-testkit check --bundled` (e.g. --thorough, --only …).
 */
import { main } from "../src/cli/main.js";
import { findPostgresBin, startCluster, type Cluster } from "../test/setup/postgres.js";

const env: Record<string, string | undefined> = { ...process.env };
let cluster: Cluster | undefined;
if (!env.DATABASE_URL) {
  const bin = findPostgresBin();
  if (bin) {
    cluster = await startCluster(bin);
    env.DATABASE_URL = cluster.url;
    process.stderr.write(`started a throwaway PostgreSQL (${bin}) for this run\n`);
  } else {
    process.stderr.write("no DATABASE_URL and no PostgreSQL binaries: PostgresStore on PostgreSQL is not run\n");
  }
}
try {
  process.exitCode = await main(["check", "--bundled", ...process.argv.slice(2)], env);
} finally {
  cluster?.stop();
}
