import * as fc from "fast-check";
import { isDeepStrictEqual } from "node:util";
import { describe, expect, it } from "vitest";
import { InMemoryStore, NotFoundError, timestampMicros } from "chatkit-testkit";
import { SEED, arb } from "./arb.js";

// The @example blocks of the arbitraries, run against InMemoryStore (C-ROUNDTRIP on adversarial data).
describe("C-ROUNDTRIP: the TSDoc examples hold against InMemoryStore", () => {
  it("arb.threadItem: every variant round-trips", async () => {
    await fc.assert(
      fc.asyncProperty(arb.threadItem({ threadId: "thr_1" }), async (item) => {
        const store = new InMemoryStore({ strict: true });
        await store.saveThread({ id: "thr_1", created_at: "2026-01-01T00:00:00Z" }, "u1");
        await store.addThreadItem("thr_1", item, "u1");
        expect(isDeepStrictEqual(await store.loadItem("thr_1", item.id, "u1"), item)).toBe(true);
      }),
      { seed: SEED, numRuns: 200 },
    );
  });

  it("arb.threadMetadata and arb.freeObject: threads and their metadata round-trip", async () => {
    await fc.assert(
      fc.asyncProperty(arb.threadMetadata(), arb.freeObject(), async (thread, metadata) => {
        const store = new InMemoryStore({ strict: true });
        await store.saveThread(thread, "u1");
        expect(isDeepStrictEqual(await store.loadThread(thread.id, "u1"), thread)).toBe(true);
        await store.saveThread({ id: "thr_m", created_at: "2026-01-01T00:00:00Z", metadata }, "u1");
        expect((await store.loadThread("thr_m", "u1")).metadata).toEqual(metadata);
      }),
      { seed: SEED, numRuns: 200 },
    );
  });

  it("arb.attachment: attachments round-trip", async () => {
    await fc.assert(
      fc.asyncProperty(arb.attachment(), async (a) => {
        const store = new InMemoryStore({ strict: true });
        await store.saveAttachment(a, "u1");
        expect(isDeepStrictEqual(await store.loadAttachment(a.id, "u1"), a)).toBe(true);
      }),
      { seed: SEED, numRuns: 200 },
    );
  });

  it("arb.createdAtKeyed: sorting by micros then insertion is the store's order", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(arb.createdAtKeyed(), { maxLength: 8 }), async (rows) => {
        const store = new InMemoryStore();
        for (const [i, r] of rows.entries()) await store.saveThread({ id: `thr_${i}`, created_at: r.created_at }, "u1");
        const expected = rows
          .map((r, i) => ({ ...r, i }))
          .sort((a, b) => (a.micros < b.micros ? -1 : a.micros > b.micros ? 1 : a.i - b.i))
          .map((r) => `thr_${r.i}`);
        expect((await store.loadThreads(100, null, "asc", "u1")).data.map((t) => t.id)).toEqual(expected);
      }),
      { seed: SEED, numRuns: 100 },
    );
  });

  it("arb.createdAtOf: three items at one instant come back in insertion order, strings untouched", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(arb.createdAtOf("2026-01-01T00:00:00.5Z"), { minLength: 3, maxLength: 3 }), async (stamps) => {
        const store = new InMemoryStore();
        await store.saveThread({ id: "thr_1", created_at: "2026-01-01T00:00:00Z" }, "u1");
        for (const [i, created_at] of stamps.entries()) {
          await store.addThreadItem("thr_1", { type: "end_of_turn", id: `msg_${i}`, thread_id: "thr_1", created_at }, "u1");
        }
        const page = await store.loadThreadItems("thr_1", null, 10, "asc", "u1");
        expect(page.data.map((i) => [i.id, i.created_at])).toEqual(stamps.map((s, i) => [`msg_${i}`, s]));
        for (const s of stamps) expect(timestampMicros(s)).toBe(timestampMicros("2026-01-01T00:00:00.5Z"));
      }),
      { seed: SEED, numRuns: 50 },
    );
  });

  it("arb.id: ids that are equal or prefixes of each other are still told apart", async () => {
    await fc.assert(
      fc.asyncProperty(arb.id(), arb.id(), async (a, b) => {
        const store = new InMemoryStore();
        await store.saveThread({ id: a, created_at: "2026-01-01T00:00:00Z" }, "u1");
        if (a !== b) await expect(store.loadThread(b, "u1")).rejects.toThrow(NotFoundError);
        else expect((await store.loadThread(b, "u1")).id).toBe(a);
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it("arb.scopeKey: two distinct scopes never see each other's threads", async () => {
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(arb.scopeKey(), { minLength: 2, maxLength: 2 }), async ([a, b]) => {
        const store = new InMemoryStore<{ user_id: string }>();
        await store.saveThread({ id: "thr_1", created_at: "2026-01-01T00:00:00Z" }, { user_id: a! });
        expect((await store.loadThreads(10, null, "asc", { user_id: b! })).data).toEqual([]);
      }),
      { seed: SEED, numRuns: 200 },
    );
  });
});
