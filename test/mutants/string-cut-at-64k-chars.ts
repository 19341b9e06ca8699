import type { CheckId } from "chatkit-testkit/harness";
import { SimpleStore, type Json } from "./SimpleStore.js";

export const bug = "the store guards a 64 KiB column by cutting every string to 65,536 characters (`text.slice(0, 64 * 1024)`), counting UTF-16 units: longer strings lose their end";
export const expectedChecks: readonly CheckId[] = ["roundtrip.strings-past-64k", "roundtrip.megabyte-payloads"];

const MAX_TEXT = 64 * 1024;

function cutStrings(value: unknown): unknown {
  if (typeof value === "string") return value.length > MAX_TEXT ? value.slice(0, MAX_TEXT) : value;
  if (Array.isArray(value)) return value.map(cutStrings);
  if (value !== null && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, cutStrings(v)]));
  return value;
}

export default class StringCutAt64kChars extends SimpleStore {
  protected override writeCopy(value: Json): Json {
    return cutStrings(super.writeCopy(value)) as Json;
  }
}
