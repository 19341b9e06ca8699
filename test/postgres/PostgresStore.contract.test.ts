/**
 * PostgresStore against the contract (docs/contract.md), the same test bodies on pg-mem and on real
 * PostgreSQL. Stores share tables per backend; every test works in scopes of its own.
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

    describe("C-ROUNDTRIP", () => {
      it("C-ROUNDTRIP: every item type, threads and attachments load deep-equal, keys in the order saved", async () => {
        const u = uniqueScope();
        const t = thread("thr_rt", "2026-03-01T09:00:00.123456Z", { title: "Ünïcødé 😀", status: { type: "active" }, metadata: { z: 1, a: [null, JSON.parse('{"": "", "__proto__": {"x": 1}}')] } });
        await store.saveThread(t, u);
        expect(await store.loadThread("thr_rt", u)).toEqual(t);
        for (const [i, type] of THREAD_ITEM_TYPES.entries()) {
          const it = makeItem(type, { id: `i${i}`, thread_id: "thr_rt" }) as unknown as Parameters<AnyStore["addThreadItem"]>[1];
          await store.addThreadItem("thr_rt", it, u);
          const loaded = await store.loadItem("thr_rt", `i${i}`, u);
          expect(loaded).toEqual(it);
          expect(JSON.stringify(loaded)).toBe(JSON.stringify(it)); // text storage keeps key order too
        }
        const page = await store.loadThreadItems("thr_rt", null, 100, "asc", u);
        expect(page.data.map((d) => d.type)).toEqual([...THREAD_ITEM_TYPES]);
        const att = { id: "atc_1", type: "file", name: "a.txt", mime_type: "text/plain", upload_descriptor: { url: "https://x/y?a=1&b='2'", method: "PUT", headers: {} }, thread_id: "thr_rt", metadata: { n: 1.5e-7, big: 1e21, neg: -0.1 } };
        await store.saveAttachment(att, u);
        expect(await store.loadAttachment("atc_1", u)).toEqual(att);
      });

      it("C-ROUNDTRIP: strings JSON escapes and PostgreSQL text would trouble (NUL, lone surrogates, backslash + space, $1, quotes) and a 1 MB payload", async () => {
        const u = uniqueScope();
        const nasty = ["\u0000", "a\u0000b", "\ud800", "x\udfff", "C:\\ dir", "\\\t", "\\\n", "$1 $2", "'; DROP TABLE x; --", '"', "\u2028\u2029", "e\u0301", "\\u0000"];
        const big = "é😀x".repeat(250_000);
        const t = thread("thr_s", "2026-03-01T09:00:00Z", { metadata: { nasty, big, [nasty.join("")]: nasty } });
        await store.saveThread(t, u);
        const back = await store.loadThread("thr_s", u);
        expect(back).toEqual(t);
        expect((back as unknown as { metadata: { big: string } }).metadata.big.length).toBe(big.length);
      });

      it("C-ROUNDTRIP: created_at strings come back exactly as given, in every accepted form", async () => {
        const u = uniqueScope();
        const forms = [
          "2026-03-01T09:00:00",
          "2026-03-01T09:00:00Z",
          "2026-03-01T09:00:00.1Z",
          "2026-03-01T09:00:00.123456",
          "2026-03-01T09:00:00.123456789Z",
          "2026-03-01T14:30:00+05:30",
          "2026-03-01T09:00:00-00:00",
          "2026-03-01 09:00:00,5+02",
          "2026-03-01t09:00z",
          "0001-01-01T00:00:00Z",
          "9999-12-31T23:59:59.999999Z",
        ];
        await store.saveThread(thread("thr_f"), u);
        for (const [i, created_at] of forms.entries()) {
          await store.saveThread(thread(`t${i}`, created_at), u);
          await store.addThreadItem("thr_f", item(`i${i}`, "thr_f", created_at), u);
          expect((await store.loadThread(`t${i}`, u)).created_at).toBe(created_at);
          expect((await store.loadItem("thr_f", `i${i}`, u)).created_at).toBe(created_at);
        }
      });

      it("C-ROUNDTRIP: every golden wire fixture of a thread, item or attachment round-trips", async () => {
        const u = uniqueScope();
        const golden = loadGoldenFixtures();
        await store.saveThread(thread("thr_golden"), u);
        let n = 0;
        for (const f of golden.valid) {
          const value = f.value as Record<string, JsonValue> & { id: string };
          if (f.model === "ThreadMetadata" || f.model === "Thread") {
            await store.saveThread(value as never, u);
            const { items: _items, ...metadata } = value;
            expect(await store.loadThread(value.id, u), f.file).toEqual(metadata);
          } else if (f.model === "ThreadItem") {
            await store.addThreadItem("thr_golden", value as never, u);
            expect(await store.loadItem("thr_golden", value.id, u), f.file).toEqual(value);
          } else if (f.model === "Attachment") {
            await store.saveAttachment(value as never, u);
            expect(await store.loadAttachment(value.id, u), f.file).toEqual(value);
          } else continue;
          n++;
        }
        expect(n).toBeGreaterThan(15);
      });
    });

    describe("C-ORDER", () => {
      it("C-ORDER: rows 1 µs apart are ordered by that microsecond; forms mix by instant; ties keep insertion order; desc is the reverse", async () => {
        const u = uniqueScope();
        await store.saveThread(thread("thr_o"), u);
        const rows: [string, string][] = [
          ["b", "2026-03-01T09:00:00.000002Z"],
          ["a", "2026-03-01T09:00:00.000001Z"],
          ["c", "2026-03-01T10:00:00.000002+01:00"], // = b's instant: a tie, inserted after b
          ["n", "2026-03-01T09:00:00.0000015"], // naive = UTC, truncated to .000001: ties with a
          ["e", "2026-03-01T08:59:59.999999Z"],
        ];
        for (const [id, at] of rows) await store.addThreadItem("thr_o", item(id, "thr_o", at), u);
        const asc = ["e", "a", "n", "b", "c"];
        expect(await ids(itemsOf(store, "thr_o", u), "asc")).toEqual(asc);
        expect(await ids(itemsOf(store, "thr_o", u), "desc")).toEqual([...asc].reverse());
        const w = uniqueScope();
        for (const [id, at] of rows) await store.saveThread(thread(id, at), w);
        expect(await ids(threadsOf(store, w), "asc")).toEqual(asc);
        expect(await ids(threadsOf(store, w), "desc")).toEqual([...asc].reverse());
      });

      it.skipIf(!backend.real)("C-ORDER: microseconds are exact in every year, 0001 to 9999 (PostgreSQL bigint)", async () => {
        const u = uniqueScope();
        await store.saveThread(thread("thr_y"), u);
        const rows: [string, string][] = [
          ["late2", "9999-12-31T23:59:59.000002Z"],
          ["late1", "9999-12-31T23:59:59.000001Z"],
          ["early2", "0001-01-01T00:00:00.000002Z"],
          ["early1", "0001-01-01T00:00:00.000001Z"],
        ];
        for (const [id, at] of rows) await store.addThreadItem("thr_y", item(id, "thr_y", at), u);
        expect(await ids(itemsOf(store, "thr_y", u))).toEqual(["early1", "early2", "late1", "late2"]);
      });

      it.skipIf(backend.real)("C-ORDER (pg-mem gap): beyond 2^53 µs from 1970 pg-mem's bigint rounds, yet every walk still visits each row once", async () => {
        const u = uniqueScope();
        await store.saveThread(thread("thr_y"), u);
        const at = ["9999-12-31T23:59:59.000002Z", "9999-12-31T23:59:59.000001Z", "0001-01-01T00:00:00.000002Z", "0001-01-01T00:00:00.000001Z"];
        for (const [i, a] of at.entries()) await store.addThreadItem("thr_y", item(`r${i}`, "thr_y", a), u);
        const all = await ids(itemsOf(store, "thr_y", u));
        expect(new Set(all).size).toBe(4);
        expect(all.slice(0, 2).sort()).toEqual(["r2", "r3"]); // the years are still apart
        for (const order of ORDERS) for (let limit = 1; limit <= 5; limit++) await expectWalk(itemsOf(store, "thr_y", u), limit, order, order === "asc" ? all : [...all].reverse());
      });
    });

    describe("C-PAGE", () => {
      // Tie groups at the first, middle and last positions.
      const times = ["00", "00", "00", "01", "02", "02", "02", "03", "04", "04", "04"].map((s) => `2026-03-01T09:00:${s}Z`);
      const expected = times.map((_, i) => `r${String(i).padStart(2, "0")}`);

      it("C-PAGE: item walks visit every row once, in order, for every limit 1..n+1, both orders (ties first, middle, last)", async () => {
        const u = uniqueScope();
        await store.saveThread(thread("thr_p"), u);
        // Inserted in id order, so ties keep id order; a row of another thread sits in between.
        for (const [i, at] of times.entries()) {
          await store.addThreadItem("thr_p", item(expected[i]!, "thr_p", at), u);
          if (i === 5) {
            await store.saveThread(thread("thr_other"), u);
            await store.addThreadItem("thr_other", item("x", "thr_other", at), u);
          }
        }
        for (const order of ORDERS) {
          for (let limit = 1; limit <= expected.length + 1; limit++) {
            await expectWalk(itemsOf(store, "thr_p", u), limit, order, order === "asc" ? expected : [...expected].reverse());
          }
        }
      });

      it("C-PAGE: thread walks visit every thread once, in order, for every limit 1..n+1, both orders", async () => {
        const u = uniqueScope();
        for (const [i, at] of times.entries()) await store.saveThread(thread(expected[i]!, at), u);
        await store.saveThread(thread("zz", times[0]!), uniqueScope()); // another scope's tie
        for (const order of ORDERS) {
          for (let limit = 1; limit <= expected.length + 1; limit++) {
            await expectWalk(threadsOf(store, u), limit, order, order === "asc" ? expected : [...expected].reverse());
          }
        }
      });
    });

    describe("C-CURSOR", () => {
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

      it("C-CURSOR: a cursor whose row was deleted, re-added or moved since its page was read gives the right page (positions are only hints)", async () => {
        const u = uniqueScope();
        await store.saveThread(thread("thr_h"), u);
        for (const id of ["a", "b", "c", "d", "e"]) await store.addThreadItem("thr_h", item(id, "thr_h"), u);
        const first = await store.loadThreadItems("thr_h", null, 2, "asc", u); // remembers where "b" sits
        expect(first.after).toBe("b");
        await store.deleteThreadItem("thr_h", "b", u);
        expect(isNotFoundError(await rejection(store.loadThreadItems("thr_h", "b", 2, "asc", u)))).toBe(true);
        await store.addThreadItem("thr_h", item("b", "thr_h"), u); // re-added: now last among the ties
        expect(await store.loadThreadItems("thr_h", "b", 2, "asc", u)).toEqual({ data: [], has_more: false, after: null });
        expect((await store.loadThreadItems("thr_h", "b", 2, "desc", u)).data.map((r) => r.id)).toEqual(["e", "d"]);
        // A thread re-saved with another created_at moves; its old position must not be used.
        for (const id of ["t1", "t2", "t3", "t4"]) await store.saveThread(thread(id, "2026-02-01T00:00:00Z"), u);
        expect((await store.loadThreads(2, null, "asc", u)).after).toBe("t1"); // thr_h is first, then t1
        await store.saveThread(thread("t1", "2026-03-01T00:00:00Z"), u); // t1 moves to the end
        expect(await store.loadThreads(5, "t1", "asc", u)).toEqual({ data: [], has_more: false, after: null });
        expect((await store.loadThreads(5, "t1", "desc", u)).data.map((r) => r.id)).toEqual(["t4", "t3", "t2", "thr_h"]);
        // A thread moved back to where it was, after others were added right behind its old place.
        expect((await store.loadThreads(3, null, "asc", u)).after).toBe("t3");
        await store.deleteThread("t3", u);
        await store.saveThread(thread("t3", "2026-02-01T00:00:00Z"), u);
        expect((await store.loadThreads(5, "t3", "asc", u)).data.map((r) => r.id)).toEqual(["t1"]);
        expect((await store.loadThreads(5, "t3", "desc", u)).data.map((r) => r.id)).toEqual(["t4", "t2", "thr_h"]);
      });

      it("C-CURSOR, C-MISSING-THREAD: a missing thread gives an empty page without a cursor and NotFoundError with one", async () => {
        const u = uniqueScope();
        await store.saveThread(thread("thr_v"), uniqueScope("v"));
        expect(await store.loadThreadItems("thr_missing", null, 20, "desc", u)).toEqual({ data: [], has_more: false, after: null });
        expect(await store.loadThreadItems("thr_v", null, 20, "asc", u)).toEqual({ data: [], has_more: false, after: null });
        expect(isNotFoundError(await rejection(store.loadThreadItems("thr_missing", "msg_1", 20, "asc", u)))).toBe(true);
      });
    });

    describe("C-SCOPE", () => {
      const keys = ["user", "user%", "user_", "use", "u%er", "user*", "user:1", "user:10", "user'", 'user"', "user\\", "user\\ x", "üser", "USER", "user 😀", "%", "_", "", "'; DROP TABLE threads; --", "$1"];

      it("C-SCOPE: scope keys that are prefixes of each other or hold % _ * : ' \" \\ or unicode never see each other's rows", async () => {
        const base = uniqueScope("s");
        const scopes = [...new Set([...keys.map((k) => `${base}${k}`), ...keys.map((k) => `${k}${base}`)])];
        for (const [i, s] of scopes.entries()) {
          await store.saveThread(thread("thr_same", "2026-03-01T09:00:00Z", { title: `t${i}` }), s);
          await store.addThreadItem("thr_same", item("msg_same", "thr_same", "2026-03-01T09:00:00Z", { n: i }), s);
          await store.saveAttachment({ id: "atc_same", type: "file", name: `f${i}`, mime_type: "text/plain" }, s);
        }
        for (const [i, s] of scopes.entries()) {
          expect((await store.loadThreads(50, null, "asc", s)).data).toEqual([thread("thr_same", "2026-03-01T09:00:00Z", { title: `t${i}` })]);
          expect((await store.loadThreadItems("thr_same", null, 50, "asc", s)).data).toEqual([item("msg_same", "thr_same", "2026-03-01T09:00:00Z", { n: i })]);
          expect(await store.loadAttachment("atc_same", s)).toMatchObject({ name: `f${i}` });
        }
        // Deletes in one scope touch nothing elsewhere.
        await store.deleteThread("thr_same", scopes[0]!);
        await store.deleteAttachment("atc_same", scopes[0]!);
        await store.deleteThreadItem("thr_same", "msg_same", scopes[1]!);
        expect(isNotFoundError(await rejection(store.loadThread("thr_same", scopes[0]!)))).toBe(true);
        expect(isNotFoundError(await rejection(store.loadAttachment("atc_same", scopes[0]!)))).toBe(true);
        expect((await store.loadThreadItems("thr_same", null, 5, "asc", scopes[1]!)).data).toEqual([]);
        for (const s of scopes.slice(2)) {
          expect(await countRows(pgStore, "threads", s)).toBe(1);
          expect(await countRows(pgStore, "items", s)).toBe(1);
          expect(await countRows(pgStore, "attachments", s)).toBe(1);
        }
      });

      it("C-SCOPE: another scope's thread, item and attachment are not found; its writes and deletes do not touch them", async () => {
        const owner = uniqueScope();
        const other = uniqueScope();
        await store.saveThread(thread("thr_1"), owner);
        await store.addThreadItem("thr_1", item("msg_1", "thr_1"), owner);
        await store.saveAttachment({ id: "atc_1", type: "file", name: "mine", mime_type: "text/plain" }, owner);
        expect(isNotFoundError(await rejection(store.loadThread("thr_1", other)))).toBe(true);
        expect(isNotFoundError(await rejection(store.loadItem("thr_1", "msg_1", other)))).toBe(true);
        expect(isNotFoundError(await rejection(store.loadAttachment("atc_1", other)))).toBe(true);
        expect(isNotFoundError(await rejection(store.addThreadItem("thr_1", item("msg_2", "thr_1"), other)))).toBe(true);
        expect(isNotFoundError(await rejection(store.saveItem("thr_1", item("msg_1", "thr_1", undefined, { hacked: true }), other)))).toBe(true);
        await store.deleteThread("thr_1", other);
        await store.deleteThreadItem("thr_1", "msg_1", other);
        await store.deleteAttachment("atc_1", other);
        expect(await store.loadItem("thr_1", "msg_1", owner)).toEqual(item("msg_1", "thr_1"));
        expect(await store.loadAttachment("atc_1", owner)).toMatchObject({ name: "mine" });
        expect(await countRows(pgStore, "items", other)).toBe(0);
      });
    });

    describe("upserts", () => {
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

      it("C-ITEM-ADD: the item is stored under the threadId argument, whatever item.thread_id says", async () => {
        const u = uniqueScope();
        await store.saveThread(thread("thr_arg"), u);
        await store.addThreadItem("thr_arg", item("m", "thr_elsewhere"), u);
        expect(await store.loadItem("thr_arg", "m", u)).toEqual(item("m", "thr_elsewhere"));
      });

      it("items need a thread: addThreadItem and saveItem into a thread missing in the scope raise NotFoundError and write nothing", async () => {
        const u = uniqueScope();
        for (const method of ["addThreadItem", "saveItem"] as const) {
          const error = await rejection(store[method]("thr_none", item("m", "thr_none"), u));
          expect(isNotFoundError(error)).toBe(true);
          expect(error.kind).toBe("thread");
          expect(error.message).toBe(`[chatkit-testkit] ${method}: thread "thr_none" not found`);
        }
        expect(await countRows(pgStore, "items", u)).toBe(0);
      });
    });

    describe("C-DELETE, C-ATTACH", () => {
      it("C-DELETE: deleteThread removes the thread and all its items, keeps other threads' items and the attachments", async () => {
        const u = uniqueScope();
        await store.saveThread(thread("thr_x"), u);
        await store.saveThread(thread("thr_y"), u);
        for (let i = 0; i < 30; i++) await store.addThreadItem("thr_x", item(`m${i}`, "thr_x"), u);
        await store.addThreadItem("thr_y", item("keep", "thr_y"), u);
        await store.saveAttachment({ id: "atc", type: "file", name: "f", mime_type: "a/b", thread_id: "thr_x" }, u);
        await store.deleteThread("thr_x", u);
        expect(isNotFoundError(await rejection(store.loadThread("thr_x", u)))).toBe(true);
        expect(isNotFoundError(await rejection(store.loadItem("thr_x", "m0", u)))).toBe(true);
        expect(await countRows(pgStore, "items", u)).toBe(1);
        expect(await store.loadAttachment("atc", u)).toMatchObject({ thread_id: "thr_x" });
        // Idempotent deletes.
        await store.deleteThread("thr_x", u);
        await store.deleteThreadItem("thr_y", "nope", u);
        await store.deleteAttachment("nope", u);
        await store.deleteThreadItem("thr_y", "keep", u);
        await store.deleteThreadItem("thr_y", "keep", u);
        expect(await countRows(pgStore, "items", u)).toBe(0);
        // A re-created thread starts empty.
        await store.saveThread(thread("thr_x"), u);
        expect((await store.loadThreadItems("thr_x", null, 5, "asc", u)).data).toEqual([]);
      });

      it("C-ATTACH: saveAttachment is an upsert; a missing or deleted attachment raises NotFoundError", async () => {
        const u = uniqueScope();
        const a = { id: "atc_u", type: "image", name: "i.png", mime_type: "image/png", preview_url: "https://x/p.png", upload_descriptor: null };
        await store.saveAttachment(a, u);
        await store.saveAttachment({ ...a, thread_id: "thr_1" }, u);
        expect(await store.loadAttachment("atc_u", u)).toEqual({ ...a, thread_id: "thr_1" });
        expect(await countRows(pgStore, "attachments", u)).toBe(1);
        await store.deleteAttachment("atc_u", u);
        expect(isNotFoundError(await rejection(store.loadAttachment("atc_u", u)))).toBe(true);
      });
    });

    describe("C-CONCURRENT", () => {
      it("C-CONCURRENT: 50 parallel addThreadItem calls into one thread all land, and a walk sees each once in order", async () => {
        const u = uniqueScope();
        await store.saveThread(thread("thr_c"), u);
        const n = 50;
        const made = Array.from({ length: n }, (_, i) => item(`m${String(i).padStart(2, "0")}`, "thr_c", `2026-01-01T00:00:${String(i % 60).padStart(2, "0")}.${String(i).padStart(6, "0")}Z`));
        await Promise.all(made.map((m) => store.addThreadItem("thr_c", m, u)));
        const expected = made.map((m) => m.id);
        for (const order of ORDERS) for (const limit of [1, 7, 50]) await expectWalk(itemsOf(store, "thr_c", u), limit, order, order === "asc" ? expected : [...expected].reverse());
        // The same id added in parallel: one row.
        await Promise.all(Array.from({ length: 20 }, (_, i) => store.addThreadItem("thr_c", item("dup", "thr_c", undefined, { n: i }), u)));
        expect(await countRows(pgStore, "items", u)).toBe(n + 1);
      });
    });
  });
}
