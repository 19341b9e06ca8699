/**
 * Rows ↔ records. A record is stored as JSON text (docs/decisions/postgres-data-as-text.md); a row read
 * back is checked like a record written, and a row that fails says which table and id it is
 * (CorruptDataError).
 * @internal
 * @packageDocumentation
 */
import type { JsonObject } from "../model/json.js";
import { show } from "../errors/render.js";
import { envelopeProblem, modelProblem } from "../store/arguments.js";
import { CorruptDataError } from "../errors/errors.js";

/** The kinds of record, one per table. @internal */
export type RecordKind = "thread" | "item" | "attachment";

/** A row as the page and load statements return it. @internal */
export interface DataRow {
  readonly id: string;
  readonly data: unknown;
  /** Listings also return the row's position (positions.ts). */
  readonly created_micros?: unknown;
  readonly seq?: unknown;
}

/** The `data` text of a record: JSON, exact (C-ROUNDTRIP). @internal */
export function encodeRecord(value: JsonObject): string {
  return JSON.stringify(value);
}

/**
 * Decodes one row into a record.
 * @param table - the table's name for messages
 * @param strict - also validate against the ChatKit model (the store's `strict` option)
 * @throws {CorruptDataError} naming the table and the row's id when the data is not JSON, not a record of
 *   this kind, or names another id than the row
 * @internal
 */
export function decodeRecord(kind: RecordKind, table: string, row: DataRow, strict: boolean): JsonObject {
  const id = String(row.id);
  if (typeof row.data !== "string") {
    throw new CorruptDataError(table, id, `data must be JSON text, got ${show(row.data)}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(row.data);
  } catch (error) {
    throw new CorruptDataError(table, id, `data is not valid JSON (${(error as Error).message}), got ${show(row.data)}`, { cause: error });
  }
  const problem = envelopeProblem(kind, value);
  if (problem) throw new CorruptDataError(table, id, `${problem.path} ${problem.problem}`);
  const record = value as JsonObject;
  if (record.id !== id) {
    throw new CorruptDataError(table, id, `${kind}.id does not match the row's id column, got ${show(record.id)}`);
  }
  if (strict) {
    const invalid = modelProblem(kind, record);
    if (invalid) throw new CorruptDataError(table, id, `does not match the ChatKit model (strict mode): ${invalid.issues}`, { cause: invalid.error });
  }
  return record;
}
