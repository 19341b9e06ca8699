/**
 * The total order and the limit+1 → Page step every store shares (C-ORDER, C-PAGE).
 * @packageDocumentation
 */
import type { JsonObject } from "../model/json.js";
import type { Page } from "../model/page.js";
import type { Order } from "./Store.js";

/** Where a row sits in the total order: its `created_at` instant (µs), then its insertion sequence. */
export interface OrderKey {
  readonly micros: bigint;
  readonly seq: number;
}

/** Compares two rows in ascending contract order (C-ORDER). */
export function compareKeys(a: OrderKey, b: OrderKey): number {
  if (a.micros !== b.micros) return a.micros < b.micros ? -1 : 1;
  return a.seq - b.seq;
}

/** Compares two rows in the given order; `desc` is the exact reverse of `asc` (C-ORDER). */
export function compareInOrder(order: Order, a: OrderKey, b: OrderKey): number {
  return order === "asc" ? compareKeys(a, b) : compareKeys(b, a);
}

/** Up to `limit` rows after a cursor, in page order, and whether more follow: what a listing primitive returns. */
export interface RowsAfter {
  /** Private copies, in page order, each with its `id`: the kernel hands them out as they are. */
  readonly rows: readonly JsonObject[];
  /** Whether at least one more row follows the last of `rows`. */
  readonly more: boolean;
}

/**
 * The limit+1 step every backend shares (C-PAGE): from up to `limit + 1` rows already in page order, the
 * first `limit`, mapped (copied or decoded; the extra row never is), and whether the extra row exists.
 */
export function takeRows<R>(found: readonly R[], limit: number, map: (row: R) => JsonObject): RowsAfter {
  const more = found.length > limit;
  const take = more ? limit : found.length;
  const rows: JsonObject[] = new Array(take);
  for (let i = 0; i < take; i++) rows[i] = map(found[i]!);
  return { rows, more };
}

/** A Page from a listing (C-PAGE): `after` is the id of the last row returned, only when more follow. */
export function toPage(listing: RowsAfter): Page<JsonObject> {
  const data = listing.rows as JsonObject[]; // a fresh array from the backend
  return { data, has_more: listing.more, after: listing.more && data.length > 0 ? (data[data.length - 1]!.id as string) : null };
}
