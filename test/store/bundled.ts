/**
 * The one list of bundled stores the kernel tests (`test/store/*.stores.test.ts`) run on: InMemoryStore,
 * PostgresStore on pg-mem, and on the run's real PostgreSQL (unavailable, so skipped, when the run has
 * none). A new bundled store goes here and reaches every one of those tests.
 */
import { assert, beforeAll, it } from "vitest";
import { InMemoryStore, type Store } from "chatkit-testkit";
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

/**
 * What a describe block of one backend needs: `test`, skipped when the backend is unavailable; the
 * block's one `store()` of it, created in `beforeAll`; and `scope()`, a fresh scope key (`<label>_<n>`)
 * of that store, so every test starts empty without a new database. Close the backends in `afterAll`.
 */
export function onBackend(backend: StoreBackend, label: string): { test: ReturnType<typeof it.skipIf>; store: () => Store<unknown, any>; scope: () => { user_id: string } } {
  let store: Store<unknown, any> | undefined;
  let scopes = 0;
  beforeAll(async () => {
    if (backend.available) store = (await backend.createStore()) as unknown as Store<unknown, any>;
  });
  return {
    test: it.skipIf(!backend.available),
    store: () => store ?? assert.fail(`${backend.name}: the store is created in beforeAll`),
    scope: () => ({ user_id: `${label}_${++scopes}` }),
  };
}
