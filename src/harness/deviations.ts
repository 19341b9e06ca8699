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
import { isNotFoundError, NotFoundError } from "../store/errors.js";
import { looksLikeNotFound } from "./expect.js";
import { parseTimestamp, formatTimestamp } from "../model/timestamp.js";
import type { AnyStore } from "./Check.js";

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
function restore(value: unknown, written: Written, context: unknown, where: string): unknown {
  if (!isRecord(value) || typeof value.id !== "string" || typeof value.created_at !== "string") return value;
  const original = written.get(context, keyOf(where, value.id));
  if (original === undefined || original === value.created_at) return value;
  const a = parseTimestamp(original);
  const b = parseTimestamp(value.created_at);
  return a.ok && b.ok && a.micros === b.micros ? { ...value, created_at: original } : value;
}

function restorePage(page: unknown, written: Written, context: unknown, where: string): unknown {
  if (!isRecord(page) || !Array.isArray(page.data)) return page;
  return { ...page, data: page.data.map((row) => restore(row, written, context, where)) };
}

/**
 * The store as the checks see it when deviations are declared: each declared deviation is turned back
 * into the contract's behaviour. With no deviation declared, the store itself.
 */
export function adaptToDeviations<TContext>(store: AnyStore<TContext>, repairs: ReadonlySet<Repair>): AnyStore<TContext> {
  const on = repairs;
  if (on.size === 0) return store;
  const named = <T>(call: () => Promise<T>): Promise<T> =>
    on.has("notFoundName")
      ? call().catch((error: unknown) => {
          throw looksLikeNotFound(error) ? new NotFoundError("item", "?", error instanceof Error ? error.message : String(error)) : error;
        })
      : call();
  type Page = { data: unknown[]; has_more: boolean; after?: string | null };
  const fixPage = (page: Page): Page => (on.has("lastPageAfter") && !page.has_more ? { ...page, after: null } : page);
  /** desc as the exact reverse of the store's own asc walk, cursor and limit applied here. */
  const descFromAsc = async (list: (after: string | null, limit: number, order: "asc") => Promise<Page>, after: string | null, limit: number): Promise<Page> => {
    const rows: unknown[] = [];
    let cursor: string | null = null;
    for (let guard = 0; guard < 10_000; guard++) {
      const page = fixPage(await list(cursor, 1000, "asc"));
      rows.push(...page.data);
      if (!page.has_more || page.data.length === 0) break;
      cursor = (page.data[page.data.length - 1] as { id: string }).id;
    }
    rows.reverse();
    let start = 0;
    if (after !== null && after !== "") {
      start = rows.findIndex((r) => (r as { id: string }).id === after) + 1;
      if (start === 0) throw new NotFoundError("cursor", after);
    }
    const data = rows.slice(start, start + limit);
    const hasMore = rows.length > start + limit;
    return { data, has_more: hasMore, after: hasMore ? (data[data.length - 1] as { id: string }).id : null };
  };
  const timestamps = on.has("utcTimestampsOnly") || on.has("createdAtNormalised");
  const written = new Written();
  const remember = (record: unknown, context: unknown, where: string) => {
    if (timestamps && isRecord(record) && typeof record.id === "string" && typeof record.created_at === "string") written.set(context, keyOf(where, record.id), record.created_at);
  };
  const toStore = <T>(record: T): T => (on.has("utcTimestampsOnly") && isRecord(record) ? ({ ...record, created_at: asUtc(record.created_at) } as T) : record);
  const exists = async (threadId: string, itemId: string, context: TContext) => {
    try {
      await store.loadItem(threadId, itemId, context);
      return true;
    } catch {
      return false;
    }
  };
  const adapted: Partial<AnyStore<TContext>> = {
    async saveThread(thread, context) {
      await store.saveThread(toStore(thread), context);
      remember(thread, context, "thread");
    },
    async addThreadItem(threadId, item, context) {
      try {
        await store.addThreadItem(threadId, toStore(item), context);
      } catch (error) {
        // A store that throws on a duplicate id: replace the existing item, as the contract does.
        if (on.has("notFoundName") && looksLikeNotFound(error)) throw new NotFoundError("thread", threadId, error instanceof Error ? error.message : String(error));
        if (!on.has("duplicateAddThrows") || isNotFoundError(error) || !(await exists(threadId, item.id, context))) throw error;
        await store.saveItem(threadId, toStore(item), context);
      }
      remember(item, context, `items:${threadId}`);
    },
    async saveItem(threadId, item, context) {
      // An update-only saveItem: insert a missing item, as the contract's upsert does.
      if (on.has("saveItemUpdateOnly") && !(await exists(threadId, item.id, context))) {
        // through the adapted add, so a duplicate raised by a racing add becomes a replace
        await adapted.addThreadItem!(threadId, item, context);
        return;
      }
      await store.saveItem(threadId, toStore(item), context);
      remember(item, context, `items:${threadId}`);
    },
    async loadThreadItems(threadId, after, limit, order, context) {
      try {
        const page =
          on.has("descReversesTies") && order === "desc" && Number.isInteger(limit) && limit >= 1
            ? await named(() => descFromAsc((a, l, o) => store.loadThreadItems(threadId, a, l, o, context), after, limit))
            : fixPage(await named(() => store.loadThreadItems(threadId, after, limit, order, context)));
        return restorePage(page, written, context, `items:${threadId}`) as Awaited<ReturnType<AnyStore<TContext>["loadThreadItems"]>>;
      } catch (error) {
        // A missing thread that raises: an empty page, as the contract has it (only without a cursor).
        if (!on.has("missingThreadItemsThrow") || !isNotFoundError(error) || (after !== null && after !== "")) throw error;
        try {
          await store.loadThread(threadId, context);
        } catch (missing) {
          if (isNotFoundError(missing) || looksLikeNotFound(missing)) return { data: [], has_more: false, after: null };
        }
        throw error;
      }
    },
    async loadThreads(limit, after, order, context) {
      const page =
        on.has("descReversesTies") && order === "desc" && Number.isInteger(limit) && limit >= 1
          ? await named(() => descFromAsc((a, l, o) => store.loadThreads(l, a, o, context), after, limit))
          : fixPage(await named(() => store.loadThreads(limit, after, order, context)));
      return restorePage(page, written, context, "thread") as Awaited<ReturnType<AnyStore<TContext>["loadThreads"]>>;
    },
    async loadThread(threadId, context) {
      return restore(await named(() => store.loadThread(threadId, context)), written, context, "thread") as Awaited<ReturnType<AnyStore<TContext>["loadThread"]>>;
    },
    async loadItem(threadId, itemId, context) {
      return restore(await named(() => store.loadItem(threadId, itemId, context)), written, context, `items:${threadId}`) as Awaited<ReturnType<AnyStore<TContext>["loadItem"]>>;
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
