import type { CheckId } from "chatkit-testkit/harness";
import { SimpleStore, type Json } from "./SimpleStore.js";

export const bug = "every string is stored in a TEXT column that holds 65,535 bytes (MySQL without strict mode): a longer string is silently cut to its first 65,535 UTF-8 bytes";
export const expectedChecks: readonly CheckId[] = ["roundtrip.strings-past-64k", "roundtrip.megabyte-payloads"];

const TEXT_BYTES = 65_535;

/** Keeps the whole characters of `text` that fit in `max` UTF-8 bytes, as MySQL does when it truncates. */
function cutToBytes(text: string, max: number): string {
  if (Buffer.byteLength(text) <= max) return text;
  let bytes = 0;
  let out = "";
  for (const ch of text) {
    bytes += Buffer.byteLength(ch);
    if (bytes > max) break;
    out += ch;
  }
  return out;
}

function cutStrings(value: unknown): unknown {
  if (typeof value === "string") return cutToBytes(value, TEXT_BYTES);
  if (Array.isArray(value)) return value.map(cutStrings);
  if (value !== null && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, cutStrings(v)]));
  return value;
}

/** Modelled on the MySQL TEXT truncations of FlowiseAI #2159 and humhub/wiki #37 (65,535 bytes, silent without strict mode). */
export default class TextCutAt65535Bytes extends SimpleStore {
  protected override writeCopy(value: Json): Json {
    return cutStrings(super.writeCopy(value)) as Json;
  }
}
