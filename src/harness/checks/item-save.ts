import { defineChecks } from "../Check.js";
import { expectEqual, expectOk, idsOf } from "../expect.js";
import { at, expectRead, lister, message, thread, walkAndCheck } from "./support.js";

/** C-THREAD-SAVE, C-ITEM-ADD, C-ITEM-SAVE: upserts that keep positions. */
export const checks = defineChecks("item-save", [
  {
    id: "item-save.replace-in-place",
    statement: "saveItem of an existing id replaces it in place: same position even when type changes or created_at moves later or earlier",
    rules: ["C-ITEM-SAVE"],
    kind: "example",
    async run(env) {
      const { store, contexts } = await env.fresh();
      const [ctx] = contexts;
      await expectOk(() => store.saveThread(thread("thr_s", at(0)), ctx));
      // ids against time order
      const items = [message("thr_s", "msg3", at(1)), message("thr_s", "msg2", at(2)), message("thr_s", "msg1", at(3))];
      for (const m of items) await expectOk(() => store.addThreadItem("thr_s", m, ctx));
      await expectRead(store, ctx, "thr_s", items, "items before saveItem", { limits: [1] });
      const replaced = { type: "end_of_turn", id: "msg2", thread_id: "thr_s", created_at: at(99) };
      await expectOk(() => store.saveItem("thr_s", replaced, ctx));
      await walkAndCheck(lister(store, "thr_s"), ctx, 1, "asc", ["msg3", "msg2", "msg1"], "items after saveItem (msg2 stays in the middle)");
      await walkAndCheck(lister(store, "thr_s"), ctx, 2, "desc", ["msg1", "msg2", "msg3"], "items after saveItem");
      expectEqual(await store.loadItem("thr_s", "msg2", ctx), replaced, "msg2 replaced, type changed");
      await expectRead(store, ctx, "thr_s", [items[0]!, replaced, items[2]!], "items after saveItem", { limits: [1] });
      // the last item, replaced with a created_at earlier than every other (naive): it stays last
      const earlier = message("thr_s", "msg1", "2020-01-01T00:00:00", "replaced with an earlier created_at");
      await expectOk(() => store.saveItem("thr_s", earlier, ctx));
      await walkAndCheck(lister(store, "thr_s"), ctx, 1, "asc", ["msg3", "msg2", "msg1"], "items after saveItem of msg1 with an earlier created_at (msg1 stays last)");
      await expectRead(store, ctx, "thr_s", [items[0]!, replaced, earlier], "items after saveItem of msg1 with an earlier created_at", { limits: [1] });
    },
  },
  {
    id: "item-save.inserts-missing",
    statement:
      "saveItem of a missing id inserts it at its ordered position (upsert, not update-only): in the middle, at the front, at the end, into a tie group after the rows already in it, and among items replaced in place with other created_at values — placed by the positions they kept, not by the created_at their records now hold",
    rules: ["C-ITEM-SAVE"],
    severity: "stricter-than-upstream",
    upstream: "the reference store's save_item is an UPDATE only: a missing item is a silent no-op, though its docstring says upsert",
    upstreamFailure: (failure) => /^loadItem\(.*succeeds$/.test(failure.expected) && /NotFoundError/.test(failure.seen),
    kind: "example",
    async run(env) {
      const { store, contexts } = await env.fresh();
      const [ctx] = contexts;
      await expectOk(() => store.saveThread(thread("thr_m", at(0)), ctx));
      const first = message("thr_m", "msg3", at(1));
      const last = message("thr_m", "msg1", at(3));
      await expectOk(() => store.addThreadItem("thr_m", first, ctx));
      await expectOk(() => store.addThreadItem("thr_m", last, ctx));
      await expectRead(store, ctx, "thr_m", [first, last], "items before saveItem of msg2", { limits: [10], gone: ["msg2"] });
      const m2 = message("thr_m", "msg2", at(2));
      await expectOk(() => store.saveItem("thr_m", m2, ctx));
      expectEqual(await expectOk(() => store.loadItem("thr_m", "msg2", ctx)), m2, "the inserted item");
      await walkAndCheck(lister(store, "thr_m"), ctx, 10, "asc", ["msg3", "msg2", "msg1"], "items after inserting msg2 by saveItem");
      await expectRead(store, ctx, "thr_m", [first, m2, last], "items after inserting msg2 by saveItem", { limits: [10] });
      // the front, the end, and a tie with msg2 (after it: insertion order)
      const front = message("thr_m", "msg9", at(0));
      const end = message("thr_m", "msg0", at(4));
      const tie = message("thr_m", "msg2_tie", at(2));
      const asc = [first, m2, last];
      for (const [m, place, where, limit] of [[front, 0, "at the front", 10], [end, 4, "at the end", 10], [tie, 3, "into msg2's tie group", 2]] as const) {
        await expectOk(() => store.saveItem("thr_m", m, ctx));
        asc.splice(place, 0, m);
        await expectRead(store, ctx, "thr_m", asc, `items after inserting ${m.id} by saveItem ${where}`, { limits: [limit] });
      }
      // replaced in place with other created_at values, the items keep their places (C-ITEM-SAVE): a new
      // item goes by those places, not by the records' new created_at (as an array store that scans
      // the stored records for the first later one would)
      await expectOk(() => store.saveThread(thread("thr_k", at(0)), ctx));
      const kept = [message("thr_k", "msg_c", at(1)), message("thr_k", "msg_b", at(2)), message("thr_k", "msg_a", at(3))];
      for (const m of kept) await expectOk(() => store.addThreadItem("thr_k", m, ctx));
      kept[0] = message("thr_k", "msg_c", at(9), "replaced with a later created_at");
      kept[1] = message("thr_k", "msg_b", "2020-01-01T00:00:00Z", "replaced with an earlier created_at");
      for (const m of kept.slice(0, 2)) await expectOk(() => store.saveItem("thr_k", m, ctx));
      // Where the replacements did not keep their places, that is item-save.replace-in-place's failure,
      // and where a new item belongs among them is undefined: this check judges inserts only.
      const replaced = await expectOk(() => lister(store, "thr_k")(null, 10, "asc", ctx));
      if (JSON.stringify(idsOf(replaced)) !== JSON.stringify(["msg_c", "msg_b", "msg_a"])) return;
      const between = message("thr_k", "msg_m", at(2, 500_000));
      await expectOk(() => store.saveItem("thr_k", between, ctx));
      await walkAndCheck(lister(store, "thr_k"), ctx, 10, "asc", ["msg_c", "msg_b", "msg_m", "msg_a"], "items of thr_k after inserting msg_m (10:00:02.5) among msg_c (kept at 10:00:01, now saying 10:00:09), msg_b (kept at 10:00:02, now saying 2020) and msg_a (10:00:03)");
      await expectRead(store, ctx, "thr_k", [kept[0]!, kept[1]!, between, kept[2]!], "items of thr_k after inserting msg_m among replaced items", { limits: [1, 10] });
    },
  },
  {
    id: "item-save.reread-after-save",
    statement:
      "loadItem and pages (both orders, first pages and pages after a cursor) read before a saveItem show the saved data when read again, for a replaced item at the first, a middle and the last place, and for an inserted one",
    rules: ["C-ITEM-SAVE", "C-PAGE"],
    kind: "example",
    async run(env) {
      const { store, contexts } = await env.fresh();
      const [ctx] = contexts;
      await expectOk(() => store.saveThread(thread("thr_rs", at(0)), ctx));
      // ids against time order
      const asc = [message("thr_rs", "msg_d", at(10)), message("thr_rs", "msg_c", at(20)), message("thr_rs", "msg_b", at(30)), message("thr_rs", "msg_a", at(40))];
      for (const m of asc) await expectOk(() => store.addThreadItem("thr_rs", m, ctx));
      await expectRead(store, ctx, "thr_rs", asc, "items before the saves", { limits: [2, 5], gone: ["msg_e"] });
      for (const place of [0, 2, 3]) {
        const saved = message("thr_rs", asc[place]!.id, asc[place]!.created_at, `saved again at place ${place}`);
        await expectOk(() => store.saveItem("thr_rs", saved, ctx));
        asc[place] = saved;
        await expectRead(store, ctx, "thr_rs", asc, `items after saveItem of ${saved.id}`, { limits: [3], gone: ["msg_e"] });
      }
      const inserted = message("thr_rs", "msg_e", at(25));
      await expectOk(() => store.saveItem("thr_rs", inserted, ctx));
      asc.splice(2, 0, inserted);
      await expectRead(store, ctx, "thr_rs", asc, "items after saveItem of the new msg_e", { limits: [2, 5] });
    },
  },
]);
