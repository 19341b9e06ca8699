import { compareKeys, type OrderKey } from "../store/paging.js";
import type { Order } from "../store/Store.js";

const CHUNK = 512;

/**
 * Rows kept in contract order (C-ORDER) as a list of sorted chunks: insert, remove and locate cost
 * O(log n + CHUNK), and reading a page after a cursor costs O(log n + limit), flat in the size of the
 * collection. Appending in order (the common case: increasing timestamps) never shifts other chunks.
 * @internal
 */
export class OrderedIndex<R extends OrderKey> {
  private chunks: R[][] = [];
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** Index of the first chunk whose last row is ≥ `row`, or the last chunk. */
  private chunkFor(row: OrderKey): number {
    let lo = 0;
    let hi = this.chunks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const chunk = this.chunks[mid]!;
      if (compareKeys(chunk[chunk.length - 1]!, row) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** First index in `chunk` whose row is ≥ `row`. */
  private static lowerBound<R extends OrderKey>(chunk: readonly R[], row: OrderKey): number {
    let lo = 0;
    let hi = chunk.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareKeys(chunk[mid]!, row) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  insert(row: R): void {
    this.count++;
    if (this.chunks.length === 0) {
      this.chunks.push([row]);
      return;
    }
    const c = this.chunkFor(row);
    const chunk = this.chunks[c]!;
    const last = chunk[chunk.length - 1]!;
    if (compareKeys(last, row) < 0) chunk.push(row);
    else chunk.splice(OrderedIndex.lowerBound(chunk, row), 0, row);
    if (chunk.length > 2 * CHUNK) this.chunks.splice(c, 1, chunk.slice(0, CHUNK), chunk.slice(CHUNK));
  }

  /** Where `row` is, matched by its key (keys are unique: the sequence is). */
  private locate(row: OrderKey): { c: number; i: number } | null {
    if (this.chunks.length === 0) return null;
    const c = this.chunkFor(row);
    const chunk = this.chunks[c]!;
    const i = OrderedIndex.lowerBound(chunk, row);
    const found = chunk[i];
    return found !== undefined && compareKeys(found, row) === 0 ? { c, i } : null;
  }

  remove(row: OrderKey): boolean {
    const at = this.locate(row);
    if (!at) return false;
    const chunk = this.chunks[at.c]!;
    chunk.splice(at.i, 1);
    if (chunk.length === 0) this.chunks.splice(at.c, 1);
    this.count--;
    return true;
  }

  /**
   * Up to `count` rows strictly after `cursor` in `order` (from the start when `cursor` is null).
   * The cursor must be a row of this index.
   */
  after(cursor: OrderKey | null, order: Order, count: number): R[] {
    const out: R[] = [];
    if (this.chunks.length === 0 || count <= 0) return out;
    let c: number;
    let i: number;
    if (cursor === null) {
      c = order === "asc" ? 0 : this.chunks.length - 1;
      i = order === "asc" ? 0 : this.chunks[c]!.length - 1;
    } else {
      const at = this.locate(cursor);
      if (!at) throw new Error("OrderedIndex.after: cursor is not in the index");
      c = at.c;
      i = at.i + (order === "asc" ? 1 : -1);
    }
    if (order === "asc") {
      while (c < this.chunks.length && out.length < count) {
        const chunk = this.chunks[c]!;
        while (i < chunk.length && out.length < count) out.push(chunk[i++]!);
        c++;
        i = 0;
      }
    } else {
      while (c >= 0 && out.length < count) {
        const chunk = this.chunks[c]!;
        if (i >= chunk.length) i = chunk.length - 1;
        while (i >= 0 && out.length < count) out.push(chunk[i--]!);
        c--;
        if (c >= 0) i = this.chunks[c]!.length - 1;
      }
    }
    return out;
  }

  /** Every row in ascending order. */
  toArray(): R[] {
    return this.chunks.flat();
  }

  clear(): void {
    this.chunks = [];
    this.count = 0;
  }
}
