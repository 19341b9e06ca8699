/**
 * Where recent page cursors sit, so that following `after` usually costs one statement instead of two.
 *
 * A position is a hint, never the truth: the page statement returns the rows at and after it, and the store
 * uses them only when the first one is the cursor row itself. Then nothing lies between the hint and the
 * cursor's real position, so the rows after it are exactly the rows after the cursor, even if the row was
 * moved (a re-saved thread) or re-inserted since. Otherwise the store looks the position up again, and when
 * the row moves again before the page, reads position and page in one statement (PostgresStore.pageAfter).
 * A stale hint costs extra statements; it can never change a result.
 * @internal
 * @packageDocumentation
 */

/** A row's place in the order: `created_micros` and `seq`, as decimal strings (bigint on PostgreSQL). @internal */
export interface Position {
  readonly micros: string;
  readonly seq: string;
}

/** A small least-recently-used map of positions. @internal */
export class PositionCache {
  private readonly map = new Map<string, Position>();

  constructor(private readonly capacity: number) {}

  /**
   * The key of a row: its table, scope, thread (items) and id, joined by U+0000, which no stored key can
   * hold (the store kernel refuses it, src/store/limits.ts), so two different rows never share a key.
   */
  static key(parts: readonly string[]): string {
    return parts.join("\u0000");
  }

  get(key: string): Position | undefined {
    const hit = this.map.get(key);
    if (hit !== undefined) {
      this.map.delete(key);
      this.map.set(key, hit);
    }
    return hit;
  }

  set(key: string, position: Position): void {
    this.map.delete(key);
    this.map.set(key, position);
    if (this.map.size > this.capacity) this.map.delete(this.map.keys().next().value as string);
  }

  delete(key: string): void {
    this.map.delete(key);
  }

  get size(): number {
    return this.map.size;
  }
}

/** The position of a row as a driver returns it (node-postgres: strings; pg-mem: numbers). @internal */
export function positionOf(row: { created_micros?: unknown; seq?: unknown }): Position | null {
  const { created_micros: micros, seq } = row;
  const ok = (v: unknown) => (typeof v === "string" && v !== "") || (typeof v === "number" && Number.isFinite(v)) || typeof v === "bigint";
  return ok(micros) && ok(seq) ? { micros: String(micros), seq: String(seq) } : null;
}
