import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { OrderedIndex } from "../../src/memory/OrderedIndex.js";
import type { OrderKey } from "../../src/store/paging.js";
import type { Order } from "chatkit-testkit";

/** fast-check seed for this file; fast-check prints `{ seed, path }` to replay a failure. */
const SEED = 20260102;

interface Row extends OrderKey {
  readonly id: string;
}

/** The index's chunks, read for white-box invariants (they are private). */
const chunksOf = (index: OrderedIndex<Row>) => (index as unknown as { chunks: Row[][] }).chunks;

/** Contract order, written out again so the model does not share the code under test. */
const before = (a: OrderKey, b: OrderKey) => a.micros < b.micros || (a.micros === b.micros && a.seq < b.seq);

/** The obviously correct model: a sorted array. */
class SortedArray {
  rows: Row[] = [];
  insert(row: Row) {
    let i = 0;
    while (i < this.rows.length && before(this.rows[i]!, row)) i++;
    this.rows.splice(i, 0, row);
  }
  after(cursor: Row | null, order: Order, count: number): Row[] {
    const view = order === "asc" ? this.rows : [...this.rows].reverse();
    const start = cursor === null ? 0 : view.indexOf(cursor) + 1;
    return view.slice(start, start + Math.max(0, count));
  }
}

/**
 * Throws a short message at the first difference. Cheap on purpose: a property that fails is re-run
 * many times while fast-check shrinks it, and a full diff of thousands of rows would make that slow.
 */
function expectSameRows(actual: readonly Row[], expected: readonly Row[], what: string) {
  const n = Math.max(actual.length, expected.length);
  for (let i = 0; i < n; i++) {
    if (actual[i] !== expected[i]) {
      throw new Error(`${what}: first difference at row ${i}: got ${actual[i]?.id ?? "nothing"}, expected ${expected[i]?.id ?? "nothing"} (${actual.length} vs ${expected.length} rows)`);
    }
  }
}

function expectInvariants(index: OrderedIndex<Row>, model: SortedArray) {
  for (const [c, chunk] of chunksOf(index).entries()) {
    if (chunk.length === 0 || chunk.length > 1024) throw new Error(`chunk ${c} holds ${chunk.length} rows (must be 1..1024)`);
  }
  if (index.size !== model.rows.length) throw new Error(`size ${index.size}, expected ${model.rows.length}`);
  expectSameRows(index.toArray(), model.rows, "toArray()");
}

type Op =
  | { kind: "insert"; micros: number; append: boolean }
  | { kind: "remove"; pick: number; present: boolean }
  | { kind: "after"; pick: number | null; order: Order; count: number };

// Few distinct instants, so tie groups are large; `append` places a row after every other one (the
// common, in-order case), which fills the last chunk and splits it.
const insertOp = fc.record({ kind: fc.constant("insert" as const), micros: fc.integer({ min: 0, max: 30 }), append: fc.boolean() });
const anyOp: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: insertOp },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("remove" as const), pick: fc.nat(), present: fc.integer({ min: 0, max: 9 }).map((n) => n > 0) }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant("after" as const),
      pick: fc.option(fc.nat(), { freq: 5 }),
      order: fc.constantFrom<Order>("asc", "desc"),
      count: fc.oneof(fc.integer({ min: 0, max: 12 }), fc.constant(100_000)),
    }),
  },
);

/** `count` insert operations from a seeded PRNG (mulberry32): ties and appends, as `insertOp` makes them. */
function bulkInserts(count: number, salt: number): Op[] {
  let state = salt >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return Array.from({ length: count }, () => ({ kind: "insert" as const, micros: Math.floor(next() * 31), append: next() < 0.5 }));
}

describe("OrderedIndex (C-ORDER, C-PAGE)", () => {
  it("C-ORDER, C-PAGE: agrees with a sorted array under random insert/remove/after sequences past 2×1,024 rows (property, fixed seed)", () => {
    let maxChunks = 0;
    let maxSize = 0;
    fc.assert(
      // The bulk of inserts comes from a small seeded generator, so a counterexample prints as
      // `{ bulk, salt }` plus the mixed operations after it (which fast-check shrinks).
      fc.property(fc.noShrink(fc.record({ bulk: fc.integer({ min: 2200, max: 3200 }), salt: fc.integer() })), fc.array(anyOp, { minLength: 200, maxLength: 600 }), ({ bulk, salt }, ops) => {
        const initial = bulkInserts(bulk, salt);
        const index = new OrderedIndex<Row>();
        const model = new SortedArray();
        let seq = 0;
        let top = 0; // the largest micros so far
        for (const op of [...initial, ...ops]) {
          if (op.kind === "insert") {
            const micros = op.append ? top + 1 : op.micros;
            top = Math.max(top, micros);
            const row: Row = { id: `r${++seq}`, micros: BigInt(micros), seq };
            index.insert(row);
            model.insert(row);
          } else if (op.kind === "remove") {
            if (op.present && model.rows.length > 0) {
              const row = model.rows[op.pick % model.rows.length]!;
              model.rows.splice(model.rows.indexOf(row), 1);
              if (!index.remove({ micros: row.micros, seq: row.seq })) throw new Error(`remove(${row.id}) returned false`); // located by key, not identity
            } else {
              if (index.remove({ micros: BigInt(op.pick % 40), seq: seq + 1 })) throw new Error("remove of an absent key returned true");
            }
          } else {
            const cursor = op.pick === null || model.rows.length === 0 ? null : model.rows[op.pick % model.rows.length]!;
            expectSameRows(index.after(cursor, op.order, op.count), model.after(cursor, op.order, op.count), `after(${cursor?.id ?? null}, ${op.order}, ${op.count})`);
          }
          if (index.size !== model.rows.length) throw new Error(`size ${index.size}, expected ${model.rows.length}`);
          maxChunks = Math.max(maxChunks, chunksOf(index).length);
          maxSize = Math.max(maxSize, index.size);
        }
        expectInvariants(index, model);
      }),
      { seed: SEED, numRuns: 25 },
    );
    // the runs really did split chunks (a chunk holds at most 1,024 rows)
    expect(maxSize).toBeGreaterThan(2 * 1024);
    expect(maxChunks).toBeGreaterThanOrEqual(3);
  });

  it("C-PAGE: short random sequences agree with the model too (small indexes shrink to readable counterexamples)", () => {
    fc.assert(
      fc.property(fc.array(anyOp, { maxLength: 60 }), (ops) => {
        const index = new OrderedIndex<Row>();
        const model = new SortedArray();
        let seq = 0;
        for (const op of ops) {
          if (op.kind === "insert") {
            const row: Row = { id: `r${++seq}`, micros: BigInt(op.micros % 4), seq };
            index.insert(row);
            model.insert(row);
          } else if (op.kind === "remove" && model.rows.length > 0) {
            const [row] = model.rows.splice(op.pick % model.rows.length, 1);
            if (!index.remove(row!)) throw new Error(`remove(${row!.id}) returned false`);
          } else if (op.kind === "after") {
            const cursor = op.pick === null || model.rows.length === 0 ? null : model.rows[op.pick % model.rows.length]!;
            expectSameRows(index.after(cursor, op.order, op.count), model.after(cursor, op.order, op.count), `after(${cursor?.id ?? null}, ${op.order}, ${op.count})`);
          }
        }
        expectInvariants(index, model);
      }),
      { seed: SEED + 1, numRuns: 300 },
    );
  });

  it("C-PAGE: a walk in both orders across many chunks visits every row once (5,000 in-order appends)", () => {
    const index = new OrderedIndex<Row>();
    const rows: Row[] = Array.from({ length: 5000 }, (_, n) => ({ id: `r${n}`, micros: BigInt(Math.floor(n / 3)), seq: n }));
    for (const r of rows) index.insert(r);
    expect(chunksOf(index).length).toBeGreaterThanOrEqual(5);
    for (const order of ["asc", "desc"] as const) {
      const seen: Row[] = [];
      let cursor: Row | null = null;
      for (;;) {
        const page = index.after(cursor, order, 97);
        if (page.length === 0 || seen.length > rows.length) break; // the guard ends a walk that loops
        seen.push(...page);
        cursor = page[page.length - 1]!;
      }
      expectSameRows(seen, order === "asc" ? rows : [...rows].reverse(), `walk ${order}`);
    }
  });

  it("edge cases: empty index, count ≤ 0, a cursor that is not in the index, removing everything", () => {
    const index = new OrderedIndex<Row>();
    expect(index.after(null, "asc", 5)).toEqual([]);
    expect(index.after(null, "desc", 5)).toEqual([]);
    expect(index.remove({ micros: 0n, seq: 1 })).toBe(false);
    const a: Row = { id: "a", micros: 5n, seq: 1 };
    const b: Row = { id: "b", micros: 5n, seq: 2 };
    index.insert(b);
    index.insert(a);
    expect(index.toArray()).toEqual([a, b]);
    expect(index.after(null, "asc", 0)).toEqual([]);
    expect(index.after(a, "asc", -1)).toEqual([]);
    expect(() => index.after({ micros: 5n, seq: 3 }, "asc", 1)).toThrow(/cursor is not in the index/);
    expect(index.after(b, "desc", 10)).toEqual([a]);
    expect(index.after(a, "desc", 10)).toEqual([]);
    expect(index.remove(a)).toBe(true);
    expect(index.remove(a)).toBe(false);
    expect(index.remove(b)).toBe(true);
    expect(index.size).toBe(0);
    expect(chunksOf(index)).toEqual([]);
    index.insert(a);
    expect(index.after(null, "desc", 2)).toEqual([a]);
    index.clear();
    expect(index.size).toBe(0);
    expect(index.toArray()).toEqual([]);
  });
});
