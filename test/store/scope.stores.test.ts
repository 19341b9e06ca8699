/**
 * C-SCOPE fails closed, identically on every bundled store: a context from which no scope key can be
 * derived is the same InvalidArgumentError (same method, argument `context`, same message) on every
 * method of InMemoryStore and PostgresStore (on pg-mem), and nothing is read or written.
 */
import { describe, expect, it } from "vitest";
import { InMemoryStore, STORE_METHODS, type Store } from "chatkit-testkit";
import { createPgMemStore, type PgMemStore } from "chatkit-testkit/postgres";

type AnyStore = Store<unknown, any>;

const thread = { id: "thr_1", created_at: "2026-01-01T00:00:00Z" };
const item = { type: "end_of_turn", id: "msg_1", thread_id: "thr_1", created_at: "2026-01-01T00:00:01Z" };
const attachment = { type: "file", id: "atc_1", name: "a.txt", mime_type: "text/plain" };

/** Each method called with valid arguments and the given context. */
const CALLS: Record<(typeof STORE_METHODS)[number], (s: AnyStore, ctx: unknown) => unknown> = {
  generateThreadId: (s, c) => s.generateThreadId(c),
  generateItemId: (s, c) => s.generateItemId("message", thread, c),
  loadThread: (s, c) => s.loadThread("thr_1", c),
  saveThread: (s, c) => s.saveThread(thread, c),
  loadThreadItems: (s, c) => s.loadThreadItems("thr_1", null, 10, "asc", c),
  loadThreads: (s, c) => s.loadThreads(10, null, "asc", c),
  addThreadItem: (s, c) => s.addThreadItem("thr_1", item, c),
  saveItem: (s, c) => s.saveItem("thr_1", item, c),
  loadItem: (s, c) => s.loadItem("thr_1", "msg_1", c),
  deleteThread: (s, c) => s.deleteThread("thr_1", c),
  deleteThreadItem: (s, c) => s.deleteThreadItem("thr_1", "msg_1", c),
  saveAttachment: (s, c) => s.saveAttachment(attachment, c),
  loadAttachment: (s, c) => s.loadAttachment("atc_1", c),
  deleteAttachment: (s, c) => s.deleteAttachment("atc_1", c),
};

const NO_KEY: readonly [string, unknown][] = [
  ["undefined", undefined],
  ["null", null],
  ["{}", {}],
  ['{ user_id: "" }', { user_id: "" }],
  ['{ userId: "" }', { userId: "" }],
  ["a number", 42],
  ["an array", ["u1"]],
  ["a non-string user_id", { user_id: 7 }],
  ['""', ""],
];

async function errorOf(call: () => unknown): Promise<any> {
  try {
    await call();
  } catch (error) {
    return error;
  }
  return undefined;
}

async function counts(store: PgMemStore<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (const t of [store.tableNames.threads, store.tableNames.items, store.tableNames.attachments]) {
    const r = await store.client.query(`SELECT count(*)::int AS n FROM ${t}`, []);
    out.push(Number((r.rows[0] as { n: number }).n));
  }
  return out;
}

/** A store of each kind holding one thread, item and attachment in scope "u1". */
async function stores(): Promise<{ memory: InMemoryStore<unknown>; pg: PgMemStore<unknown> }> {
  const memory = new InMemoryStore<unknown>();
  const pg = await createPgMemStore<unknown>();
  for (const s of [memory, pg] as AnyStore[]) {
    await s.saveThread(thread, "u1");
    await s.addThreadItem("thr_1", item, "u1");
    await s.saveAttachment(attachment, "u1");
  }
  return { memory, pg };
}

describe("C-SCOPE fails closed on every method of every bundled store", () => {
  it(`C-SCOPE, C-ERR: ${NO_KEY.length} contexts without a scope key × ${STORE_METHODS.length} methods: the same InvalidArgumentError naming context on both stores; nothing read or written`, async () => {
    const { memory, pg } = await stores();
    const memoryBefore = memory.snapshot();
    const pgBefore = await counts(pg);
    for (const method of STORE_METHODS) {
      for (const [label, ctx] of NO_KEY) {
        const where = `${method} with ${label}`;
        const fromMemory = await errorOf(() => CALLS[method](memory as AnyStore, ctx));
        const fromPg = await errorOf(() => CALLS[method](pg as AnyStore, ctx));
        for (const e of [fromMemory, fromPg]) {
          expect(e?.name, where).toBe("InvalidArgumentError");
          expect(e.code, where).toBe("CHATKIT_INVALID_ARGUMENT");
          expect(e.method, where).toBe(method);
          expect(e.argument, where).toBe("context");
          expect(e.message.startsWith(`[chatkit-testkit] ${method}: context must give a scope key`), where).toBe(true);
        }
        expect(fromPg.message, where).toBe(fromMemory.message);
      }
    }
    expect(memory.snapshot()).toEqual(memoryBefore);
    expect(Object.keys(memory.snapshot())).toEqual(["u1"]); // no shared "" scope appeared
    expect(await counts(pg)).toEqual(pgBefore);
    await expect(memory.seed({ threads: [thread] }, {})).rejects.toThrow(expect.objectContaining({ method: "seed", argument: "context" }));
  });

  it("C-SCOPE: a scope function that derives no non-empty string fails the same way on both stores", async () => {
    const scope = (c: unknown) => (c as { tenant?: string } | undefined)?.tenant as string;
    const memory = new InMemoryStore<unknown>({ scope });
    const pg = await createPgMemStore<unknown>({ scope });
    for (const ctx of [{}, { tenant: "" }, undefined]) {
      const a = await errorOf(() => memory.loadThreads(10, null, "asc", ctx));
      const b = await errorOf(() => pg.loadThreads(10, null, "asc", ctx));
      expect(a?.argument).toBe("context");
      expect(b?.message).toBe(a.message);
    }
    await memory.saveThread(thread, { tenant: "acme" });
    await pg.saveThread(thread, { tenant: "acme" });
    expect((await pg.loadThread("thr_1", { tenant: "acme" })).id).toBe("thr_1");
  });

  it("C-SCOPE: with a scope function (here a tenant), two contexts with the same key share data and a context with another key sees none, on both stores", async () => {
    type Ctx = { tenant: string; user: string };
    const t1u1: Ctx = { tenant: "t1", user: "u1" };
    const t1u2: Ctx = { tenant: "t1", user: "u2" };
    const t2u1: Ctx = { tenant: "t2", user: "u1" };
    const scope = (c: Ctx) => c.tenant;
    const messages: string[][] = [];
    for (const store of [new InMemoryStore<Ctx>({ scope }), await createPgMemStore<Ctx>({ scope })] as Store<Ctx, any>[]) {
      const name = store.constructor.name;
      await store.saveThread(thread, t1u1);
      await store.addThreadItem("thr_1", item, t1u2); // another user of the same tenant writes into u1's thread
      await store.saveAttachment(attachment, t1u1);
      expect(await store.loadItem("thr_1", "msg_1", t1u1), name).toEqual(item);
      expect(await store.loadAttachment("atc_1", t1u2), name).toEqual(attachment);
      expect(await store.loadThread("thr_1", t1u2), name).toEqual(thread);
      expect((await store.loadThreadItems("thr_1", null, 10, "asc", t1u2)).data.map((i) => i.id), name).toEqual(["msg_1"]);
      // another tenant, even the same user: nothing is there
      const errors = [
        await errorOf(() => store.loadThread("thr_1", t2u1)),
        await errorOf(() => store.loadAttachment("atc_1", t2u1)),
        await errorOf(() => store.loadItem("thr_1", "msg_1", t2u1)),
        await errorOf(() => store.addThreadItem("thr_1", { ...item, id: "msg_t2" }, t2u1)),
      ];
      expect(errors.map((e) => [e?.name, e?.kind, e?.id, e?.method]), name).toEqual([
        ["NotFoundError", "thread", "thr_1", "loadThread"],
        ["NotFoundError", "attachment", "atc_1", "loadAttachment"],
        ["NotFoundError", "item", "msg_1", "loadItem"],
        ["NotFoundError", "thread", "thr_1", "addThreadItem"],
      ]);
      messages.push(errors.map((e) => e.message));
      expect(await store.loadThreads(10, null, "asc", t2u1), name).toEqual({ data: [], has_more: false, after: null });
      expect(await store.loadThreadItems("thr_1", null, 10, "asc", t2u1), name).toEqual({ data: [], has_more: false, after: null });
      // and the other tenant's rejected add left tenant t1's thread as it was
      expect((await store.loadThreadItems("thr_1", null, 10, "asc", t1u1)).data.map((i) => i.id), name).toEqual(["msg_1"]);
    }
    expect(messages[1]).toEqual(messages[0]);
  });

  it('C-SCOPE: scope: "single-tenant" is the explicit shared scope on both stores: any context, one scope', async () => {
    for (const store of [new InMemoryStore<unknown>({ scope: "single-tenant" }), await createPgMemStore<unknown>({ scope: "single-tenant" })] as AnyStore[]) {
      await store.saveThread(thread, undefined);
      await store.addThreadItem("thr_1", item, {});
      await store.saveAttachment(attachment, { user_id: "someone" });
      expect(store.generateThreadId(null)).toMatch(/^thr_/);
      expect((await store.loadThreads(10, null, "asc", 42)).data.map((t) => t.id)).toEqual(["thr_1"]);
      expect((await store.loadThreadItems("thr_1", null, 10, "asc", "u2")).data.map((i) => i.id)).toEqual(["msg_1"]);
      expect((await store.loadAttachment("atc_1", undefined)).id).toBe("atc_1");
    }
  });

  it("C-ERR: a scope option that is neither a function nor \"single-tenant\" is rejected at construction, the same on both stores", async () => {
    expect(() => new InMemoryStore({ scope: "shared" as never })).toThrow('[chatkit-testkit] InMemoryStore: options.scope must be a function of the context or "single-tenant", got "shared"');
    await expect(createPgMemStore({ scope: "shared" as never })).rejects.toThrow('[chatkit-testkit] PostgresStore: options.scope must be a function of the context or "single-tenant", got "shared"');
  });
});
