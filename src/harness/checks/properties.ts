import * as fc from "fast-check";
import * as arb from "../../arbitraries/index.js";
import type { Attachment } from "../../model/attachment.js";
import type { Check } from "../Check.js";
import { expectEqual, expectOk } from "../expect.js";
import { checkProperty } from "../property.js";
import { referenceMicros } from "../reference/ReferenceStore.js";
import { lister, walkAndCheck } from "./support.js";

/** Contract order of rows given in insertion order: by instant, then insertion (independent of the stores). */
function contractOrder<R>(rows: readonly R[], createdAt: (r: R) => string): R[] {
  return rows
    .map((r, i) => ({ r, i, micros: referenceMicros(createdAt(r))! }))
    .sort((a, b) => (a.micros < b.micros ? -1 : a.micros > b.micros ? 1 : a.i - b.i))
    .map((x) => x.r);
}

/** Property-based checks over random data from `arb`. */
export const propertyChecks: Check[] = [
  {
    id: "roundtrip.property",
    statement: "random threads, items of all 11 types and attachments (nested JSON, unicode, every optional field absent, null or set) load exactly as saved",
    rules: ["C-ROUNDTRIP", "C-WIRE"],
    kind: "property",
    async run(env) {
      const values = fc.record({
        thread: arb.threadMetadata(),
        items: fc.uniqueArray(arb.threadItem(), { maxLength: 6, selector: (i) => i.id }),
        attachments: env.capabilities.attachments ? fc.uniqueArray(arb.attachment(), { maxLength: 3, selector: (a) => a.id }) : fc.constant<Attachment[]>([]),
      });
      await checkProperty(
        env,
        values,
        async ({ thread, items, attachments }) => {
          const { store, contexts } = await env.fresh();
          const [ctx] = contexts;
          await expectOk(() => store.saveThread(thread as never, ctx), "saveThread");
          expectEqual(await expectOk(() => store.loadThread(thread.id, ctx), "loadThread"), thread, "loadThread: the thread as saved");
          for (const item of items) {
            await expectOk(() => store.addThreadItem(thread.id, item as never, ctx), `addThreadItem(${item.type})`);
            expectEqual(await expectOk(() => store.loadItem(thread.id, item.id, ctx), `loadItem(${item.type})`), item, `loadItem: the ${item.type} as added`);
          }
          for (const a of attachments) {
            await expectOk(() => store.saveAttachment(a as never, ctx), `saveAttachment(${a.type})`);
            expectEqual(await expectOk(() => store.loadAttachment(a.id, ctx), `loadAttachment(${a.type})`), a, `loadAttachment: the ${a.type} attachment as saved`);
          }
        },
        ({ thread, items, attachments }) => [
          `saveThread(${fc.stringify(thread)})`,
          ...items.map((i) => `addThreadItem(${JSON.stringify(thread.id)}, ${fc.stringify(i)})`),
          ...attachments.map((a) => `saveAttachment(${fc.stringify(a)})`),
        ],
      );
    },
  },
  {
    id: "paging.walk-property",
    statement: "for random datasets (tie groups, every created_at form, adversarial ids and scope keys), every walk visits each row exactly once in contract order, desc is the reverse of asc, has_more/after are exact",
    rules: ["C-PAGE", "C-ORDER", "C-CURSOR", "C-SCOPE"],
    kind: "property",
    async run(env) {
      const probe = await env.fresh();
      // Scope keys come from the dataset when the harness builds contexts; with fixed contexts, one each.
      const maxScopes = !env.capabilities.scoping ? 1 : probe.contextFor ? 3 : Math.min(probe.contexts.length, 3);
      const input = fc.record({
        data: arb.dataset({ maxScopes, maxThreads: 3, maxItems: 7 }),
        limits: fc.uniqueArray(fc.integer({ min: 1, max: 8 }), { minLength: 1, maxLength: 3 }),
      });
      let first = true;
      await checkProperty(
        env,
        input,
        async ({ data, limits }) => {
          const fixture = first ? probe : await env.fresh();
          first = false;
          const { store } = fixture;
          const contextOf = new Map(data.scopes.map((key, i) => [key, fixture.contextFor ? fixture.contextFor(key) : fixture.contexts[i]!]));
          for (const { scope, thread } of data.threads) await expectOk(() => store.saveThread(thread as never, contextOf.get(scope)!), `saveThread(${JSON.stringify(thread.id)})`);
          for (const { scope, threadId, item } of data.items) await expectOk(() => store.addThreadItem(threadId, item as never, contextOf.get(scope)!), `addThreadItem(${JSON.stringify(threadId)}, ${JSON.stringify(item.id)})`);
          for (const scope of data.scopes) {
            const ctx = contextOf.get(scope)!;
            const where = `scope ${JSON.stringify(scope)}`;
            const threads = contractOrder(data.threads.filter((t) => t.scope === scope), (t) => t.thread.created_at).map((t) => t.thread.id);
            for (const limit of limits) {
              await walkAndCheck(lister(store, null), ctx, limit, "asc", threads, `threads of ${where}`);
              await walkAndCheck(lister(store, null), ctx, limit, "desc", [...threads].reverse(), `threads of ${where}`);
            }
            for (const threadId of threads) {
              const ids = contractOrder(data.items.filter((i) => i.scope === scope && i.threadId === threadId), (i) => i.item.created_at).map((i) => i.item.id);
              for (const limit of limits) {
                await walkAndCheck(lister(store, threadId), ctx, limit, "asc", ids, `items of ${JSON.stringify(threadId)} in ${where}`);
                await walkAndCheck(lister(store, threadId), ctx, limit, "desc", [...ids].reverse(), `items of ${JSON.stringify(threadId)} in ${where}`);
              }
            }
          }
        },
        ({ data, limits }) => [
          ...data.threads.map((t) => `saveThread({ id: ${JSON.stringify(t.thread.id)}, created_at: "${t.thread.created_at}" }) @${JSON.stringify(t.scope)}`),
          ...data.items.map((i) => `addThreadItem(${JSON.stringify(i.threadId)}, { id: ${JSON.stringify(i.item.id)}, created_at: "${i.item.created_at}" }) @${JSON.stringify(i.scope)}`),
          `walk every listing with limits ${limits.join(", ")} in both orders`,
        ],
      );
    },
  },
];
