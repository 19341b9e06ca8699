/** faultyStore: chosen calls fail or wait; everything else is delegated. */
import { describe, expect, it } from "vitest";
import { InMemoryStore, InjectedFaultError, InvalidArgumentError, faultyStore } from "chatkit-testkit";

const ctx = { user_id: "u1" };
const thread = (id: string) => ({ id, created_at: "2026-01-01T00:00:00Z" });

describe("faultyStore", () => {
  it("fails the n-th call of a method with an InjectedFault before delegating (nothing is written)", async () => {
    const inner = new InMemoryStore<typeof ctx>();
    const store = faultyStore(inner, { method: "saveThread", nth: 2 });
    await store.saveThread(thread("a"), ctx);
    const error = await store.saveThread(thread("b"), ctx).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InjectedFaultError);
    expect(error).toMatchObject({ name: "InjectedFault", method: "saveThread", n: 2, message: "[chatkit-testkit] faultyStore: injected failure in saveThread (call 2)" });
    await store.saveThread(thread("c"), ctx);
    expect((await inner.loadThreads(10, null, "asc", ctx)).data.map((t) => t.id)).toEqual(["a", "c"]);
    expect(store.injected).toEqual([{ method: "saveThread", n: 2, rule: 0, kind: "fail", error }]);
  });

  it("phase 'after' writes, then fails; a predicate and a custom error pick and shape the failure", async () => {
    const inner = new InMemoryStore<typeof ctx>();
    const boom = new Error("disk full");
    const store = faultyStore(inner, [
      { method: "saveThread", when: (c) => (c.args[0] as { id: string }).id === "late", phase: "after", fail: boom },
      { method: ["loadThread", "loadThreads"], fail: (c: { method: string }) => new Error(`no ${c.method}`), times: 1 },
    ]);
    await expect(store.saveThread(thread("late"), ctx)).rejects.toBe(boom);
    expect(await inner.loadThread("late", ctx)).toEqual(thread("late"));
    await expect(store.loadThreads(1, null, "asc", ctx)).rejects.toThrow("no loadThreads");
    expect(await store.loadThread("late", ctx)).toEqual(thread("late")); // `times: 1` is used up
  });

  it("delay makes a call wait and then succeed; '*' matches every method; sync methods fail synchronously", async () => {
    const store = faultyStore(new InMemoryStore<typeof ctx>({ generateId: (t) => `${t}_x` }), [
      { method: "generateThreadId", nth: 1 },
      { method: "*", delay: 1, times: 1 },
    ]);
    expect(() => store.generateThreadId(ctx)).toThrow(InjectedFaultError);
    expect(store.generateThreadId(ctx)).toBe("thread_x");
    await store.saveThread(thread("a"), ctx);
    expect(store.injected.map((f) => [f.method, f.kind])).toEqual([
      ["generateThreadId", "fail"],
      ["saveThread", "delay"],
    ]);
    store.setPlan({ method: "loadThread" });
    await expect(store.loadThread("a", ctx)).rejects.toThrow(/loadThread \(call 1\)/);
  });

  it("rejects a malformed plan naming the rule", () => {
    const inner = new InMemoryStore();
    expect(() => faultyStore(inner, { method: "loadEverything" as never })).toThrow(InvalidArgumentError);
    expect(() => faultyStore(inner, { method: "loadEverything" as never })).toThrow(/faultyStore: plan\[0\]\.method must be "\*" or one of generateThreadId, .*, got "loadEverything"/);
    expect(() => faultyStore(inner, [{ method: "saveItem" }, { method: "saveItem", nth: 0 }])).toThrow(/plan\[1\]\.nth must be an integer ≥ 1, got 0/);
    expect(() => faultyStore(inner, { method: "generateItemId", delay: 5 })).toThrow(/cannot delay the synchronous methods/);
  });
});
