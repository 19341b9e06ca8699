import type { CheckId } from "chatkit-testkit/harness";
import { SimpleStore } from "./SimpleStore.js";

export const bug =
  "the instant goes through a `timestamp without time zone` column, which drops the offset: 10:00+05:00 is ordered as 10:00Z";
export const expectedChecks: readonly CheckId[] = ["order.by-instant"];

export default class OffsetDroppedByColumn extends SimpleStore {
  protected override instantOf(createdAt: string): bigint {
    return super.instantOf(createdAt.replace(/(Z|[+-]\d{2}:\d{2})$/, ""));
  }
}
