import type { CheckId } from "chatkit-testkit/harness";
import { SimpleStore, type Json } from "./SimpleStore.js";

export const bug = "strings past 64 KiB are stored in 65,536-byte chunks and each chunk is decoded on its own: a multi-byte character that straddles a chunk boundary comes back as U+FFFD";
export const expectedChecks: readonly CheckId[] = ["roundtrip.strings-past-64k", "roundtrip.megabyte-payloads"];

const CHUNK_BYTES = 65_536;

/** What reading the chunks back gives: every chunk through its own `buf.toString("utf8")`. */
function rechunk(text: string): string {
  const bytes = Buffer.from(text, "utf8");
  if (bytes.length <= CHUNK_BYTES) return text;
  let out = "";
  for (let at = 0; at < bytes.length; at += CHUNK_BYTES) out += bytes.subarray(at, at + CHUNK_BYTES).toString("utf8");
  return out;
}

function rechunkStrings(value: unknown): unknown {
  if (typeof value === "string") return rechunk(value);
  if (Array.isArray(value)) return value.map(rechunkStrings);
  if (value !== null && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, rechunkStrings(v)]));
  return value;
}

/** Modelled on stores that split large values to fit a per-value size limit (Redis, DynamoDB) and join them back chunk by chunk. */
export default class ChunksDecodedSeparately extends SimpleStore {
  protected override writeCopy(value: Json): Json {
    // the chunks are decoded when the record is read; doing it once at write time shows the same values
    return rechunkStrings(super.writeCopy(value)) as Json;
  }
}
