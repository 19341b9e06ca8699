/**
 * What is specific to PostgresStore's storage, on pg-mem and on real PostgreSQL: rows kept as text (key
 * order, strings PostgreSQL text and jsonb would trouble, created_at spellings, the golden wire payloads),
 * the store-computed microsecond key (PostgreSQL's own input rounds; bigint range), cursor positions
 * that are only hints, and what the tables hold after each kind of write (row counts per scope).
 *
 * The contract itself is not tested here: test/conformance/postgres.test.ts runs every harness check on
 * both backends, and test/store/ holds the kernel's errors and messages for every bundled store.
 * Stores share tables per backend; every test works in scopes of its own.
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

    describe("rows are text", () => {
      it("C-ROUNDTRIP: rows are stored as text: every item type, a thread and an attachment come back with their keys in the order saved (jsonb would reorder them)", async () => {
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
        expect(JSON.stringify(await store.loadThread("thr_rt", u))).toBe(JSON.stringify(t));
        const att = { id: "atc_1", type: "file", name: "a.txt", mime_type: "text/plain", upload_descriptor: { url: "https://x/y?a=1&b='2'", method: "PUT", headers: {} }, thread_id: "thr_rt", metadata: { n: 1.5e-7, big: 1e21, neg: -0.1 } };
        await store.saveAttachment(att, u);
        expect(await store.loadAttachment("atc_1", u)).toEqual(att);
        expect(JSON.stringify(await store.loadAttachment("atc_1", u))).toBe(JSON.stringify(att));
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

      it("C-ROUNDTRIP: created_at is stored as the text given, beside its microsecond key: every accepted spelling comes back exactly", async () => {
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

    describe("the microsecond key", () => {
      it("C-ORDER: the microsecond key is computed by the store, not by PostgreSQL (whose input rounds): 7 digits truncate to a tie; forms mix by instant; desc is the reverse", async () => {
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

    describe("cursor positions are hints", () => {
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
    });

    describe("what the tables hold", () => {
      const keys = ["user", "user%", "user_", "use", "u%er", "user*", "user:1", "user:10", "user'", 'user"', "user\\", "user\\ x", "üser", "USER", "user 😀", "%", "_", "", "'; DROP TABLE threads; --", "$1"];

      it("C-SCOPE: scope keys that are prefixes of each other or hold % _ * : ' \" \\ $1 or unicode (LIKE, glob and quoting traps) keep their rows apart in the tables", async () => {
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

      it("C-SCOPE, C-ITEM-ADD, C-ITEM-SAVE: another scope's refused writes and no-op deletes leave no row in either scope", async () => {
        const owner = uniqueScope();
        const other = uniqueScope();
        await store.saveThread(thread("thr_1"), owner);
        await store.addThreadItem("thr_1", item("msg_1", "thr_1"), owner);
        await store.saveAttachment({ id: "atc_1", type: "file", name: "mine", mime_type: "text/plain" }, owner);
        expect(isNotFoundError(await rejection(store.addThreadItem("thr_1", item("msg_2", "thr_1"), other)))).toBe(true);
        expect(isNotFoundError(await rejection(store.saveItem("thr_1", item("msg_1", "thr_1", undefined, { hacked: true }), other)))).toBe(true);
        await store.deleteThread("thr_1", other);
        await store.deleteThreadItem("thr_1", "msg_1", other);
        await store.deleteAttachment("atc_1", other);
        for (const table of ["threads", "items", "attachments"] as const) {
          expect(await countRows(pgStore, table, owner), table).toBe(1);
          expect(await countRows(pgStore, table, other), table).toBe(0);
        }
        // and a write into a thread missing in the scope writes nothing
        for (const method of ["addThreadItem", "saveItem"] as const) expect(isNotFoundError(await rejection(store[method]("thr_none", item("m", "thr_none"), owner)))).toBe(true);
        expect(await countRows(pgStore, "items", owner)).toBe(1);
      });

      it("C-THREAD-SAVE, C-ITEM-ADD, C-ITEM-SAVE: re-saves and re-adds update their row in place, a Thread's items are not written", async () => {
        const u = uniqueScope();
        for (const id of ["t1", "t2", "t3"]) await store.saveThread(thread(id), u);
        await store.saveThread(thread("t1", "2026-01-01T00:00:00Z", { title: "again" }), u);
        await store.saveThread(thread("t2", "2025-12-31T23:59:59.999999Z"), u);
        await store.saveThread(thread("t2"), u);
        await store.saveThread({ ...thread("t1"), items: { data: [item("ghost", "t1")], has_more: false, after: null } } as never, u);
        expect(await countRows(pgStore, "threads", u)).toBe(3);
        expect(await countRows(pgStore, "items", u)).toBe(0);
        await store.addThreadItem("t1", item("a", "t1", "2026-01-01T00:00:01Z"), u);
        await store.addThreadItem("t1", item("b", "t1", "2026-01-01T00:00:02Z"), u);
        await store.addThreadItem("t1", item("a", "t1", "2026-01-01T00:00:09Z", { v: 2 }), u);
        await store.saveItem("t1", { ...item("b", "t1", "2020-01-01T00:00:00Z"), type: "assistant_message", content: [] }, u);
        await store.saveItem("t1", item("m", "t1", "2026-01-01T00:00:02.5Z"), u);
        expect(await countRows(pgStore, "items", u)).toBe(3);
        // 20 parallel adds of one id: one row
        await Promise.all(Array.from({ length: 20 }, (_, i) => store.addThreadItem("t1", item("dup", "t1", undefined, { n: i }), u)));
        expect(await countRows(pgStore, "items", u)).toBe(4);
      });

      it("C-DELETE, C-ATTACH: deleteThread deletes the thread's rows and no other; an attachment re-saved is one row; deletes of missing rows change no count", async () => {
        const u = uniqueScope();
        await store.saveThread(thread("thr_x"), u);
        await store.saveThread(thread("thr_y"), u);
        for (let i = 0; i < 30; i++) await store.addThreadItem("thr_x", item(`m${i}`, "thr_x"), u);
        await store.addThreadItem("thr_y", item("keep", "thr_y"), u);
        const a = { id: "atc_u", type: "image", name: "i.png", mime_type: "image/png", preview_url: "https://x/p.png", upload_descriptor: null, thread_id: "thr_x" };
        await store.saveAttachment(a, u);
        await store.saveAttachment({ ...a, name: "j.png" }, u);
        expect(await countRows(pgStore, "attachments", u)).toBe(1);
        expect(await countRows(pgStore, "items", u)).toBe(31);
        await store.deleteThread("thr_x", u);
        expect(await countRows(pgStore, "threads", u)).toBe(1);
        expect(await countRows(pgStore, "items", u)).toBe(1);
        expect(await countRows(pgStore, "attachments", u)).toBe(1);
        await store.deleteThread("thr_x", u);
        await store.deleteThreadItem("thr_y", "nope", u);
        await store.deleteAttachment("nope", u);
        expect(await countRows(pgStore, "items", u)).toBe(1);
        await store.deleteThreadItem("thr_y", "keep", u);
        await store.deleteThreadItem("thr_y", "keep", u);
        await store.deleteAttachment("atc_u", u);
        for (const table of ["items", "attachments"] as const) expect(await countRows(pgStore, table, u), table).toBe(0);
      });
    });
  });
}
