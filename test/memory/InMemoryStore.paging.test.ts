import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InMemoryStore } from "chatkit-testkit";
import { ORDERS, alice, allIds, bob, expectInvalid, expectNotFound, expectWalk, item, itemsOf, thread, threadsOf } from "./support.js";

/**
 * Rows in insertion order, with the expected ascending listing written out by hand. Three tie groups of
 * three (first, middle and last position), each spelled in different `created_at` forms of one instant,
 * inserted out of order so neither insertion order nor text order gives the right answer.
 */
const ROWS: readonly (readonly [id: string, createdAt: string])[] = [
  ["m1", "2026-01-01T12:00:00.500000"], // middle tie group, 1st inserted
  ["l1", "2026-01-03T00:00:00Z"], // last tie group, 1st inserted
  ["f1", "2026-01-01T00:00:00"], // first tie group, 1st inserted
  ["x2", "2026-01-01T06:00:00Z"],
  ["m2", "2026-01-01T13:00:00.5+01:00"], // = 12:00:00.5Z
  ["f2", "2026-01-01T01:00:00+01:00"], // = 00:00:00Z
  ["l2", "2026-01-02T19:00:00-05:00"], // = 2026-01-03T00:00:00Z
  ["x1", "2025-12-31T23:59:59.999999+00:00"],
  ["f3", "2026-01-01T00:00:00.000000Z"],
  ["m3", "2026-01-01T12:00:00.5000009Z"], // 7th digit truncated: a tie
  ["x3", "2026-01-02T00:00:00Z"],
  ["l3", "2026-01-03T00:00:00.000000+00:00"],
];
/** x1 first (the last instant of 2025), then each tie group in insertion order. */
const ASC = ["x1", "f1", "f2", "f3", "x2", "m1", "m2", "m3", "x3", "l1", "l2", "l3"];

async function storeWithRows() {
  const store = new InMemoryStore();
  for (const [id, createdAt] of ROWS) await store.saveThread(thread(id, createdAt), alice);
  await store.saveThread(thread("thr_items", "2020-01-01T00:00:00Z"), bob);
  for (const [id, createdAt] of ROWS) await store.addThreadItem("thr_items", item(id, "thr_items", createdAt), bob);
  return store;
}

describe("C-ORDER", () => {
  it("C-ORDER: threads and items order by instant, ties by insertion; desc is the exact reverse", async () => {
    const store = await storeWithRows();
    expect(await allIds(threadsOf(store, alice), "asc")).toEqual(ASC);
    expect(await allIds(threadsOf(store, alice), "desc")).toEqual([...ASC].reverse());
    expect(await allIds(itemsOf(store, "thr_items", bob), "asc")).toEqual(ASC);
    expect(await allIds(itemsOf(store, "thr_items", bob), "desc")).toEqual([...ASC].reverse());
  });

  it('C-ORDER: mixed forms order by instant: "13:30:00+02:00" < "12:00:00" = "12:00:00+00:00" < "12:00:00.500000"', async () => {
    const store = new InMemoryStore();
    const rows = [
      ["half", "2026-01-01T12:00:00.500000"],
      ["utc", "2026-01-01T12:00:00+00:00"],
      ["plus2", "2026-01-01T13:30:00+02:00"],
      ["naive", "2026-01-01T12:00:00"],
    ] as const;
    for (const [id, at] of rows) await store.saveThread(thread(id, at), alice);
    // The text order would be naive, utc, half, plus2; insertion order half, utc, plus2, naive.
    expect(await allIds(threadsOf(store, alice))).toEqual(["plus2", "utc", "naive", "half"]);
    expect(await allIds(threadsOf(store, alice), "desc")).toEqual(["half", "naive", "utc", "plus2"]);
  });

  it("C-ORDER: instants differ at the microsecond (finer than Date's millisecond), and digits past the 6th do not", async () => {
    const store = new InMemoryStore();
    await store.saveThread(thread("thr_1"), alice);
    const rows = [
      ["us3", "2026-01-01T00:00:00.000003Z"],
      ["us1_9", "2026-01-01T00:00:00.000001999Z"], // truncated to .000001: ties with us1, inserted first
      ["us2", "2026-01-01T00:00:00.000002Z"],
      ["us1", "2026-01-01T00:00:00.000001Z"],
      ["us0", "2026-01-01T00:00:00Z"],
    ] as const;
    for (const [id, at] of rows) await store.addThreadItem("thr_1", item(id, "thr_1", at), alice);
    expect(await allIds(itemsOf(store, "thr_1", alice))).toEqual(["us0", "us1_9", "us1", "us2", "us3"]);
  });

  it("C-ORDER: dates far apart, before 1970 and across years 0001–9999, order by instant", async () => {
    const store = new InMemoryStore();
    const rows = [
      ["y9999", "9999-12-31T23:59:59.999999Z"],
      ["y1969", "1969-12-31T23:59:59.999999Z"],
      ["y0001", "0001-01-01T00:00:00"],
      ["y1970", "1970-01-01T00:00:00+00:00"],
      ["y1969b", "1970-01-01T00:59:59+01:00"], // = 1969-12-31T23:59:59Z
    ] as const;
    for (const [id, at] of rows) await store.saveThread(thread(id, at), alice);
    expect(await allIds(threadsOf(store, alice))).toEqual(["y0001", "y1969b", "y1969", "y1970", "y9999"]);
  });

  describe("naive means UTC, whatever the machine's time zone", () => {
    const saved = process.env.TZ;
    beforeAll(() => {
      process.env.TZ = "Asia/Kolkata"; // +05:30: a naive value read as local time would move by 5h30
    });
    afterAll(() => {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    });

    it("C-ORDER: a naive created_at is read as UTC, not as local time", async () => {
      // Precondition: the time zone change took effect, so this test can fail for a Date-based store.
      expect(new Date("2026-01-01T12:00:00").getTime()).not.toBe(Date.parse("2026-01-01T12:00:00Z"));
      const store = new InMemoryStore();
      await store.saveThread(thread("naive_noon", "2026-01-01T12:00:00"), alice);
      await store.saveThread(thread("utc_0800", "2026-01-01T08:00:00Z"), alice); // before noon UTC, after noon Kolkata-as-UTC (06:30Z)
      await store.saveThread(thread("utc_1159", "2026-01-01T11:59:59.999999Z"), alice);
      await store.saveThread(thread("utc_noon_tie", "2026-01-01T12:00:00Z"), alice);
      await store.saveThread(thread("plus0530_noon", "2026-01-01T17:30:00.000001+05:30"), alice);
      expect(await allIds(threadsOf(store, alice))).toEqual(["utc_0800", "utc_1159", "naive_noon", "utc_noon_tie", "plus0530_noon"]);
    });
  });
});

describe("C-PAGE", () => {
  for (const order of ORDERS) {
    const expected = order === "asc" ? ASC : [...ASC].reverse();

    it(`C-PAGE: threads, ${order}: every limit 1..n+1 visits each row once, in order, with exact has_more/after (ties first, middle, last)`, async () => {
      const store = await storeWithRows();
      for (let limit = 1; limit <= ASC.length + 1; limit++) {
        const pages = await expectWalk(threadsOf(store, alice), limit, order, expected);
        expect(pages).toHaveLength(Math.max(1, Math.ceil(ASC.length / limit)));
      }
    });

    it(`C-PAGE: items, ${order}: every limit 1..n+1 visits each row once, in order, with exact has_more/after (ties first, middle, last)`, async () => {
      const store = await storeWithRows();
      for (let limit = 1; limit <= ASC.length + 1; limit++) {
        const pages = await expectWalk(itemsOf(store, "thr_items", bob), limit, order, expected);
        expect(pages).toHaveLength(Math.max(1, Math.ceil(ASC.length / limit)));
      }
    });

    it(`C-PAGE: ${order}: a page may start at any row: after = row k gives the rows after k`, async () => {
      const store = await storeWithRows();
      for (let k = 0; k < expected.length; k++) {
        for (const limit of [1, 2, 3, 100]) {
          const want = expected.slice(k + 1, k + 1 + limit);
          const page = await store.loadThreadItems("thr_items", expected[k]!, limit, order, bob);
          expect(page.data.map((r) => r.id), `after ${expected[k]} limit ${limit}`).toEqual(want);
          expect(page.has_more).toBe(k + 1 + limit < expected.length);
        }
      }
    });
  }

  it("C-PAGE: an empty collection gives one empty page; a single row gives has_more false, after null", async () => {
    const store = new InMemoryStore();
    expect(await store.loadThreads(1, null, "asc", alice)).toEqual({ data: [], has_more: false, after: null });
    await store.saveThread(thread("only"), alice);
    for (const order of ORDERS) {
      expect(await store.loadThreads(1, null, order, alice)).toEqual({ data: [thread("only")], has_more: false, after: null });
      expect(await store.loadThreads(1, "only", order, alice)).toEqual({ data: [], has_more: false, after: null });
    }
    await store.addThreadItem("only", item("i1", "only"), alice);
    expect(await store.loadThreadItems("only", "i1", 1, "asc", alice)).toEqual({ data: [], has_more: false, after: null });
  });

  it("C-PAGE: pages stay exact while rows are added and removed between them", async () => {
    const store = new InMemoryStore();
    await store.saveThread(thread("t"), alice);
    for (let n = 0; n < 6; n++) await store.addThreadItem("t", item(`i${n}`, "t", `2026-01-01T00:00:0${n}Z`), alice);
    const first = await store.loadThreadItems("t", null, 2, "asc", alice);
    expect(first.data.map((i) => i.id)).toEqual(["i0", "i1"]);
    await store.deleteThreadItem("t", "i2", alice); // the next row after the cursor goes away
    await store.addThreadItem("t", item("i0b", "t", "2026-01-01T00:00:00.5Z"), alice); // lands before the cursor
    await store.addThreadItem("t", item("i9", "t", "2026-01-01T00:00:09Z"), alice); // lands at the end
    const second = await store.loadThreadItems("t", first.after, 2, "asc", alice);
    expect(second.data.map((i) => i.id)).toEqual(["i3", "i4"]);
    const third = await store.loadThreadItems("t", second.after, 2, "asc", alice);
    expect(third).toMatchObject({ has_more: false, after: null });
    expect(third.data.map((i) => i.id)).toEqual(["i5", "i9"]);
  });

  it("C-PAGE: 3,000 items in one tie group page correctly with limit 7 (the index splits chunks)", async () => {
    const store = new InMemoryStore();
    await store.saveThread(thread("t"), alice);
    const ids = Array.from({ length: 3000 }, (_, n) => `i${String(n).padStart(4, "0")}`);
    for (const id of ids) await store.addThreadItem("t", item(id, "t", "2026-01-01T00:00:00Z"), alice);
    await expectWalk(itemsOf(store, "t", alice), 7, "asc", ids);
    await expectWalk(itemsOf(store, "t", alice), 7, "desc", [...ids].reverse());
  });
});

describe("C-CURSOR", () => {
  async function twoThreadsTwoScopes() {
    const store = new InMemoryStore();
    for (const ctx of [alice, bob]) {
      await store.saveThread(thread("thr_1", "2026-01-01T00:00:00Z"), ctx);
      await store.saveThread(thread("thr_2", "2026-01-02T00:00:00Z"), ctx);
    }
    await store.saveThread(thread("thr_bob_only", "2026-01-03T00:00:00Z"), bob);
    await store.addThreadItem("thr_1", item("msg_a1", "thr_1"), alice);
    await store.addThreadItem("thr_1", item("msg_a1b", "thr_1", "2026-01-01T00:00:01Z"), alice);
    await store.addThreadItem("thr_2", item("msg_a2", "thr_2"), alice);
    await store.addThreadItem("thr_1", item("msg_b1", "thr_1"), bob);
    return store;
  }

  for (const order of ORDERS) {
    it(`C-CURSOR: an unknown cursor raises NotFoundError for items and threads (${order})`, async () => {
      const store = await twoThreadsTwoScopes();
      await expectNotFound(store.loadThreadItems("thr_1", "msg_nope", 5, order, alice), "cursor", "msg_nope");
      await expectNotFound(store.loadThreads(5, "thr_nope", order, alice), "cursor", "thr_nope");
    });

    it(`C-CURSOR: an item cursor from another thread of the same scope raises NotFoundError (${order})`, async () => {
      const store = await twoThreadsTwoScopes();
      await expectNotFound(store.loadThreadItems("thr_2", "msg_a1", 5, order, alice), "cursor", "msg_a1");
      await expectNotFound(store.loadThreadItems("thr_1", "msg_a2", 5, order, alice), "cursor", "msg_a2");
    });

    it(`C-CURSOR: a cursor from another scope raises NotFoundError, for items and threads (${order})`, async () => {
      const store = await twoThreadsTwoScopes();
      // bob has a thread "thr_1" too; his item id is no cursor for alice's "thr_1", and vice versa.
      await expectNotFound(store.loadThreadItems("thr_1", "msg_b1", 5, order, alice), "cursor", "msg_b1");
      await expectNotFound(store.loadThreadItems("thr_1", "msg_a1", 5, order, bob), "cursor", "msg_a1");
      await expectNotFound(store.loadThreads(5, "thr_bob_only", order, alice), "cursor", "thr_bob_only");
    });

    it(`C-CURSOR: a thread id is no item cursor and an item id is no thread cursor (${order})`, async () => {
      const store = await twoThreadsTwoScopes();
      await expectNotFound(store.loadThreadItems("thr_1", "thr_1", 5, order, alice), "cursor");
      await expectNotFound(store.loadThreads(5, "msg_a1", order, alice), "cursor");
    });
  }

  it("C-CURSOR: the cursor of a deleted row raises NotFoundError", async () => {
    const store = await twoThreadsTwoScopes();
    await store.deleteThreadItem("thr_1", "msg_a1", alice);
    await expectNotFound(store.loadThreadItems("thr_1", "msg_a1", 5, "asc", alice), "cursor", "msg_a1");
    await store.deleteThread("thr_2", alice);
    await expectNotFound(store.loadThreads(5, "thr_2", "desc", alice), "cursor", "thr_2");
  });

  it('C-CURSOR: after "" (and null, and undefined from JavaScript) means no cursor', async () => {
    const store = await twoThreadsTwoScopes();
    for (const order of ORDERS) {
      const first = await store.loadThreads(1, null, order, bob);
      expect(await store.loadThreads(1, "", order, bob)).toEqual(first);
      expect(await store.loadThreads(1, undefined as never, order, bob)).toEqual(first);
      const items = await store.loadThreadItems("thr_1", null, 1, order, alice);
      expect(await store.loadThreadItems("thr_1", "", 1, order, alice)).toEqual(items);
    }
  });

  it("C-CURSOR, C-MISSING-THREAD (lead's decision): on a missing thread, no cursor gives an empty page and a cursor raises NotFoundError", async () => {
    const store = await twoThreadsTwoScopes();
    const empty = { data: [], has_more: false, after: null };
    for (const order of ORDERS) {
      for (const none of [null, "", undefined as never]) expect(await store.loadThreadItems("thr_missing", none, 3, order, alice)).toEqual(empty);
      await expectNotFound(store.loadThreadItems("thr_missing", "msg_a1", 3, order, alice), "cursor", "msg_a1");
      // bob's thread is missing for alice in the same way
      expect(await store.loadThreadItems("thr_bob_only", null, 3, order, alice)).toEqual(empty);
      await expectNotFound(store.loadThreadItems("thr_bob_only", "x", 3, order, alice), "cursor");
    }
    // a scope that never wrote anything
    expect(await store.loadThreads(3, null, "asc", { user_id: "carol" })).toEqual(empty);
    await expectNotFound(store.loadThreads(3, "thr_1", "asc", { user_id: "carol" }), "cursor", "thr_1");
  });

  it("C-CURSOR: the error message names the method, the cursor and the thread", async () => {
    const store = await twoThreadsTwoScopes();
    const e = await expectNotFound(store.loadThreadItems("thr_1", "msg_x", 1, "asc", alice), "cursor");
    expect(e.message).toBe('[chatkit-testkit] loadThreadItems: cursor item "msg_x" not found in thread "thr_1"');
    const t = await expectNotFound(store.loadThreads(1, "thr_x", "asc", alice), "cursor");
    expect(t.message).toBe('[chatkit-testkit] loadThreads: cursor thread "thr_x" not found');
  });
});

describe("C-LIMIT", () => {
  const BAD_LIMITS: readonly (readonly [unknown, string])[] = [
    [0, "got 0"],
    [-1, "got -1"],
    [1.5, "got 1.5"],
    [Number.NaN, "got NaN"],
    [Number.POSITIVE_INFINITY, "got Infinity"],
    ["5", 'got "5"'],
    [null, "got null"],
    [undefined, "got undefined"],
  ];
  const BAD_ORDERS: readonly (readonly [unknown, string])[] = [
    ["ASC", 'got "ASC"'],
    ["Desc", 'got "Desc"'],
    ["", 'got ""'],
    [undefined, "got undefined"],
    [null, "got null"],
    [1, "got 1"],
    [" asc", 'got " asc"'],
  ];

  it.each(BAD_LIMITS)("C-LIMIT: limit %s is an InvalidArgumentError naming limit and the value; nothing changes", async (limit, shown) => {
    const store = await storeWithRows();
    const e1 = await expectInvalid(store, () => store.loadThreads(limit as number, null, "asc", alice), "loadThreads", "limit", shown);
    expect(e1.message).toBe(`[chatkit-testkit] loadThreads: limit must be an integer ≥ 1, ${shown}`);
    await expectInvalid(store, () => store.loadThreadItems("thr_items", null, limit as number, "desc", bob), "loadThreadItems", "limit", shown);
    // on a missing thread too: arguments are checked before anything else
    await expectInvalid(store, () => store.loadThreadItems("thr_missing", "x", limit as number, "asc", bob), "loadThreadItems", "limit", shown);
  });

  it.each(BAD_ORDERS)("C-LIMIT: order %j is an InvalidArgumentError naming order and the value; nothing changes", async (order, shown) => {
    const store = await storeWithRows();
    const e1 = await expectInvalid(store, () => store.loadThreads(5, null, order as "asc", alice), "loadThreads", "order", shown);
    expect(e1.message).toBe(`[chatkit-testkit] loadThreads: order must be "asc" or "desc", ${shown}`);
    await expectInvalid(store, () => store.loadThreadItems("thr_items", null, 5, order as "asc", bob), "loadThreadItems", "order", shown);
  });

  it("C-LIMIT: a bad limit is reported even with an unknown cursor (arguments first)", async () => {
    const store = await storeWithRows();
    await expectInvalid(store, () => store.loadThreads(0, "thr_unknown", "asc", alice), "loadThreads", "limit");
  });

  it("C-LIMIT: there is no upper bound: limit 1e9 and Number.MAX_SAFE_INTEGER return every row", async () => {
    const store = await storeWithRows();
    for (const limit of [1e9, Number.MAX_SAFE_INTEGER]) {
      const page = await store.loadThreads(limit, null, "asc", alice);
      expect(page.data.map((t) => t.id)).toEqual(ASC);
      expect(page).toMatchObject({ has_more: false, after: null });
    }
  });

  it("C-LIMIT: a non-string cursor is an InvalidArgumentError naming after", async () => {
    const store = await storeWithRows();
    await expectInvalid(store, () => store.loadThreads(5, 5 as never, "asc", alice), "loadThreads", "after", "got 5");
    await expectInvalid(store, () => store.loadThreadItems("thr_items", {} as never, 5, "asc", bob), "loadThreadItems", "after");
  });
});
