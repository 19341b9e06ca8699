/**
 * The total order and the limit+1 → Page step every store shares (C-ORDER, C-PAGE).
 * @packageDocumentation
 */
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

/**
 * Turns up to `limit + 1` rows, already in page order, into a Page (C-PAGE): at most `limit` rows,
 * `has_more` iff the extra row exists, `after` the id of the last returned row only when `has_more`.
 * @param rows - the rows after the cursor, in order; at most `limit + 1` are read
 * @param idOf - the id of a row (the next cursor)
 */
export function toPage<R, T = R>(rows: readonly R[], limit: number, idOf: (row: R) => string, map: (row: R) => T = (r) => r as unknown as T): Page<T> {
  const hasMore = rows.length > limit;
  const take = hasMore ? limit : rows.length;
  const data: T[] = new Array(take);
  for (let i = 0; i < take; i++) data[i] = map(rows[i]!);
  return { data, has_more: hasMore, after: hasMore ? idOf(rows[take - 1]!) : null };
}
