import type { CheckId } from "chatkit-testkit/harness";
import { SimpleStore, type Json } from "./SimpleStore.js";

export const bug = "thread and attachment metadata is kept as JSON text in a 65,535-byte column: longer JSON is cut, does not parse on load, and the store's `catch` falls back to {}";
export const expectedChecks: readonly CheckId[] = ["roundtrip.megabyte-payloads", "roundtrip.strings-past-64k"];

const COLUMN_BYTES = 65_535;

/** `JSON.parse` of the column, with the fallback so many stores put around it. */
function fromColumn(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return {};
  }
}

/** Modelled on the MySQL TEXT truncation of FlowiseAI #2159 ("Unterminated string in JSON at position 65535") behind a lenient decoder. */
export default class MetadataColumn64Kib extends SimpleStore {
  protected override writeCopy(value: Json): Json {
    const copy = super.writeCopy(value);
    if (copy.metadata === undefined || copy.metadata === null) return copy;
    const column = Buffer.from(JSON.stringify(copy.metadata)).subarray(0, COLUMN_BYTES).toString("utf8");
    return { ...copy, metadata: fromColumn(column) } as Json;
  }
}
