import type { CheckId } from "chatkit-testkit/harness";
import { SimpleStore, type Json } from "./SimpleStore.js";

export const bug = "a record whose JSON passes 1 MiB (1,048,576 bytes, Firestore's document limit) is refused with a plain Error: payloads of a megabyte cannot be saved";
export const expectedChecks: readonly CheckId[] = ["roundtrip.megabyte-payloads"];

const MAX_DOCUMENT_BYTES = 1024 * 1024;

export default class RecordLimit1Mib extends SimpleStore {
  protected override checkRecord(method: string, kind: "thread" | "item" | "attachment", value: unknown): Json {
    const record = super.checkRecord(method, kind, value);
    const bytes = Buffer.byteLength(JSON.stringify(record));
    if (bytes > MAX_DOCUMENT_BYTES) throw new Error(`${method}: the ${kind} document is ${bytes} bytes, more than the maximum of ${MAX_DOCUMENT_BYTES}`);
    return record;
  }
}
