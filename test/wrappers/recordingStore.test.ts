/** recordingStore: every call, in order, with deep-copied arguments and results. */
import { describe, expect, it } from "vitest";
import { InMemoryStore, NotFoundError, STORE_METHODS, recordingStore, type Store, type ThreadMetadata } from "chatkit-testkit";

const ctx = { user_id: "u1" };

describe("recordingStore", () => {
  it("delegates every Store method and records method, args, context and result in call order", async () => {
    const store = recordingStore(new InMemoryStore<typeof ctx>({ generateId: (t) => `${t}_1` }));
    for (const m of STORE_METHODS) expect(typeof store[m]).toBe("function");
    expect(store.generateThreadId(ctx)).toBe("thread_1");
    await store.saveThread({ id: "thr_a", created_at: "2026-01-01T00:00:00Z" }, ctx);
    const page = await store.loadThreads(5, null, "desc", ctx);
    expect(page.data.map((t) => t.id)).toEqual(["thr_a"]);
    expect(store.methods()).toEqual(["generateThreadId", "saveThread", "loadThreads"]);
    expect(store.calls[2]).toEqual({ index: 2, method: "loadThreads", args: [5, null, "desc"], context: ctx, status: "ok", result: page });
    expect(store.callsTo("saveThread", "generateThreadId").map((c) => c.index)).toEqual([0, 1]);
  });

  it("records deep copies: mutating an argument or a result afterwards does not change the record", async () => {
    const store = recordingStore(new InMemoryStore<typeof ctx>());
    const thread: ThreadMetadata = { id: "thr_a", created_at: "2026-01-01T00:00:00Z", metadata: { n: 1 } };
    await store.saveThread(thread, ctx);
    thread.metadata!.n = 2;
    const loaded = await store.loadThread("thr_a", ctx);
    loaded.metadata!.n = 3;
    expect(store.calls[0]!.args[0]).toEqual({ id: "thr_a", created_at: "2026-01-01T00:00:00Z", metadata: { n: 1 } });
    expect(store.calls[1]!.result).toEqual({ id: "thr_a", created_at: "2026-01-01T00:00:00Z", metadata: { n: 1 } });
  });

  it("records a rejected call with its error and re-throws it unchanged; pending calls show as pending", async () => {
    const store = recordingStore(new InMemoryStore<typeof ctx>());
    const error = await store.loadThread("nope", ctx).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(store.calls[0]).toMatchObject({ method: "loadThread", status: "error", error });
    const inFlight = store.loadThreads(1, null, "asc", ctx);
    expect(store.calls[1]!.status).toBe("pending");
    await inFlight;
    expect(store.calls[1]!.status).toBe("ok");
    store.clear();
    expect(store.calls).toEqual([]);
  });

  it("records a synchronous throw, and keeps non-cloneable contexts by reference", () => {
    const inner = new InMemoryStore<unknown>();
    const store = recordingStore({ ...bind(inner), generateItemId: () => { throw new Error("no ids today"); } } as unknown as Store<unknown>);
    const context = { user_id: "u1", log: () => {} };
    expect(() => store.generateItemId("message", { id: "t", created_at: "2026-01-01T00:00:00Z" }, context)).toThrow("no ids today");
    expect(store.calls[0]).toMatchObject({ method: "generateItemId", status: "error", args: ["message", { id: "t" }] });
    expect(store.calls[0]!.context).toBe(context);
  });
});

/** The 14 methods of a class instance as an object (so one can be replaced). */
function bind(store: InMemoryStore<unknown>) {
  return Object.fromEntries(STORE_METHODS.map((m) => [m, (store[m] as (...a: unknown[]) => unknown).bind(store)])) as Record<string, unknown>;
}
