/**
 * C-SCOPE fails closed, identically on every bundled store: a context from which no scope key can be
 * derived is the same InvalidArgumentError (same method, argument `context`, the message InMemoryStore
 * gives) on every method of InMemoryStore and PostgresStore (on pg-mem and on the run's real PostgreSQL),
 * and nothing is read or written. Also a scope function (a tenant) and `scope: "single-tenant"` on every
 * bundled store, and a bad `scope` option refused by each store's constructor.
 */
import { afterAll, describe, expect, it } from "vitest";
import { InMemoryStore, STORE_METHODS, type Store } from "chatkit-testkit";
import type { PostgresStore } from "chatkit-testkit/postgres";
import { titleOf } from "../postgres/backends.js";
import { sql } from "../postgres/support.js";
import { bundledBackends, onBackend } from "./bundled.js";

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

/** Saves the one thread, item and attachment of these tests in the scope of `context`. */
async function seed(store: AnyStore, context: unknown): Promise<void> {
  await store.saveThread(thread, context);
  await store.addThreadItem("thr_1", item, context);
  await store.saveAttachment(attachment, context);
}

/** What a seeded scope holds, through the Store API (works on every store). */
const SEEDED = { threads: [thread], items: [item], attachment };
async function listed(store: AnyStore, context: unknown): Promise<unknown> {
  return {
    threads: (await store.loadThreads(10, null, "asc", context)).data,
    items: (await store.loadThreadItems("thr_1", null, 10, "asc", context)).data,
    attachment: await store.loadAttachment("atc_1", context),
  };
}

/**
 * Everything a store holds in every scope, as the store keeps it: InMemoryStore's snapshot (which also
 * lists a scope that holds nothing), or every row of a PostgresStore's three tables, order keys and data
 * included. Equal before and after means nothing was written anywhere; `scopes` are the scope keys seen.
 */
async function held(store: AnyStore): Promise<{ rows: unknown; scopes: string[] }> {
  if (store instanceof InMemoryStore) {
    const snapshot = store.snapshot();
    return { rows: snapshot, scopes: Object.keys(snapshot).sort() };
  }
  const pg = store as unknown as PostgresStore<unknown>;
  const rows = {
    threads: await sql(pg, `SELECT * FROM ${pg.tableNames.threads} ORDER BY scope, id`),
    items: await sql(pg, `SELECT * FROM ${pg.tableNames.items} ORDER BY scope, thread_id, id`),
    attachments: await sql(pg, `SELECT * FROM ${pg.tableNames.attachments} ORDER BY scope, id`),
  };
  return { rows, scopes: [...new Set(Object.values(rows).flatMap((table) => table.map((r) => String(r.scope))))].sort() };
}

type Ctx = { tenant: string; user: string };
const t1u1: Ctx = { tenant: "t1", user: "u1" };
const t1u2: Ctx = { tenant: "t1", user: "u2" };
const t2u1: Ctx = { tenant: "t2", user: "u1" };
const byTenant = (c: Ctx) => c.tenant;

/**
 * On a store scoped by tenant: two contexts with the same key share data, a context with another key sees
 * none, and its rejected add leaves the data as it was. Returns the messages of the NotFoundErrors.
 */
async function tenantsApart(store: Store<Ctx, any>, name: string): Promise<string[]> {
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
  expect(await store.loadThreads(10, null, "asc", t2u1), name).toEqual({ data: [], has_more: false, after: null });
  expect(await store.loadThreadItems("thr_1", null, 10, "asc", t2u1), name).toEqual({ data: [], has_more: false, after: null });
  // and the other tenant's rejected add left tenant t1's thread as it was
  expect((await store.loadThreadItems("thr_1", null, 10, "asc", t1u1)).data.map((i) => i.id), name).toEqual(["msg_1"]);
  return errors.map((e) => e.message);
}

const BACKENDS = bundledBackends();

afterAll(async () => {
  for (const b of BACKENDS) await b.close();
});

describe("C-SCOPE fails closed on every method of every bundled store", () => {
  describe.each(BACKENDS.map((b) => [titleOf(b), b] as const))("%s", (_title, backend) => {
    const { test, store, scope } = onBackend(backend, "scope");

    test(`C-SCOPE, C-ERR: ${NO_KEY.length} contexts without a scope key × ${STORE_METHODS.length} methods: the InvalidArgumentError naming context, with InMemoryStore's message; nothing read or written`, async () => {
      const c = scope();
      await seed(store(), c);
      const reference = new InMemoryStore<unknown>(); // the message every store must give
      await seed(reference as AnyStore, c);
      const before = await held(store());
      for (const method of STORE_METHODS) {
        for (const [label, ctx] of NO_KEY) {
          const where = `${method} with ${label}`;
          const e = await errorOf(() => CALLS[method](store(), ctx));
          expect(e?.name, where).toBe("InvalidArgumentError");
          expect(e.code, where).toBe("CHATKIT_INVALID_ARGUMENT");
          expect(e.method, where).toBe(method);
          expect(e.argument, where).toBe("context");
          expect(e.message.startsWith(`[chatkit-testkit] ${method}: context must give a scope key`), where).toBe(true);
          expect(e.message, where).toBe((await errorOf(() => CALLS[method](reference as AnyStore, ctx)))?.message);
        }
      }
      const after = await held(store());
      expect(after).toEqual(before);
      expect(after.scopes).toContain(c.user_id);
      expect(after.scopes).not.toContain(""); // no shared "" scope appeared
      expect(await listed(store(), c)).toEqual(SEEDED);
    });

    test("C-SCOPE: a scope function that derives no non-empty string fails closed, with InMemoryStore's message", async () => {
      const byTenantOrNothing = (c: unknown) => (c as { tenant?: string } | undefined)?.tenant as string;
      const own = (await backend.createStore({ scope: byTenantOrNothing })) as unknown as AnyStore;
      const reference = new InMemoryStore<unknown>({ scope: byTenantOrNothing });
      for (const ctx of [{}, { tenant: "" }, undefined]) {
        const e = await errorOf(() => own.loadThreads(10, null, "asc", ctx));
        expect(e?.name).toBe("InvalidArgumentError");
        expect(e.argument).toBe("context");
        expect(e.message).toBe((await errorOf(() => reference.loadThreads(10, null, "asc", ctx)))?.message);
      }
      await own.saveThread(thread, { tenant: "acme" });
      expect((await own.loadThread("thr_1", { tenant: "acme" })).id).toBe("thr_1");
      await backend.destroyStore(own as never);
    });

    test("C-SCOPE: with a scope function (here a tenant), two contexts with the same key share data and a context with another key sees none; InMemoryStore's messages", async () => {
      const own = (await backend.createStore({ scope: byTenant as never })) as unknown as Store<Ctx, any>;
      const messages = await tenantsApart(own, backend.name);
      expect(messages).toEqual(await tenantsApart(new InMemoryStore<Ctx>({ scope: byTenant }), "InMemoryStore (reference)"));
      await backend.destroyStore(own as never);
    });

    test('C-SCOPE: scope: "single-tenant" is the explicit shared scope: any context, one scope', async () => {
      const own = (await backend.createStore({ scope: "single-tenant" })) as unknown as AnyStore;
      await own.saveThread(thread, undefined);
      await own.addThreadItem("thr_1", item, {});
      await own.saveAttachment(attachment, { user_id: "someone" });
      expect(own.generateThreadId(null)).toMatch(/^thr_/);
      expect((await own.loadThreads(10, null, "asc", 42)).data.map((t) => t.id)).toEqual(["thr_1"]);
      expect((await own.loadThreadItems("thr_1", null, 10, "asc", "u2")).data.map((i) => i.id)).toEqual(["msg_1"]);
      expect((await own.loadAttachment("atc_1", undefined)).id).toBe("atc_1");
      await backend.destroyStore(own as never);
    });

    test('C-ERR: a scope option that is neither a function nor "single-tenant" is refused by the constructor, naming options.scope', async () => {
      const owner = backend.name === "InMemoryStore" ? "InMemoryStore" : "PostgresStore"; // the class whose constructor checks its options
      await expect(backend.createStore({ scope: "shared" as never })).rejects.toThrow(
        expect.objectContaining({
          name: "InvalidArgumentError",
          method: owner,
          argument: "options.scope",
          message: `[chatkit-testkit] ${owner}: options.scope must be a function of the context or "single-tenant", got "shared"`,
        }),
      );
    });
  });

  it("C-SCOPE: InMemoryStore.seed with a context without a scope key fails closed too, naming seed and context; nothing written", async () => {
    const memory = new InMemoryStore<unknown>();
    await seed(memory as AnyStore, "u1");
    const before = memory.snapshot();
    for (const [label, ctx] of NO_KEY) {
      await expect(memory.seed({ threads: [thread] }, ctx), label).rejects.toThrow(expect.objectContaining({ name: "InvalidArgumentError", method: "seed", argument: "context" }));
    }
    expect(memory.snapshot()).toEqual(before);
    expect(Object.keys(memory.snapshot())).toEqual(["u1"]); // no shared "" scope appeared
  });
});
