import type { CheckId } from "chatkit-testkit/harness";
import { parseTimestamp } from "chatkit-testkit";
import { SimpleStore } from "./SimpleStore.js";

export const bug = "a created_at without an offset is read as local time (simulated as a fixed +02:00 zone), not as UTC";
export const expectedChecks: readonly CheckId[] = ["order.by-instant"];

/** What `new Date("2026-01-01T12:00:00")` does on a machine in UTC+2, without depending on this machine's TZ. */
const LOCAL_OFFSET_MICROS = 2n * 3600n * 1_000_000n;

export default class NaiveAsLocalTime extends SimpleStore {
  protected override instantOf(createdAt: string): bigint {
    const parsed = parseTimestamp(createdAt);
    if (!parsed.ok) return super.instantOf(createdAt);
    return parsed.naive ? parsed.micros - LOCAL_OFFSET_MICROS : parsed.micros;
  }
}
