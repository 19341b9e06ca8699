/**
 * The three contract tests of PostgresStore that still carry assertions no harness check makes yet:
 * near-miss cursors (a prefix, LIKE patterns, case and trailing-space twins), a thread saved back to its
 * original place among ties, and an insert placed by the kept positions after in-place replacements.
 * They move into cursor.unknown, thread-save.keeps-tie-position and item-save.inserts-missing, and this
 * file goes; everything else PostgreSQL-specific is in PostgresStore.storage.test.ts, the contract in
 * the harness runs (test/conformance/postgres.test.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { THREAD_ITEM_TYPES, loadGoldenFixtures, makeItem, isNotFoundError, type JsonValue } from "chatkit-testkit";
import type { PostgresStore } from "chatkit-testkit/postgres";
import { backends, titleOf } from "./backends.js";
import { ORDERS, countRows, expectWalk, ids, item, itemsOf, loose, rejection, thread, threadsOf, uniqueScope, type AnyStore } from "./support.js";

for (const backend of backends("shared")) {
  describe.skipIf(!backend.available)(titleOf(backend), () => {
    let pgStore: PostgresStore<any>;
    let store: AnyStore;
    beforeAll(async () => {
      pgStore = await backend.createStore();
      store = loose(pgStore);
    });
    afterAll(() => backend.close());

    describe("assertions not yet in the harness", () => {
      it("C-CURSOR: an unknown cursor, one from another thread, and one from another scope raise NotFoundError; '' means none", async () => {
        const u = uniqueScope();
        const v = uniqueScope();
        for (const ctx of [u, v]) {
          await store.saveThread(thread("thr_a"), ctx);
          await store.saveThread(thread("thr_b"), ctx);
          await store.addThreadItem("thr_a", item("a1", "thr_a"), ctx);
          await store.addThreadItem("thr_b", item("b1", "thr_b"), ctx);
        }
        await store.saveThread(thread("thr_only_v"), v);
        await store.addThreadItem("thr_only_v", item("v1", "thr_only_v"), v);
        for (const order of ORDERS) {
          for (const cursor of ["nope", "b1", "v1", "a", "a1 ", "A1", "%", "a_"]) {
            const error = await rejection(store.loadThreadItems("thr_a", cursor, 5, order, u));
            expect(isNotFoundError(error), `${cursor} ${order}`).toBe(true);
            expect(error.kind).toBe("cursor");
          }
          for (const cursor of ["nope", "thr_only_v", "thr_", "thr_a%"]) {
            expect(isNotFoundError(await rejection(store.loadThreads(5, cursor, order, u))), `${cursor} ${order}`).toBe(true);
          }
          expect(await store.loadThreadItems("thr_a", "", 5, order, u)).toEqual({ data: [item("a1", "thr_a")], has_more: false, after: null });
          expect((await store.loadThreads(5, "", order, u)).data.map((t) => t.id).sort()).toEqual(["thr_a", "thr_b"]);
          // The cursor row itself is never on the page, and the last row as a cursor gives an empty page.
          expect(await store.loadThreadItems("thr_a", "a1", 5, order, u)).toEqual({ data: [], has_more: false, after: null });
        }
      });

      it("C-THREAD-SAVE: re-saving keeps the thread's place among ties, moves it when created_at changes, ignores items", async () => {
        const u = uniqueScope();
        for (const id of ["t1", "t2", "t3"]) await store.saveThread(thread(id), u);
        await store.saveThread(thread("t1", "2026-01-01T00:00:00Z", { title: "again" }), u);
        expect(await ids(threadsOf(store, u))).toEqual(["t1", "t2", "t3"]);
        await store.saveThread(thread("t2", "2025-12-31T23:59:59.999999Z"), u);
        expect(await ids(threadsOf(store, u))).toEqual(["t2", "t1", "t3"]);
        await store.saveThread(thread("t2"), u); // back into the tie group, at its original place
        expect(await ids(threadsOf(store, u))).toEqual(["t1", "t2", "t3"]);
        await store.addThreadItem("t1", item("m1", "t1"), u);
        await store.saveThread({ ...thread("t1"), items: { data: [item("ghost", "t1")], has_more: false, after: null } } as never, u);
        expect(await store.loadThread("t1", u)).toEqual(thread("t1"));
        expect(await ids(itemsOf(store, "t1", u))).toEqual(["m1"]);
        expect(await countRows(pgStore, "threads", u)).toBe(3);
      });

      it("C-ITEM-ADD, C-ITEM-SAVE: an existing id is replaced in place (even with a new created_at or type); a missing one is inserted in order", async () => {
        const u = uniqueScope();
        await store.saveThread(thread("thr"), u);
        await store.addThreadItem("thr", item("a", "thr", "2026-01-01T00:00:01Z"), u);
        await store.addThreadItem("thr", item("b", "thr", "2026-01-01T00:00:02Z"), u);
        await store.addThreadItem("thr", item("c", "thr", "2026-01-01T00:00:03Z"), u);
        await store.addThreadItem("thr", item("a", "thr", "2026-01-01T00:00:09Z", { v: 2 }), u);
        await store.saveItem("thr", { ...item("b", "thr", "2020-01-01T00:00:00Z"), type: "assistant_message", content: [] }, u);
        await store.saveItem("thr", item("m", "thr", "2026-01-01T00:00:02.5Z"), u);
        expect(await ids(itemsOf(store, "thr", u))).toEqual(["a", "b", "m", "c"]);
        expect(await store.loadItem("thr", "a", u)).toEqual(item("a", "thr", "2026-01-01T00:00:09Z", { v: 2 }));
        expect((await store.loadItem("thr", "b", u)).type).toBe("assistant_message");
        expect(await countRows(pgStore, "items", u)).toBe(4);
      });
    });
  });
}
