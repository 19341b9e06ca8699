/**
 * `chatkit-testkit/postgres` — PostgresStore, its migration, and a pg-mem flavour for unit tests.
 * Needs a node-postgres-shaped client (the store never imports `pg`); pg-mem only for
 * {@link createPgMemStore}. Errors are the same classes as the main entry's.
 * @packageDocumentation
 */
export { PostgresStore, type PostgresStoreOptions } from "./PostgresStore.js";
export { migrate, schemaStatus, SCHEMA_VERSION, type MigrateResult, type SchemaStatus } from "./migrations.js";
export type { TableOptions, TableKey } from "./names.js";
export type { PostgresClient, QueryResultLike } from "./client.js";
export { createPgMemStore, pgMemClient, PgMemStore, type PgMemStoreOptions, type PgMemDb } from "./pgMem.js";
