import type { CheckId } from "chatkit-testkit/harness";
import { parseTimestamp } from "chatkit-testkit";
import { SimpleStore } from "./SimpleStore.js";

export const bug =
  "naive created_at is parsed with JavaScript's Date (`new Date(\"2026-01-01T12:00:00\")` is local time), with the µs kept: right on any machine whose zone is UTC";
export const expectedChecks: readonly CheckId[] = ["order.by-instant"];

/** The instant JavaScript gives a naive timestamp: local time, so it moves with the process's TZ. */
export default class NaiveReadByJsDate extends SimpleStore {
  protected override instantOf(createdAt: string): bigint {
    const parsed = parseTimestamp(createdAt);
    if (!parsed.ok || !parsed.naive) return super.instantOf(createdAt);
    const local = new Date(createdAt.slice(0, 19)); // what Date.parse does with a naive string
    const offsetMinutes = BigInt(local.getTimezoneOffset());
    return parsed.micros + offsetMinutes * 60_000_000n;
  }
}
