/**
 * Table names: validated once, quoted once, shared by statements.ts and migrations.ts.
 * @internal
 * @packageDocumentation
 */
import { show } from "../model/json.js";
import { InvalidArgumentError } from "../errors/errors.js";

/** Where the store's tables live. Shared by {@link PostgresStoreOptions} and `migrate()`. */
export interface TableOptions {
  /**
   * The PostgreSQL schema of the tables. `migrate()` creates it when missing. Unset, names are left
   * unqualified and resolve through the connection's `search_path` (usually `public`).
   * @defaultValue unset
   */
  schema?: string;
  /**
   * Prefix of the default table names: `<prefix>threads`, `<prefix>items`, `<prefix>attachments` and
   * `<prefix>migrations`.
   * @defaultValue `"chatkit_"`
   */
  tablePrefix?: string;
  /** Full names of individual tables; each one overrides `tablePrefix` for that table. */
  tables?: Partial<Record<TableKey, string>>;
}

/** The tables of the store. */
export type TableKey = "threads" | "items" | "attachments" | "migrations";

const TABLE_KEYS: readonly TableKey[] = ["threads", "items", "attachments", "migrations"];

/** Quoted (and, with a schema, qualified) identifiers of every table, index and constraint. @internal */
export interface Names {
  /** Unquoted, for messages: `chatkit_items` or `app.chatkit_items`. */
  readonly display: Readonly<Record<TableKey, string>>;
  /** Quoted and qualified table names, ready for SQL. */
  readonly table: Readonly<Record<TableKey, string>>;
  /** Quoted schema, or null when unset. */
  readonly schema: string | null;
  /** Unquoted table names, without the schema. */
  readonly raw: Readonly<Record<TableKey, string>>;
  /**
   * The key of this set of tables in the migrations table (its `table_set` column): the unquoted names of
   * threads, items and attachments, joined by spaces (identifiers hold no spaces).
   */
  readonly tableSet: string;
  /**
   * The quoted, qualified names of the threads, items and attachments tables of the set that rows of the
   * migrations table without a `table_set` (written before that column existed) belong to: the default
   * names of the migrations table's prefix (`app_migrations` → `app_threads`, …). Null when the migrations
   * table's name does not end in `migrations`.
   */
  readonly legacySet: { readonly key: string; readonly table: Readonly<Record<"threads" | "items" | "attachments", string>> } | null;
  /** Quoted names of constraints (unqualified: constraints belong to their table). */
  readonly constraint: { readonly threadsPkey: string; readonly itemsPkey: string; readonly itemsThreadFkey: string; readonly attachmentsPkey: string };
  /** Quoted index names (unqualified, for CREATE INDEX: indexes go to the table's schema). */
  readonly index: {
    readonly threadsOrder: string;
    readonly itemsOrder: string;
    /** The unique index on `version` that migrations.ts used to create; dropped by its bookkeeping step. */
    readonly migrationsVersion: string;
    /** The unique index on `(table_set, version)` of the migrations table. */
    readonly migrationsSet: string;
  };
}

/**
 * Identifiers are restricted to ASCII letters, digits and `_`, not starting with a digit, at most 63
 * bytes (PostgreSQL's NAMEDATALEN - 1; longer names would be truncated silently). They are still
 * quoted, so case is kept. The restriction keeps `$`, quotes and spaces out of the SQL text, which pg-mem
 * needs: it substitutes `$n` parameters textually.
 */
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const MAX_IDENTIFIER = 63;

function checkIdentifier(method: string, argument: string, value: unknown): string {
  if (typeof value !== "string" || !IDENTIFIER.test(value)) {
    throw new InvalidArgumentError(method, argument, `must be an identifier of ASCII letters, digits and "_" not starting with a digit, got ${show(value)}`);
  }
  if (value.length > MAX_IDENTIFIER) {
    throw new InvalidArgumentError(method, argument, `must be at most ${MAX_IDENTIFIER} characters (PostgreSQL truncates longer names), got ${value.length}`);
  }
  return value;
}

const quote = (identifier: string) => `"${identifier}"`;

/** The `table_set` key of a set of tables (see {@link Names.tableSet}). */
const setKey = (raw: { readonly threads: string; readonly items: string; readonly attachments: string }) => `${raw.threads} ${raw.items} ${raw.attachments}`;

/**
 * Validates the table options and builds every name the SQL needs.
 * @throws {InvalidArgumentError} for a schema, prefix or table name that is not a plain identifier
 * @internal
 */
export function resolveNames(method: string, options: TableOptions): Names {
  const schema = options.schema === undefined ? null : checkIdentifier(method, "schema", options.schema);
  const prefix = options.tablePrefix === undefined ? "chatkit_" : options.tablePrefix;
  if (prefix !== "") checkIdentifier(method, "tablePrefix", prefix);
  if (options.tables !== undefined && (options.tables === null || typeof options.tables !== "object")) {
    throw new InvalidArgumentError(method, "tables", `must be an object of table names, got ${show(options.tables)}`);
  }
  for (const key of Object.keys(options.tables ?? {})) {
    if (!(TABLE_KEYS as readonly string[]).includes(key)) {
      throw new InvalidArgumentError(method, `tables.${key}`, `is not a table of the store (${TABLE_KEYS.join(", ")}), got ${show(key)}`);
    }
  }
  const raw = {} as Record<TableKey, string>;
  for (const key of TABLE_KEYS) {
    const given = options.tables?.[key];
    raw[key] = checkIdentifier(method, given === undefined ? "tablePrefix" : `tables.${key}`, given ?? `${prefix}${key}`);
  }
  if (new Set(Object.values(raw)).size !== TABLE_KEYS.length) {
    throw new InvalidArgumentError(method, "tables", `must name four different tables, got ${show(raw)}`);
  }
  // Index and constraint names share the schema's namespace with the tables: derive them from the tables.
  const derived = (table: TableKey, suffix: string) => checkIdentifier(method, table === "migrations" ? "tables.migrations" : `tables.${table}`, `${raw[table]}_${suffix}`);
  const qualify = (name: string) => (schema === null ? quote(name) : `${quote(schema)}.${quote(name)}`);
  const table = {} as Record<TableKey, string>;
  const display = {} as Record<TableKey, string>;
  for (const key of TABLE_KEYS) {
    table[key] = qualify(raw[key]);
    display[key] = schema === null ? raw[key] : `${schema}.${raw[key]}`;
  }
  const legacyPrefix = raw.migrations.endsWith("migrations") ? raw.migrations.slice(0, -"migrations".length) : null;
  const legacyRaw = legacyPrefix === null ? null : { threads: `${legacyPrefix}threads`, items: `${legacyPrefix}items`, attachments: `${legacyPrefix}attachments` };
  const legacySet =
    legacyRaw === null || legacyRaw.attachments.length > MAX_IDENTIFIER
      ? null
      : {
          key: setKey(legacyRaw),
          table: { threads: qualify(legacyRaw.threads), items: qualify(legacyRaw.items), attachments: qualify(legacyRaw.attachments) },
        };
  return {
    display,
    table,
    schema: schema === null ? null : quote(schema),
    raw: Object.freeze({ ...raw }),
    tableSet: setKey(raw),
    legacySet,
    constraint: {
      threadsPkey: quote(derived("threads", "pkey")),
      itemsPkey: quote(derived("items", "pkey")),
      itemsThreadFkey: quote(derived("items", "thread_fkey")),
      attachmentsPkey: quote(derived("attachments", "pkey")),
    },
    index: {
      threadsOrder: quote(derived("threads", "order")),
      itemsOrder: quote(derived("items", "order")),
      migrationsVersion: quote(derived("migrations", "version")),
      migrationsSet: quote(derived("migrations", "set")),
    },
  };
}
