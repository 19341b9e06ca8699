/**
 * Deliberate deviations from the contract that a store may declare, most of them what upstream's
 * reference store does too (docs/test-your-own-store.md, "Porting a store from the Python reference").
 *
 * A declared deviation does two things. The check that owns the behaviour is reported as a declared
 * deviation (listed in every report, never silently skipped). And every other check sees the store
 * through an adapter that turns the deviating behaviour back into the contract's, so the run still
 * checks everything around it: with `saveItemUpdateOnly`, a `saveItem` of a new id becomes an
 * `addThreadItem`; with `createdAtNormalised`, a loaded `created_at` that names the instant that was
 * written is given back in the spelling that was written; and so on.
 * @packageDocumentation
 */
import { isNotFoundError, NotFoundError } from "../errors/errors.js";
import { jsonEqual, looksLikeNotFound } from "./expect.js";
import { parseTimestamp, formatTimestamp } from "../model/timestamp.js";
import type { AnyStore, Check } from "./Check.js";
import { expectEqual, expectNotFound, expectOk, expectThat } from "./expect.js";
import { message, thread } from "./checks/support.js";

/** The deviations a store can declare. Each is off unless declared. */
export interface Deviations {
  /** `saveItem` of an id that does not exist is a silent no-op (upstream's reference store: UPDATE only). */
  saveItemUpdateOnly?: boolean;
  /** `addThreadItem` of an id already in the thread throws (upstream: a raw IntegrityError). */
  duplicateAddThrows?: boolean;
  /** `loadThreadItems` of a thread that does not exist raises NotFoundError instead of an empty page. */
  missingThreadItemsThrow?: boolean;
  /** Only UTC timestamps with `Z` are accepted; naive ones and other offsets are rejected. */
  utcTimestampsOnly?: boolean;
  /**
   * `created_at` is given back as another spelling of the same instant (upstream: pydantic re-serialises
   * it, `…06.5` → `…06.500000`, `+00:00` → `Z`).
   */
  createdAtNormalised?: boolean;
}

/** A deviation's name. */
export type Deviation = keyof Deviations;

/** What each deviation is, in words, and the check that owns the behaviour it changes. */
export const DEVIATIONS: Readonly<Record<Deviation, { readonly owner: string; readonly what: string }>> = Object.freeze({
  saveItemUpdateOnly: { owner: "item-save.inserts-missing", what: "saveItem of a missing id is a no-op (update only)" },
  duplicateAddThrows: { owner: "item-add.duplicate-replaces", what: "addThreadItem of an existing id throws" },
  missingThreadItemsThrow: { owner: "missing-thread.empty-page", what: "loadThreadItems of a missing thread raises NotFoundError" },
  utcTimestampsOnly: { owner: "roundtrip.timestamp-forms", what: "only UTC timestamps with Z are accepted" },
  createdAtNormalised: { owner: "roundtrip.created-at-exact", what: "created_at comes back as another spelling of the same instant" },
});

/**
 * Behaviours the harness can repair in an adapter, to ask "would this failing check pass if that one
 * behaviour were right?": the deviations, and three bugs that many checks trip over. A failing check
 * that passes with an owner's repair is reported as blocked by that owner.
 */
export type Repair = Deviation | "notFoundName" | "lastPageAfter" | "descReversesTies";

/** The check owning each repairable behaviour. */
export const REPAIR_OWNERS: Readonly<Record<Repair, string>> = Object.freeze({
  ...Object.fromEntries(Object.entries(DEVIATIONS).map(([d, { owner }]) => [d, owner])),
  notFoundName: "arguments.not-found-name",
  lastPageAfter: "paging.limit-equals-count",
  descReversesTies: "order.ties-insertion",
}) as Readonly<Record<Repair, string>>;

/** The deviations of upstream's reference SQLite store (Python SDK 1.6): `profile: "upstream"`. */
export const UPSTREAM_PROFILE: Readonly<Required<Deviations>> = Object.freeze({
  saveItemUpdateOnly: true,
  duplicateAddThrows: true,
  missingThreadItemsThrow: false,
  utcTimestampsOnly: false,
  createdAtNormalised: true,
});

/** The declared deviations that are on. */
export function declared(deviations: Deviations): Deviation[] {
  return (Object.keys(DEVIATIONS) as Deviation[]).filter((d) => deviations[d] === true);
}

type Json = Record<string, unknown>;

/**
 * The `created_at` written last for each record, by scope (the context object) and key (`thread` or the
 * thread id, then the record id), so reads can be given back the spelling that was written.
 */
class Written {
  private readonly byContext = new Map<unknown, Map<string, string>>();
  set(context: unknown, key: string, createdAt: string): void {
    let m = this.byContext.get(context);
    if (!m) this.byContext.set(context, (m = new Map()));
    m.set(key, createdAt);
  }
  get(context: unknown, key: string): string | undefined {
    return this.byContext.get(context)?.get(key);
  }
}

const keyOf = (where: string, id: string) => `${where}\u0000${id}`;

function isRecord(value: unknown): value is Json {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** `created_at` as a UTC `Z` timestamp, for a store that accepts no other form. */
function asUtc(createdAt: unknown): unknown {
  if (typeof createdAt !== "string") return createdAt;
  const parsed = parseTimestamp(createdAt);
  return parsed.ok ? formatTimestamp(parsed.micros) : createdAt;
}

/** The value with its `created_at` given back as written, when the store returned the same instant. */
function restore(value: unknown, written: Written, context: unknown, where: string, used: (repair: Repair) => void = () => {}): unknown {
  if (!isRecord(value) || typeof value.id !== "string" || typeof value.created_at !== "string") return value;
  const original = written.get(context, keyOf(where, value.id));
  if (original === undefined || original === value.created_at) return value;
  const a = parseTimestamp(original);
  const b = parseTimestamp(value.created_at);
  if (!(a.ok && b.ok && a.micros === b.micros)) return value;
  used("createdAtNormalised");
  return { ...value, created_at: original };
}

function restorePage(page: unknown, written: Written, context: unknown, where: string, used: (repair: Repair) => void = () => {}): unknown {
  if (!isRecord(page) || !Array.isArray(page.data)) return page;
  return { ...page, data: page.data.map((row) => restore(row, written, context, where, used)) };
}

/**
 * The store as the checks see it when behaviours are repaired: each repair in `repairs` turns the
 * store's deviating behaviour back into the contract's, and only where the store really shows it — a
 * duplicate add that threw and left the row as it was, a timestamp the store rejected, a desc page that
 * differs from the reverse of asc only by the order inside groups of equal timestamps. `used` is told
 * each repair that changed a call, so a verdict can blame only repairs that made a difference.
 * With no repair, the store itself.
 */
export function adaptToDeviations<TContext>(store: AnyStore<TContext>, repairs: ReadonlySet<Repair>, used: (repair: Repair) => void = () => {}): AnyStore<TContext> {
  const on = repairs;
  if (on.size === 0) return store;
  const named = <T>(call: () => Promise<T>): Promise<T> =>
    on.has("notFoundName")
      ? call().catch((error: unknown) => {
          if (!looksLikeNotFound(error)) throw error;
          used("notFoundName");
          throw new NotFoundError("item", "?", error instanceof Error ? error.message : String(error));
        })
      : call();
  type Page = { data: unknown[]; has_more: boolean; after?: string | null };
  const fixPage = (page: Page): Page => {
    if (!on.has("lastPageAfter") || page.has_more || page.after === null || page.after === undefined) return page;
    used("lastPageAfter");
    return { ...page, after: null };
  };
  type Lister = (after: string | null, limit: number, order: "asc" | "desc") => Promise<Page>;
  const walk = async (list: Lister, order: "asc" | "desc"): Promise<unknown[]> => {
    const rows: unknown[] = [];
    let cursor: string | null = null;
    for (let guard = 0; guard < 10_000; guard++) {
      const page = fixPage(await list(cursor, 1000, order));
      rows.push(...page.data);
      if (!page.has_more || page.data.length === 0) break;
      cursor = (page.data[page.data.length - 1] as { id: string }).id;
    }
    return rows;
  };
  const idOf = (r: unknown) => (r as { id: string }).id;
  const instantOf = (r: unknown) => {
    const parsed = parseTimestamp(String((r as { created_at?: unknown }).created_at));
    return parsed.ok ? parsed.micros : null;
  };
  /**
   * desc as the exact reverse of the store's own asc walk — only when the store's own desc walk holds
   * the same rows and differs from that reverse only inside groups of equal timestamps (the tie order).
   * Any other difference is the store's own, and its page is returned untouched.
   */
  const descRepaired = async (list: Lister, after: string | null, limit: number): Promise<Page> => {
    const own = fixPage(await list(after, limit, "desc"));
    const reversed = (await walk(list, "asc")).reverse();
    const ownWalk = await walk(list, "desc");
    // The same groups of equal timestamps in the same order, and every row inside its own group: the
    // store's desc differs from the reverse of asc only in how it orders (and so pages) ties.
    const groups = (rows: readonly unknown[]) => rows.map(instantOf).filter((m, i, all) => i === 0 || m !== all[i - 1]).map(String).join(",");
    const groupOf = new Map(reversed.map((r) => [idOf(r), instantOf(r)]));
    const tieOnly = !reversed.some((r) => instantOf(r) === null) && groups(ownWalk) === groups(reversed) && ownWalk.every((r) => groupOf.has(idOf(r)) && groupOf.get(idOf(r)) === instantOf(r));
    if (!tieOnly) return own;
    let start = 0;
    if (after !== null && after !== "") {
      start = reversed.findIndex((r) => idOf(r) === after) + 1;
      if (start === 0) return own;
    }
    const data = reversed.slice(start, start + limit);
    const hasMore = reversed.length > start + limit;
    const page = { data, has_more: hasMore, after: hasMore ? idOf(data[data.length - 1]) : null };
    if (data.map(idOf).join("\u0000") !== own.data.map(idOf).join("\u0000")) used("descReversesTies");
    return page;
  };
  const timestamps = on.has("utcTimestampsOnly") || on.has("createdAtNormalised");
  const written = new Written();
  const remember = (record: unknown, context: unknown, where: string) => {
    if (timestamps && isRecord(record) && typeof record.id === "string" && typeof record.created_at === "string") written.set(context, keyOf(where, record.id), record.created_at);
  };
  /** Writes the record as given; a store that rejects its created_at gets it again as a UTC `Z` timestamp. */
  const write = async <T>(record: T, call: (r: T) => Promise<void>): Promise<void> => {
    try {
      await named(() => call(record));
    } catch (error) {
      if (!on.has("utcTimestampsOnly") || !isRecord(record) || !rejectsCreatedAt(error)) throw error;
      const utc = asUtc(record.created_at);
      if (utc === record.created_at) throw error;
      used("utcTimestampsOnly");
      await named(() => call({ ...record, created_at: utc } as T));
    }
  };
  const tryLoad = async (threadId: string, itemId: string, context: TContext): Promise<unknown> => {
    try {
      return await store.loadItem(threadId, itemId, context);
    } catch {
      return undefined;
    }
  };
  const adapted: Partial<AnyStore<TContext>> = {
    async saveThread(thread, context) {
      await write(thread, (t) => store.saveThread(t, context));
      remember(thread, context, "thread");
    },
    async addThreadItem(threadId, item, context) {
      // A store that throws on a duplicate id: when the item was there before the call and the store
      // left it exactly as it was, replace it, as the contract does. Any other throw is the store's own.
      const before = on.has("duplicateAddThrows") ? await tryLoad(threadId, item.id, context) : undefined;
      try {
        await write(item, (i) => store.addThreadItem(threadId, i, context));
      } catch (error) {
        if (!on.has("duplicateAddThrows") || isNotFoundError(error)) throw error;
        const after = await tryLoad(threadId, item.id, context);
        // a duplicate: the row that was there is untouched, or (a racing add) another writer's row is
        // there now; a row that holds this call's own data means the store wrote it and then threw
        const duplicate = after !== undefined && (before !== undefined ? jsonEqual(after, before) : !jsonEqual(after, item));
        if (!duplicate) throw error;
        used("duplicateAddThrows");
        await write(item, (i) => store.saveItem(threadId, i, context));
      }
      remember(item, context, `items:${threadId}`);
    },
    async saveItem(threadId, item, context) {
      // An update-only saveItem: the store's own saveItem runs first; only when it left a missing item
      // missing (the declared no-op) is the item inserted, as the contract's upsert does.
      if (on.has("saveItemUpdateOnly")) {
        const before = await tryLoad(threadId, item.id, context);
        await write(item, (i) => store.saveItem(threadId, i, context));
        if (before === undefined && (await tryLoad(threadId, item.id, context)) === undefined) {
          used("saveItemUpdateOnly");
          await adapted.addThreadItem!(threadId, item, context);
          return;
        }
      } else {
        await write(item, (i) => store.saveItem(threadId, i, context));
      }
      remember(item, context, `items:${threadId}`);
    },
    async loadThreadItems(threadId, after, limit, order, context) {
      const list: Lister = (a, l, o) => store.loadThreadItems(threadId, a, l, o, context);
      try {
        const page =
          on.has("descReversesTies") && order === "desc" && Number.isInteger(limit) && limit >= 1
            ? await named(() => descRepaired(list, after, limit))
            : fixPage(await named(() => list(after, limit, order)));
        return restorePage(page, written, context, `items:${threadId}`, used) as Awaited<ReturnType<AnyStore<TContext>["loadThreadItems"]>>;
      } catch (error) {
        // A missing thread that raises: an empty page, as the contract has it (only without a cursor).
        if (!on.has("missingThreadItemsThrow") || !isNotFoundError(error) || (after !== null && after !== "")) throw error;
        try {
          await store.loadThread(threadId, context);
        } catch (missing) {
          if (isNotFoundError(missing) || looksLikeNotFound(missing)) {
            used("missingThreadItemsThrow");
            return { data: [], has_more: false, after: null };
          }
        }
        throw error;
      }
    },
    async loadThreads(limit, after, order, context) {
      const list: Lister = (a, l, o) => store.loadThreads(l, a, o, context);
      const page =
        on.has("descReversesTies") && order === "desc" && Number.isInteger(limit) && limit >= 1
          ? await named(() => descRepaired(list, after, limit))
          : fixPage(await named(() => list(after, limit, order)));
      return restorePage(page, written, context, "thread", used) as Awaited<ReturnType<AnyStore<TContext>["loadThreads"]>>;
    },
    async loadThread(threadId, context) {
      return restore(await named(() => store.loadThread(threadId, context)), written, context, "thread", used) as Awaited<ReturnType<AnyStore<TContext>["loadThread"]>>;
    },
    async loadItem(threadId, itemId, context) {
      return restore(await named(() => store.loadItem(threadId, itemId, context)), written, context, `items:${threadId}`, used) as Awaited<ReturnType<AnyStore<TContext>["loadItem"]>>;
    },
    async loadAttachment(attachmentId, context) {
      return named(() => store.loadAttachment(attachmentId, context));
    },
  };
  return new Proxy(store, {
    get(target, prop, receiver) {
      const own = typeof prop === "string" && Object.prototype.hasOwnProperty.call(adapted, prop) ? (adapted[prop as keyof typeof adapted] as (...args: unknown[]) => unknown) : undefined;
      const value = own ?? Reflect.get(target, prop, receiver);
      if (typeof value !== "function") return value;
      const fn = own ?? (value as (...args: unknown[]) => unknown).bind(target);
      if (!on.has("notFoundName") || prop === "generateThreadId" || prop === "generateItemId") return fn;
      // every call: an error that says "not found" becomes a NotFoundError
      return (...args: unknown[]) => named(() => Promise.resolve(fn(...args)));
    },
  });
}

/** An error that rejects a record's created_at (an argument error blaming it, or a message naming it). */
function rejectsCreatedAt(error: unknown): boolean {
  const argument = error !== null && typeof error === "object" ? (error as { argument?: unknown }).argument : undefined;
  if (typeof argument === "string") return /created_at/.test(argument);
  const message = error instanceof Error ? error.message : String(error);
  return /created_at|timestamp|time zone|offset/i.test(message);
}

/**
 * The check a declared deviation's owner becomes: it confirms that the store does exactly what was
 * declared and nothing worse (a saveItem that is a no-op must not write anywhere, a duplicate add that
 * throws must leave the row as it was, a store that accepts only `Z` must reject naive timestamps …).
 * It runs on the store itself, not through the adapter. Passing, it is reported as the declared
 * deviation; failing, as a failure of the declaration.
 */
export function verificationOf(deviation: Deviation, owner: Check): Check {
  return {
    ...owner,
    statement: `declared deviation ${deviation} (${DEVIATIONS[deviation].what}): the store does exactly that, and nothing worse`,
    severity: "loses-or-leaks-data",
    async run(env) {
      const { store, contexts } = await env.fresh();
      const [a, b] = contexts;
      const t = "thr_declared";
      await expectOk(() => store.saveThread(thread(t, "2026-01-01T00:00:00Z"), a));
      const kept = message(t, "msg_kept", "2026-01-01T00:00:01Z", "kept");
      await expectOk(() => store.addThreadItem(t, kept, a));
      const pageOfA = async () => (await expectOk(() => store.loadThreadItems(t, null, 10, "asc", a))).data;
      const before = await pageOfA();
      if (deviation === "saveItemUpdateOnly") {
        await expectOk(() => store.saveItem(t, message(t, "msg_new", "2026-01-01T00:00:02Z"), a));
        await expectNotFound(() => store.loadItem(t, "msg_new", a), "loadItem of the id saveItem did not insert (a no-op)");
        await expectOk(() => store.saveItem(t, message(t, "msg_new", "2026-01-01T00:00:02Z"), b));
        await expectNotFound(() => store.loadItem(t, "msg_new", a), "loadItem in the owner's scope after another scope's saveItem into the same thread id");
      } else if (deviation === "duplicateAddThrows") {
        let threw = false;
        try {
          await store.addThreadItem(t, message(t, "msg_kept", "2026-01-01T00:00:09Z", "changed"), a);
        } catch {
          threw = true;
        }
        expectThat(threw, "addThreadItem of an existing id throws, as declared", () => "it succeeded");
        expectEqual(await expectOk(() => store.loadItem(t, "msg_kept", a)), kept, "the existing item, left exactly as it was by the add that threw");
      } else if (deviation === "missingThreadItemsThrow") {
        await expectNotFound(() => store.loadThreadItems("thr_never_saved", null, 10, "asc", a), "loadThreadItems of a thread that does not exist, as declared");
      } else if (deviation === "utcTimestampsOnly") {
        for (const form of ["2026-01-01T00:00:03", "2026-01-01T02:00:03+02:00"]) {
          let accepted = true;
          try {
            await store.addThreadItem(t, message(t, `msg_${form.length}`, form), a);
          } catch {
            accepted = false;
          }
          expectThat(!accepted, `addThreadItem with created_at ${JSON.stringify(form)} is rejected, as declared`, () => "it was accepted (then the store must read it correctly: do not declare utcTimestampsOnly)");
        }
      } else {
        const given = "2026-01-01T00:00:04.5+00:00";
        await expectOk(() => store.addThreadItem(t, message(t, "msg_spelled", given), a));
        const loaded = await expectOk(() => store.loadItem(t, "msg_spelled", a));
        const x = parseTimestamp(String(loaded.created_at));
        const want = parseTimestamp(given);
        expectThat(x.ok && want.ok && x.micros === want.micros, `created_at ${JSON.stringify(given)} loads back as the same instant, in any spelling`, () => `it loaded ${JSON.stringify(loaded.created_at)}`);
      }
      const after = await pageOfA();
      const unchanged = deviation === "saveItemUpdateOnly" || deviation === "duplicateAddThrows" || deviation === "missingThreadItemsThrow";
      if (unchanged) expectEqual(after, before, "the owner's thread, unchanged by the deviating calls");
    },
  };
}
