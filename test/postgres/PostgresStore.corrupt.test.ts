/**
 * Rows edited by hand (or by an older writer) that do not decode raise CorruptDataError naming the table
 * and the row's id, on every read path; they are never returned half-parsed.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CorruptDataError } from "chatkit-testkit";
import type { PostgresStore } from "chatkit-testkit/postgres";
import { backends, titleOf } from "./backends.js";
import { item, loose, rejection, sql, thread, uniqueScope, type AnyStore } from "./support.js";

/** Data texts that are not a valid record, and a word of the message each must produce. */
const BAD_THREAD_DATA: [string, RegExp][] = [
  ["{not json", /not valid JSON/],
  ["", /not valid JSON/],
  ["[1,2]", /thread must be an object/],
  ["null", /thread must be an object/],
  ['"a string"', /thread must be an object/],
  ['{"created_at":"2026-01-01T00:00:00Z"}', /thread\.id must be a non-empty string/],
  ['{"id":"thr_c","created_at":"yesterday"}', /thread\.created_at/],
  ['{"id":"thr_other","created_at":"2026-01-01T00:00:00Z"}', /does not match the row's id/],
];

for (const backend of backends("shared")) {
  describe.skipIf(!backend.available)(titleOf(backend), () => {
    let pgStore: PostgresStore<any>;
    let store: AnyStore;
    let strict: AnyStore;
    beforeAll(async () => {
      pgStore = await backend.createStore();
      store = loose(pgStore);
      strict = loose(await backend.createStore({ strict: true }));
    });
    afterAll(() => backend.close());

    const t = (name: "threads" | "items" | "attachments") => pgStore.tableNames[name];
    const display = (name: "threads" | "items" | "attachments") => pgStore.tableNames[name].replaceAll('"', "");

    it("CorruptDataError: a hand-edited thread row fails loadThread and loadThreads, naming the table and id", async () => {
      for (const [data, problem] of BAD_THREAD_DATA) {
        const u = uniqueScope();
        await store.saveThread(thread("thr_ok", "2026-01-01T00:00:00Z"), u);
        await store.saveThread(thread("thr_c", "2026-01-01T00:00:01Z"), u);
        await sql(pgStore, `UPDATE ${t("threads")} SET data = $1 WHERE scope = $2 AND id = $3`, [data, u, "thr_c"]);
        for (const read of [() => store.loadThread("thr_c", u), () => store.loadThreads(10, null, "asc", u), () => store.loadThreads(10, "thr_ok", "asc", u)]) {
          const error = await rejection(read());
          expect(error, data).toBeInstanceOf(CorruptDataError);
          expect(error.name).toBe("CorruptDataError");
          expect(error.code).toBe("CHATKIT_CORRUPT_DATA");
          expect(error.table).toBe(display("threads"));
          expect(error.id).toBe("thr_c");
          expect(error.message).toMatch(problem);
          expect(error.message).toContain(`corrupt row in ${display("threads")} (id "thr_c")`);
        }
        // The healthy row still loads, and a page that stops before the bad row is fine.
        expect(await store.loadThread("thr_ok", u)).toEqual(thread("thr_ok", "2026-01-01T00:00:00Z"));
        expect((await store.loadThreads(1, null, "asc", u)).data.map((r) => r.id)).toEqual(["thr_ok"]);
      }
    });

    it("CorruptDataError: a hand-edited item fails loadItem and loadThreadItems; an attachment fails loadAttachment", async () => {
      const u = uniqueScope();
      await store.saveThread(thread("thr"), u);
      await store.addThreadItem("thr", item("m1", "thr"), u);
      await store.addThreadItem("thr", item("m2", "thr"), u);
      await store.saveAttachment({ id: "atc", type: "file", name: "f", mime_type: "a/b" }, u);
      const edits: [string, string, RegExp][] = [
        ["items", '{"id":"m2","created_at":"2026-01-01T00:00:00Z"}', /item\.type must be a string/],
        ["items", '{"type":"end_of_turn","id":"m2","created_at":"2026-01-01T00:00:00Z","thread_id":7}', /item\.thread_id/],
        ["items", "{\"type\":\"end_of_turn\",\"id\":\"m2\"", /not valid JSON/],
      ];
      for (const [, data, problem] of edits) {
        await sql(pgStore, `UPDATE ${t("items")} SET data = $1 WHERE scope = $2 AND thread_id = $3 AND id = $4`, [data, u, "thr", "m2"]);
        for (const read of [
          () => store.loadItem("thr", "m2", u),
          () => store.loadThreadItems("thr", null, 5, "asc", u),
          () => store.loadThreadItems("thr", "m1", 5, "asc", u),
          () => store.loadThreadItems("thr", null, 1, "desc", u),
        ]) {
          const error = await rejection(read());
          expect(error).toBeInstanceOf(CorruptDataError);
          expect([error.table, error.id]).toEqual([display("items"), "m2"]);
          expect(error.message).toMatch(problem);
        }
        expect(await store.loadItem("thr", "m1", u)).toEqual(item("m1", "thr"));
        // The cursor row's own data is not decoded: paging past it still works.
        expect((await store.loadThreadItems("thr", "m2", 5, "desc", u)).data.map((r) => r.id)).toEqual(["m1"]);
      }
      await sql(pgStore, `UPDATE ${t("attachments")} SET data = $1 WHERE scope = $2 AND id = $3`, ['{"id":"atc"}', u, "atc"]);
      const error = await rejection(store.loadAttachment("atc", u));
      expect(error).toBeInstanceOf(CorruptDataError);
      expect([error.table, error.id]).toEqual([display("attachments"), "atc"]);
      expect(error.message).toMatch(/attachment\.type/);
    });

    it("CorruptDataError (strict): a row that has the envelope but not the ChatKit model fails only a strict store", async () => {
      const u = uniqueScope();
      await strict.saveThread(thread("thr_s"), u);
      await strict.addThreadItem("thr_s", item("m", "thr_s"), u);
      await sql(pgStore, `UPDATE ${t("items")} SET data = $1 WHERE scope = $2 AND id = $3`, ['{"type":"no_such_type","id":"m","thread_id":"thr_s","created_at":"2026-01-01T00:00:00Z"}', u, "m"]);
      const error = await rejection(strict.loadItem("thr_s", "m", u));
      expect(error).toBeInstanceOf(CorruptDataError);
      expect(error.message).toMatch(/strict mode/);
      expect(error.id).toBe("m");
      expect(await store.loadItem("thr_s", "m", u)).toMatchObject({ type: "no_such_type" }); // the default store keeps other shapes
    });
  });
}
