/**
 * What only InMemoryStore has: its chunked ordered index (src/memory/OrderedIndex.ts, CHUNK rows per
 * chunk) and synchronous primitives. The contract itself — order, pages, cursors, writes, scope — is
 * the harness's (test/conformance/memory.test.ts runs every check on this store, default and strict);
 * the kernel's messages and argument checks are test/store's, on every bundled store.
 */
import { describe, expect, it } from "vitest";
import { InMemoryStore } from "chatkit-testkit";
import { ORDERS, alice, bob, expectWalk, item, itemsOf, thread } from "./support.js";

describe("the ordered index", () => {
  it("C-PAGE: 3,000 items in one tie group page correctly with limit 7 (the index splits chunks)", async () => {
    const store = new InMemoryStore();
    await store.saveThread(thread("t"), alice);
    const ids = Array.from({ length: 3000 }, (_, n) => `i${String(n).padStart(4, "0")}`);
    for (const id of ids) await store.addThreadItem("t", item(id, "t", "2026-01-01T00:00:00Z"), alice);
    await expectWalk(itemsOf(store, "t", alice), 7, "asc", ids);
    await expectWalk(itemsOf(store, "t", alice), 7, "desc", [...ids].reverse());
  });
});

describe("synchronous primitives: concurrent calls apply in call order", () => {
  it("C-CONCURRENT: concurrent writers to several threads and scopes, with duplicate adds and reads: the later add of an id wins and ties list in call order", async () => {
    // The contract accepts any linearization of concurrent calls (the harness's concurrency checks);
    // InMemoryStore applies each call when it is made, so this order is its own promise.
    const store = new InMemoryStore();
    const users = [alice, bob];
    await Promise.all(users.flatMap((u) => ["thr_1", "thr_2"].map((t) => store.saveThread(thread(t), u))));
    const T1 = "2026-01-01T00:00:01Z";
    const writes = users.flatMap((u) =>
      ["thr_1", "thr_2"].flatMap((t) =>
        Array.from({ length: 25 }, (_, n) => [
          store.addThreadItem(t, item(`m${n}`, t, T1), u),
          store.addThreadItem(t, item(`m${n}`, t, T1, { dup: true }), u),
          store.loadThreadItems(t, null, 5, "desc", u),
        ]).flat(),
      ),
    );
    await Promise.all(writes);
    for (const u of users) {
      for (const t of ["thr_1", "thr_2"]) {
        for (const order of ORDERS) {
          const rows = (await store.loadThreadItems(t, null, 100, order, u)).data;
          const want = Array.from({ length: 25 }, (_, n) => `m${n}`);
          expect(rows.map((r) => r.id)).toEqual(order === "asc" ? want : want.reverse());
          for (const r of rows) expect(r).toHaveProperty("dup", true);
        }
      }
    }
  });
});
