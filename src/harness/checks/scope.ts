import { isNotFoundError } from "../../errors/errors.js";
import { show } from "../../errors/render.js";
import { CheckFailure, defineChecks, type CheckEnv, type Fixture } from "../Check.js";
import { describeValue, expectEqual, expectNotFound, expectOk, expectThat, idsOf, jsonEqual } from "../expect.js";
import { at, fileAttachment, message, thread } from "./support.js";

/** C-SCOPE: another scope's data behaves as if it did not exist. */
export const checks = defineChecks("scope", [
  {
    id: "scope.reads",
    statement: "another scope's threads, items and attachments are invisible — also when one scope key is a prefix of the other: loads raise NotFoundError, listings are empty",
    rules: ["C-SCOPE", "C-MISSING-THREAD"],
    requires: ["scoping"],
    kind: "example",
    async run(env) {
      const { store, contexts, scopeNames } = await env.fresh();
      // Each scope writes, and every other scope reads: A's key is a prefix of B's and C's (harness-made
      // keys), so a `LIKE key%` or startsWith scope leaks in one direction only.
      for (const [w, writer] of contexts.entries()) {
        const t = `thr_${w}`;
        await expectOk(() => store.saveThread(thread(t, at(w)), writer));
        await expectOk(() => store.addThreadItem(t, message(t, `msg_${w}`, at(w)), writer));
        if (env.capabilities.attachments) await expectOk(() => store.saveAttachment(fileAttachment(`atc_${w}`), writer));
      }
      for (const [r, reader] of contexts.entries()) {
        const name = `@${scopeNames[r]}`;
        const threads = await expectOk(() => store.loadThreads(10, null, "asc", reader));
        expectEqual({ ids: idsOf(threads), has_more: threads.has_more }, { ids: [`thr_${r}`], has_more: false }, `loadThreads ${name}: its own thread only`);
        for (const [w] of contexts.entries()) {
          if (w === r) continue;
          const t = `thr_${w}`;
          await expectNotFound(() => store.loadThread(t, reader), `loadThread(${t} of ${scopeNames[w]}) ${name}`);
          await expectNotFound(() => store.loadItem(t, `msg_${w}`, reader), `loadItem(${t}, msg_${w} of ${scopeNames[w]}) ${name}`);
          const items = await expectOk(() => store.loadThreadItems(t, null, 10, "asc", reader));
          expectEqual({ ids: idsOf(items), has_more: items.has_more }, { ids: [], has_more: false }, `loadThreadItems(${t} of ${scopeNames[w]}) ${name}`);
          if (env.capabilities.attachments) await expectNotFound(() => store.loadAttachment(`atc_${w}`, reader), `loadAttachment(atc_${w} of ${scopeNames[w]}) ${name}`);
        }
      }
    },
  },
  {
    id: "scope.writes",
    statement: "writes and deletes in one scope never touch another scope's thread, items or attachments, even with the same ids",
    rules: ["C-SCOPE", "C-DELETE"],
    requires: ["scoping"],
    kind: "example",
    async run(env) {
      const { store, contexts } = await env.fresh();
      const [a, b] = contexts;
      const ta = thread("thr_same", at(0), { title: "A's" });
      const ma = message("thr_same", "msg_same", at(1), "A's message");
      await expectOk(() => store.saveThread(ta, a));
      await expectOk(() => store.addThreadItem("thr_same", ma, a));
      await expectOk(() => store.saveThread(thread("thr_same", at(5), { title: "B's" }), b));
      await expectOk(() => store.addThreadItem("thr_same", message("thr_same", "msg_same", at(2), "B's message"), b));
      await expectOk(() => store.saveItem("thr_same", message("thr_same", "msg_same", at(3), "B's update"), b));
      expectEqual(await store.loadThread("thr_same", a), ta, "A's thread after B wrote the same id");
      expectEqual(await store.loadItem("thr_same", "msg_same", a), ma, "A's item after B wrote the same id");
      await expectOk(() => store.deleteThreadItem("thr_same", "msg_same", b));
      await expectOk(() => store.deleteThread("thr_same", b));
      expectEqual(await store.loadThread("thr_same", a), ta, "A's thread after B deleted the same id");
      expectEqual(idsOf(await store.loadThreadItems("thr_same", null, 10, "asc", a)), ["msg_same"], "A's items after B deleted the same ids");
      await expectNotFound(() => store.loadThread("thr_same", b), "loadThread(thr_same) @B after B deleted it");
    },
  },
  {
    id: "scope.attachments",
    statement: "attachments are scoped: another scope's id raises NotFoundError on load, and its save and delete do not touch the owner's record",
    rules: ["C-SCOPE", "C-ATTACH"],
    requires: ["scoping", "attachments"],
    kind: "example",
    async run(env) {
      const { store, contexts } = await env.fresh();
      const [a, b] = contexts;
      const mine = fileAttachment("atc_1", { metadata: { owner: "A" } });
      await expectOk(() => store.saveAttachment(mine, a));
      await expectNotFound(() => store.loadAttachment("atc_1", b), "loadAttachment(atc_1) @B");
      await expectOk(() => store.deleteAttachment("atc_1", b));
      expectEqual(await expectOk(() => store.loadAttachment("atc_1", a)), mine, "A's attachment after B deleted the same id");
      await expectOk(() => store.saveAttachment(fileAttachment("atc_1", { metadata: { owner: "B" }, thread_id: "thr_b" }), b));
      expectEqual(await store.loadAttachment("atc_1", a), mine, "A's attachment after B saved the same id");
    },
  },
  {
    id: "scope.key-twins",
    statement:
      "scope keys that differ only by case, accents, Unicode normalisation (NFC/NFD, NFKC), leading or trailing whitespace, an invisible character or a 4-byte character (\"x🧵\", \"x🧶\", \"x\") are distinct scopes: each writes a thread, an item and an attachment under the same ids, re-reads and lists only its own, and deleting one scope's records leaves every other scope's (needs `makeContext`; with fixed `contexts` the given contexts are checked the same way and no twin keys are made)",
    rules: ["C-SCOPE", "C-ID"],
    requires: ["scoping"],
    kind: "example",
    async run(env) {
      const fixture = await env.fresh();
      await exerciseScopes(env, fixture, await twinScopes(fixture, env.runId), "scope-key twins");
    },
  },
  {
    id: "scope.many-keys",
    statement:
      "257 scope keys that differ only in their last characters — more scopes than an 8-bit hash bucket or shard number can tell apart — each keep their own thread under one shared id: each scope lists exactly its own thread, as saved (needs `makeContext`; with fixed `contexts` the given contexts are checked the same way)",
    rules: ["C-SCOPE"],
    requires: ["scoping"],
    kind: "example",
    async run(env) {
      const { store, contexts, scopeNames, contextFor } = await env.fresh();
      const scopes = contextFor
        ? await Promise.all(Array.from({ length: 257 }, async (_, i) => ({ context: await contextFor(`n${i}`), name: JSON.stringify(`…/n${i}`) })))
        : contexts.map((context, i) => ({ context, name: scopeNames[i]! }));
      const records = scopes.map((s, i) => thread("thr_many", at(i % 60), { title: `${s.name}'s`, metadata: { scope: i } }));
      for (const [i, s] of scopes.entries()) await expectOk(() => store.saveThread(records[i]!, s.context));
      // One listing per scope (a page holds the whole record): an overwrite by a colliding scope or a
      // listing by bucket shows there; every load by id is exercised by scope.key-twins.
      for (const [i, s] of scopes.entries()) {
        const page = await expectOk(() => store.loadThreads(3, null, "asc", s.context));
        expectEqual({ data: page.data, has_more: page.has_more }, { data: [records[i]], has_more: false }, `loadThreads @${s.name}: its own thread only`);
      }
    },
  },
  {
    id: "scope.foreign-ids",
    statement:
      "writes of scope B into ids only scope A has — addThreadItem and saveItem into A's thread (new ids and A's item ids), deleteThreadItem of A's item, deleteThread of A's thread, saveAttachment and deleteAttachment of A's attachment id — never touch A's records (each re-read before and after every write) and never show B anything of A's; B's adds and saves into a thread B does not have raise NotFoundError or stay B's own",
    rules: ["C-SCOPE", "C-MISSING-THREAD", "C-DELETE"],
    requires: ["scoping"],
    kind: "example",
    async run(env) {
      const { store, contexts } = await env.fresh();
      const [a, b] = contexts;
      const t = "thr_owned";
      const mine = thread(t, at(0), { title: "A's" });
      // ids against time order: msg_o3 is the oldest.
      const items = [message(t, "msg_o3", at(1), "A's first"), message(t, "msg_o2", at(2), "A's second"), message(t, "msg_o1", at(3), "A's third")];
      const attachment = fileAttachment("atc_owned", { metadata: { owner: "A" }, thread_id: t });
      const attachments = env.capabilities.attachments;
      await expectOk(() => store.saveThread(mine, a));
      for (const item of items) await expectOk(() => store.addThreadItem(t, item, a));
      if (attachments) await expectOk(() => store.saveAttachment(attachment, a));

      /** What B wrote and the store accepted (a store may keep B's items under B's own thread id). */
      const written = new Map<string, unknown>();
      let bAttachment: unknown = null;
      const expectUntouched = async (when: string) => {
        expectEqual(await expectOk(() => store.loadThread(t, a), `loadThread(${t}) @A ${when}`), mine, `A's thread ${when}`);
        const page = await expectOk(() => store.loadThreadItems(t, null, 10, "asc", a), `loadThreadItems(${t}) @A ${when}`);
        expectEqual({ data: page.data, has_more: page.has_more }, { data: items, has_more: false }, `A's items ${when}`);
        for (const item of items) expectEqual(await expectOk(() => store.loadItem(t, item.id, a), `loadItem(${t}, ${item.id}) @A ${when}`), item, `A's ${item.id} ${when}`);
        const threads = await expectOk(() => store.loadThreads(10, null, "asc", a), `loadThreads @A ${when}`);
        expectEqual(threads.data, [mine], `A's threads ${when}`);
        if (attachments) expectEqual(await expectOk(() => store.loadAttachment(attachment.id, a), `loadAttachment(${attachment.id}) @A ${when}`), attachment, `A's attachment ${when}`);
      };
      const isAs = (row: unknown) => jsonEqual(row, mine) || (row as { title?: unknown } | null)?.title === mine.title;
      const expectNothingOfA = async (when: string) => {
        if (written.size === 0) {
          await expectNotFound(() => store.loadThread(t, b), `loadThread(${t}) @B ${when} (B never saved it)`);
          const threads = await expectOk(() => store.loadThreads(10, null, "asc", b), `loadThreads @B ${when}`);
          expectEqual(idsOf(threads), [], `B's threads ${when}`);
        } else {
          // B's accepted writes may have made B a thread of its own under that id; never A's.
          const threads = await expectOk(() => store.loadThreads(10, null, "asc", b), `loadThreads @B ${when}`);
          expectThat(!threads.data.some(isAs), `loadThreads @B ${when}: never A's thread`, () => describeValue(threads.data));
          let seen: unknown = null;
          try {
            seen = await store.loadThread(t, b);
          } catch (error) {
            if (!isNotFoundError(error)) throw new CheckFailure({ expected: `loadThread(${t}) @B ${when} raises NotFoundError or returns B's own`, seen: `it threw ${describeValue(error)}`, cause: error });
          }
          expectThat(!isAs(seen), `loadThread(${t}) @B ${when} raises NotFoundError (or returns a thread of B's own), never A's thread`, () => `it returned ${describeValue(seen)}`);
        }
        const page = await expectOk(() => store.loadThreadItems(t, null, 10, "asc", b), `loadThreadItems(${t}) @B ${when}`);
        for (const row of page.data) {
          const id = (row as { id?: unknown }).id;
          expectThat(typeof id === "string" && written.has(id) && jsonEqual(row, written.get(id)), `loadThreadItems(${t}) @B ${when}: only items B wrote itself, never A's`, () => describeValue(page));
        }
        for (const item of items) {
          let seen: unknown;
          try {
            seen = await store.loadItem(t, item.id, b);
          } catch (error) {
            if (isNotFoundError(error)) continue;
            throw new CheckFailure({ expected: `loadItem(${t}, ${item.id}) @B ${when} raises NotFoundError`, seen: `it threw ${describeValue(error)}`, cause: error });
          }
          expectThat(written.has(item.id) && jsonEqual(seen, written.get(item.id)), `loadItem(${t}, ${item.id}) @B ${when} raises NotFoundError (or returns what B wrote itself), never A's item`, () => `it returned ${describeValue(seen)}`);
        }
        if (!attachments) return;
        if (bAttachment === null) await expectNotFound(() => store.loadAttachment(attachment.id, b), `loadAttachment(${attachment.id}) @B ${when}`);
        else expectEqual(await expectOk(() => store.loadAttachment(attachment.id, b), `loadAttachment(${attachment.id}) @B ${when}`), bAttachment, `B's own ${attachment.id} ${when}`);
      };
      /** An add or save by B into a thread B does not have: NotFoundError, or accepted as B's own. */
      const intoForeignThread = async (method: "addThreadItem" | "saveItem", item: (typeof items)[number]) => {
        const what = `${method}(${t}, ${item.id}) @B`;
        try {
          await store[method](t, item, b);
          written.set(item.id, item);
        } catch (error) {
          if (!isNotFoundError(error)) {
            throw new CheckFailure({ expected: `${what} (no thread ${t} in B's scope) raises NotFoundError, or succeeds without touching A's thread`, seen: `it threw ${describeValue(error)}`, cause: error });
          }
        }
        return `after ${what}`;
      };

      await expectUntouched("before B writes");
      await expectNothingOfA("before B writes");
      const steps: (() => Promise<string>)[] = [
        () => intoForeignThread("addThreadItem", message(t, "msg_b_new", at(4), "B's new item")),
        () => intoForeignThread("addThreadItem", message(t, "msg_o1", at(5), "B's add over A's id")),
        () => intoForeignThread("saveItem", message(t, "msg_o2", at(6), "B's save over A's id")),
        () => intoForeignThread("saveItem", message(t, "msg_b_saved", at(7), "B's saved item")),
        async () => {
          await expectOk(() => store.deleteThreadItem(t, "msg_o3", b));
          return `after deleteThreadItem(${t}, msg_o3) @B`;
        },
        async () => {
          await expectOk(() => store.deleteThread(t, b));
          return `after deleteThread(${t}) @B`;
        },
      ];
      if (attachments) {
        steps.push(
          async () => {
            await expectOk(() => store.deleteAttachment(attachment.id, b));
            return `after deleteAttachment(${attachment.id}) @B`;
          },
          async () => {
            const own = fileAttachment(attachment.id, { metadata: { owner: "B" }, thread_id: t });
            await expectOk(() => store.saveAttachment(own, b));
            bAttachment = own;
            return `after saveAttachment(${attachment.id}) @B`;
          },
          async () => {
            await expectOk(() => store.deleteAttachment(attachment.id, b));
            bAttachment = null;
            return `after B deleted its own ${attachment.id}`;
          },
        );
      }
      for (const step of steps) {
        const when = await step();
        await expectUntouched(when);
        await expectNothingOfA(when);
      }
    },
  },
]);

// ------------------------------------------------------------------ scope-key twins (C-SCOPE, C-ID)

/** A scope a check writes in, and its name for messages. */
interface Scope<TContext> {
  readonly context: TContext;
  readonly name: string;
}

/** A scope key for messages: JSON, whole, with every non-ASCII or control character escaped. */
function shown(key: string): string {
  return show(key, { max: Infinity, ascii: true });
}

/**
 * Scope keys that real stores conflate although the contract keeps them apart: keys that end in twins
 * (`contextFor`: case, accents, NFC/NFD, NFKC, trailing whitespace, a no-break and a zero-width space)
 * and keys that start with them (`contextForRawKey`: leading whitespace; each embeds the run id).
 * With fixed `contexts`, those contexts.
 */
async function twinScopes<TContext>(fixture: Fixture<TContext>, runId: string): Promise<Scope<TContext>[]> {
  const { contextFor, contextForRawKey, contexts, scopeNames } = fixture;
  if (!contextFor) return contexts.map((context, i) => ({ context, name: scopeNames[i]! }));
  // "x🧵" and "x🧶" differ only in a character outside the BMP (4 UTF-8 bytes, a surrogate pair): a column
  // that cannot hold it (MySQL utf8mb3) stores both as "x?", a filter that drops it as "x"
  const suffixes = ["a", "A", "e", "\u00e9", "e\u0301", "\ufb01", "fi", "x", "x ", "x\t", "x\u00a0", "x\u200b", "x\u{1F9F5}", "x\u{1F9F6}"];
  const scopes: Scope<TContext>[] = [];
  for (const suffix of suffixes) scopes.push({ context: await contextFor(suffix), name: `"…/${shown(suffix).slice(1)}` });
  if (contextForRawKey) {
    const base = `twin:${runId}`;
    for (const key of [base, ` ${base}`, `\t${base}`]) scopes.push({ context: await contextForRawKey(key), name: shown(key) });
  }
  return scopes;
}

/**
 * Every scope writes a thread, an item and an attachment under the same ids; every scope re-reads and
 * lists its own; then the scopes delete theirs one by one, and after each delete the deleted scope sees
 * nothing and every other scope still sees its own.
 */
async function exerciseScopes<TContext>(env: CheckEnv<TContext>, fixture: Fixture<TContext>, scopes: readonly Scope<TContext>[], what: string): Promise<void> {
  const { store } = fixture;
  const attachments = env.capabilities.attachments;
  const [t, m, atc] = ["thr_twin", "msg_twin", "atc_twin"];
  const records = scopes.map((s, i) => ({
    thread: thread(t, at(scopes.length - i), { title: `${s.name}'s thread`, metadata: { scope: i } }),
    item: message(t, m, at(i), `${s.name}'s item`),
    attachment: fileAttachment(atc, { metadata: { scope: i } }),
  }));
  for (const [i, s] of scopes.entries()) {
    await expectOk(() => store.saveThread(records[i]!.thread, s.context));
    await expectOk(() => store.addThreadItem(t, records[i]!.item, s.context));
    if (attachments) await expectOk(() => store.saveAttachment(records[i]!.attachment, s.context));
  }
  const expectOwn = async (i: number, when: string, listings: boolean) => {
    const { context, name } = scopes[i]!;
    const r = records[i]!;
    expectEqual(await expectOk(() => store.loadThread(t, context)), r.thread, `loadThread(${t}) @${name} ${when} (${what}): its own thread`);
    const items = await expectOk(() => store.loadThreadItems(t, null, 3, "asc", context));
    expectEqual({ data: items.data, has_more: items.has_more }, { data: [r.item], has_more: false }, `loadThreadItems(${t}) @${name} ${when}: its own item only`);
    if (attachments) expectEqual(await expectOk(() => store.loadAttachment(atc, context)), r.attachment, `loadAttachment(${atc}) @${name} ${when}: its own attachment`);
    if (!listings) return;
    expectEqual(await expectOk(() => store.loadItem(t, m, context)), r.item, `loadItem(${t}, ${m}) @${name} ${when}: its own item`);
    const threads = await expectOk(() => store.loadThreads(3, null, "asc", context));
    expectEqual({ data: threads.data, has_more: threads.has_more }, { data: [r.thread], has_more: false }, `loadThreads @${name} ${when}: its own thread only`);
  };
  for (const i of scopes.keys()) await expectOwn(i, "after every scope wrote", true);
  const live = new Set(scopes.keys());
  for (const [i, s] of scopes.entries()) {
    await expectOk(() => store.deleteThreadItem(t, m, s.context));
    await expectOk(() => store.deleteThread(t, s.context));
    if (attachments) await expectOk(() => store.deleteAttachment(atc, s.context));
    live.delete(i);
    const when = `after ${s.name} deleted its thread, item and attachment`;
    await expectNotFound(() => store.loadThread(t, s.context), `loadThread(${t}) @${s.name} ${when}`);
    await expectNotFound(() => store.loadItem(t, m, s.context), `loadItem(${t}, ${m}) @${s.name} ${when}`);
    const threads = await expectOk(() => store.loadThreads(3, null, "asc", s.context));
    expectEqual({ ids: idsOf(threads), has_more: threads.has_more }, { ids: [], has_more: false }, `loadThreads @${s.name} ${when}`);
    if (attachments) await expectNotFound(() => store.loadAttachment(atc, s.context), `loadAttachment(${atc}) @${s.name} ${when}`);
    for (const other of live) await expectOwn(other, when, false);
  }
}
