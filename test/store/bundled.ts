/**
 * The one list of bundled stores the kernel tests (`test/store/*.stores.test.ts`) run on: InMemoryStore,
 * PostgresStore on pg-mem, and on the run's real PostgreSQL (unavailable, so skipped, when the run has
 * none). A new bundled store goes here and reaches every one of those tests.
 */
import { InMemoryStore } from "chatkit-testkit";
import { pgMemBackend, realPgBackend, type StoreBackend, type StoreOptions } from "../postgres/backends.js";

/** InMemoryStore as a backend: each store is new and needs no cleanup. */
export const memoryBackend: StoreBackend = {
  name: "InMemoryStore",
  available: true,
  real: false,
  createStore: async (options: StoreOptions = {}) => new InMemoryStore(options) as never,
  destroyStore: async () => {},
  close: async () => {},
};

/** Every bundled store, each PostgreSQL backend in a database of its own; close them in `afterAll`. */
export function bundledBackends(): StoreBackend[] {
  return [memoryBackend, pgMemBackend("database"), realPgBackend("database")];
}
