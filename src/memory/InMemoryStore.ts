import { defaultGenerateId, type StoreItemType } from "../model/ids.js";
import { cloneJson, defineData, type JsonObject } from "../model/json.js";
import type { Page } from "../model/page.js";
import { checkAttachment, checkId, checkItem, checkLimit, checkOrder, checkThread, normalizeAfter, type CheckedRecord } from "../store/arguments.js";
import { NotFoundError } from "../store/errors.js";
import { toPage, type OrderKey } from "../store/paging.js";
import { scopeResolver, type ScopeOption, type ScopeResolver } from "../store/scope.js";
import type { ChatKitModel, ModelTypes, Order, Store } from "../store/Store.js";
import { OrderedIndex } from "./OrderedIndex.js";

/** Options of {@link InMemoryStore}. */
export interface InMemoryStoreOptions<TContext> {
  /**
   * Derives the scope (user or tenant) from the request context (C-SCOPE). A function must return a
   * non-empty string; `"single-tenant"` puts every call in one shared scope, whatever its context.
   * A context from which no key can be derived is an `InvalidArgumentError` naming `context`, on every
   * method: scoping fails closed.
   * @defaultValue {@link defaultScope}: a non-empty string context, or a non-empty string
   *   `context.user_id` / `context.userId`; anything else is rejected
   */
  scope?: ScopeOption<TContext>;
  /**
   * Validate every record against the ChatKit model on write, not only the envelope the store needs.
   * @defaultValue `false` (records of older or newer SDK shapes round-trip untouched)
   */
  strict?: boolean;
  /**
   * Generates ids for `generateThreadId` / `generateItemId`; use `seededIds()` from the fixtures for
   * deterministic ids in tests.
   * @defaultValue {@link defaultGenerateId} (`<prefix>_<32 hex>`, C-ID)
   */
  generateId?: (itemType: StoreItemType) => string;
}

/** The data of one scope, in contract order: what {@link InMemoryStore.snapshot} returns and `seed` takes. */
export interface ScopeData<M extends ModelTypes = ChatKitModel> {
  threads: M["thread"][];
  /** Items per thread id, oldest first. */
  items: Record<string, M["item"][]>;
  attachments: M["attachment"][];
}

/** Every scope's data, keyed by scope. */
export type StoreSnapshot<M extends ModelTypes = ChatKitModel> = Record<string, ScopeData<M>>;

interface Row extends OrderKey {
  readonly id: string;
  micros: bigint;
  value: JsonObject;
}

interface ItemsOfThread {
  readonly byId: Map<string, Row>;
  readonly index: OrderedIndex<Row>;
}

interface CheckedSeed {
  readonly threads: CheckedRecord[];
  readonly items: (readonly [string, CheckedRecord[]])[];
  readonly attachments: CheckedRecord[];
}

interface ScopeState {
  readonly threads: Map<string, Row>;
  readonly threadIndex: OrderedIndex<Row>;
  readonly items: Map<string, ItemsOfThread>;
  readonly attachments: Map<string, JsonObject>;
}

/**
 * A spec-faithful in-memory ChatKit store: every rule of CONTRACT.md, no configuration needed.
 *
 * - Total order by (`created_at` instant at µs, insertion sequence) (C-ORDER); exact keyset pages whose
 *   cost does not grow with the collection (C-PAGE).
 * - `NotFoundError` on unknown or foreign cursors (C-CURSOR); argument checks (C-LIMIT, C-ERR).
 * - Everything scoped, attachments included (C-SCOPE); deep copies in and out (C-ISOLATION).
 * - Upserts that keep positions (C-THREAD-SAVE, C-ITEM-ADD, C-ITEM-SAVE); cascade on `deleteThread`
 *   (C-DELETE). Every method runs to completion without awaiting, so concurrent calls never interleave
 *   inside one another (C-CONCURRENT).
 *
 * Adding or saving an item into a thread that does not exist in the caller's scope raises
 * `NotFoundError` (the contract is silent; see docs/decisions/items-need-a-thread.md).
 *
 * @example
 * ```ts
 * const store = new InMemoryStore<{ user_id: string }>();
 * const ctx = { user_id: "u1" };
 * await store.saveThread(makeThread({ id: "thr_1" }), ctx);
 * const page = await store.loadThreads(20, null, "desc", ctx);
 * ```
 */
export class InMemoryStore<TContext = unknown, M extends ModelTypes = ChatKitModel> implements Store<TContext, M> {
  private readonly scopes = new Map<string, ScopeState>();
  private readonly scopeOf: ScopeResolver<TContext>;
  private readonly strict: boolean;
  private readonly generateId: (itemType: StoreItemType) => string;
  private seq = 0;

  constructor(options: InMemoryStoreOptions<TContext> = {}) {
    this.scopeOf = scopeResolver<TContext>("InMemoryStore", options.scope);
    this.strict = options.strict ?? false;
    this.generateId = options.generateId ?? defaultGenerateId;
  }

  // ------------------------------------------------------------------ ids (C-ID)

  generateThreadId(context: TContext): string {
    this.peek("generateThreadId", context); // C-SCOPE fails closed on every method; creates no scope
    return this.generateId("thread");
  }

  generateItemId(itemType: StoreItemType, _thread: M["thread"], context: TContext): string {
    this.peek("generateItemId", context);
    return this.generateId(itemType);
  }

  // ------------------------------------------------------------------ threads

  async loadThread(threadId: string, context: TContext): Promise<M["thread"]> {
    checkId("loadThread", "threadId", threadId);
    const row = this.peek("loadThread", context)?.threads.get(threadId);
    if (!row) throw new NotFoundError("thread", threadId, `[chatkit-testkit] loadThread: thread ${JSON.stringify(threadId)} not found`);
    return cloneJson(row.value) as M["thread"];
  }

  async saveThread(thread: M["thread"], context: TContext): Promise<void> {
    const checked = checkThread("saveThread", thread, { strict: this.strict });
    this.putThread(this.scope("saveThread", context), checked);
  }

  async loadThreads(limit: number, after: string | null, order: Order, context: TContext): Promise<Page<M["thread"]>> {
    checkLimit("loadThreads", limit);
    checkOrder("loadThreads", order);
    const cursorId = normalizeAfter("loadThreads", after);
    const scope = this.peek("loadThreads", context);
    const cursor = cursorId === null ? null : scope?.threads.get(cursorId);
    if (cursor === undefined) throw new NotFoundError("cursor", cursorId!, `[chatkit-testkit] loadThreads: cursor thread ${JSON.stringify(cursorId)} not found`);
    if (!scope) return { data: [], has_more: false, after: null };
    return this.page(scope.threadIndex, cursor, order, limit) as Page<M["thread"]>;
  }

  async deleteThread(threadId: string, context: TContext): Promise<void> {
    checkId("deleteThread", "threadId", threadId);
    const scope = this.peek("deleteThread", context);
    const row = scope?.threads.get(threadId);
    if (!scope || !row) return;
    scope.threads.delete(threadId);
    scope.threadIndex.remove(row);
    scope.items.delete(threadId); // C-DELETE: cascade; attachments stay (their lifecycle is the AttachmentStore's)
  }

  // ------------------------------------------------------------------ items

  async loadThreadItems(threadId: string, after: string | null, limit: number, order: Order, context: TContext): Promise<Page<M["item"]>> {
    checkId("loadThreadItems", "threadId", threadId);
    checkLimit("loadThreadItems", limit);
    checkOrder("loadThreadItems", order);
    const cursorId = normalizeAfter("loadThreadItems", after);
    const items = this.peek("loadThreadItems", context)?.items.get(threadId);
    const cursor = cursorId === null ? null : items?.byId.get(cursorId);
    if (cursor === undefined) {
      throw new NotFoundError("cursor", cursorId!, `[chatkit-testkit] loadThreadItems: cursor item ${JSON.stringify(cursorId)} not found in thread ${JSON.stringify(threadId)}`);
    }
    if (!items) return { data: [], has_more: false, after: null }; // C-MISSING-THREAD
    return this.page(items.index, cursor, order, limit) as Page<M["item"]>;
  }

  async addThreadItem(threadId: string, item: M["item"], context: TContext): Promise<void> {
    this.upsertItem("addThreadItem", threadId, item, context);
  }

  async saveItem(threadId: string, item: M["item"], context: TContext): Promise<void> {
    this.upsertItem("saveItem", threadId, item, context);
  }

  async loadItem(threadId: string, itemId: string, context: TContext): Promise<M["item"]> {
    checkId("loadItem", "threadId", threadId);
    checkId("loadItem", "itemId", itemId);
    const row = this.peek("loadItem", context)?.items.get(threadId)?.byId.get(itemId);
    if (!row) throw new NotFoundError("item", itemId, `[chatkit-testkit] loadItem: item ${JSON.stringify(itemId)} not found in thread ${JSON.stringify(threadId)}`);
    return cloneJson(row.value) as M["item"];
  }

  async deleteThreadItem(threadId: string, itemId: string, context: TContext): Promise<void> {
    checkId("deleteThreadItem", "threadId", threadId);
    checkId("deleteThreadItem", "itemId", itemId);
    const items = this.peek("deleteThreadItem", context)?.items.get(threadId);
    const row = items?.byId.get(itemId);
    if (!items || !row) return;
    items.byId.delete(itemId);
    items.index.remove(row);
  }

  /** addThreadItem and saveItem share one rule: replace in place, or insert at the ordered position. */
  private upsertItem(method: string, threadId: string, item: M["item"], context: TContext): void {
    checkId(method, "threadId", threadId);
    const checked = checkItem(method, item, { strict: this.strict });
    this.putItem(method, this.peek(method, context), threadId, checked); // peek: a rejected write creates no scope
  }

  // ------------------------------------------------------------------ attachments

  async saveAttachment(attachment: M["attachment"], context: TContext): Promise<void> {
    const checked = checkAttachment("saveAttachment", attachment, { strict: this.strict });
    this.scope("saveAttachment", context).attachments.set(checked.value.id as string, checked.value);
  }

  async loadAttachment(attachmentId: string, context: TContext): Promise<M["attachment"]> {
    checkId("loadAttachment", "attachmentId", attachmentId);
    const value = this.peek("loadAttachment", context)?.attachments.get(attachmentId);
    if (!value) throw new NotFoundError("attachment", attachmentId, `[chatkit-testkit] loadAttachment: attachment ${JSON.stringify(attachmentId)} not found`);
    return cloneJson(value) as M["attachment"];
  }

  async deleteAttachment(attachmentId: string, context: TContext): Promise<void> {
    checkId("deleteAttachment", "attachmentId", attachmentId);
    this.peek("deleteAttachment", context)?.attachments.delete(attachmentId);
  }

  // ------------------------------------------------------------------ test helpers

  /**
   * A deep copy of everything the store holds, per scope, in contract order. Mutating it does not
   * change the store; `restore(snapshot)` brings the store back to exactly this state.
   */
  snapshot(): StoreSnapshot<M> {
    const out: StoreSnapshot<M> = {};
    for (const [key, scope] of this.scopes) {
      const items: Record<string, M["item"][]> = {};
      for (const [threadId, rows] of scope.items) {
        // defineData: a thread id or scope named "__proto__" stays a key (plain assignment would drop it).
        if (rows.index.size > 0) defineData(items, threadId, rows.index.toArray().map((r) => cloneJson(r.value) as M["item"]));
      }
      defineData(out, key, {
        threads: scope.threadIndex.toArray().map((r) => cloneJson(r.value) as M["thread"]),
        items,
        attachments: [...scope.attachments.values()].map((a) => cloneJson(a) as M["attachment"]),
      });
    }
    return out;
  }

  /** Removes everything from every scope. */
  reset(): void {
    this.scopes.clear();
  }

  /**
   * Adds data to the caller's scope: threads first, then each thread's items in array order, then
   * attachments. Every record is checked like any write before anything is written, so a bad record
   * leaves the store unchanged.
   * @throws {InvalidArgumentError} for a malformed record (the message names it)
   * @throws {NotFoundError} for items of a thread that is neither in `data.threads` nor stored
   */
  async seed(data: Partial<ScopeData<M>>, context: TContext): Promise<void> {
    const key = this.scopeOf("seed", context);
    this.apply([[key, this.checkSeed(data, key)]]);
  }

  /** Replaces all state with a {@link snapshot} (checked first; on a bad record nothing changes). */
  restore(snapshot: StoreSnapshot<M>): void {
    const checked = Object.entries(snapshot).map(([key, data]) => [key, this.checkSeed(data, null)] as const);
    this.reset();
    this.apply(checked);
  }

  /** Checks seed data; `scopeKey` names the scope whose stored threads may own items, or null for none. */
  private checkSeed(data: Partial<ScopeData<M>>, scopeKey: string | null): CheckedSeed {
    // Own fields only: an inherited `threads` (a polluted Object.prototype) is not seed data.
    const field = <K extends keyof ScopeData<M>>(k: K): ScopeData<M>[K] | undefined => (Object.hasOwn(data, k) ? data[k] : undefined);
    const threads = (field("threads") ?? []).map((t) => checkThread("seed", t, { strict: this.strict }));
    const known = new Set(threads.map((t) => t.value.id as string));
    const items = Object.entries(field("items") ?? {}).map(([threadId, list]) => {
      if (!known.has(threadId) && !(scopeKey !== null && this.scopes.get(scopeKey)?.threads.has(threadId))) {
        throw new NotFoundError("thread", threadId, `[chatkit-testkit] seed: items given for thread ${JSON.stringify(threadId)}, which is not in data.threads nor stored`);
      }
      return [threadId, list.map((i) => checkItem("seed", i, { strict: this.strict }))] as const;
    });
    const attachments = (field("attachments") ?? []).map((a) => checkAttachment("seed", a, { strict: this.strict }));
    return { threads, items, attachments };
  }

  private apply(seeds: readonly (readonly [string, CheckedSeed])[]): void {
    for (const [key, seed] of seeds) {
      const scope = this.scopeByKey(key);
      for (const t of seed.threads) this.putThread(scope, t);
      for (const [threadId, list] of seed.items) for (const i of list) this.putItem("seed", scope, threadId, i);
      for (const a of seed.attachments) scope.attachments.set(a.value.id as string, a.value);
    }
  }

  // ------------------------------------------------------------------ internals

  /** The caller's scope, created on first write. */
  private scope(method: string, context: TContext): ScopeState {
    return this.scopeByKey(this.scopeOf(method, context));
  }

  private scopeByKey(key: string): ScopeState {
    let scope = this.scopes.get(key);
    if (!scope) {
      scope = { threads: new Map(), threadIndex: new OrderedIndex(), items: new Map(), attachments: new Map() };
      this.scopes.set(key, scope);
    }
    return scope;
  }

  private putThread(scope: ScopeState, checked: CheckedRecord): void {
    const id = checked.value.id as string;
    const existing = scope.threads.get(id);
    if (existing) {
      // C-THREAD-SAVE: keep the insertion sequence (its place among ties); a new created_at may move it.
      scope.threadIndex.remove(existing);
      existing.micros = checked.micros;
      existing.value = checked.value;
      scope.threadIndex.insert(existing);
      return;
    }
    const row: Row = { id, micros: checked.micros, seq: ++this.seq, value: checked.value };
    scope.threads.set(id, row);
    scope.threadIndex.insert(row);
  }

  private putItem(method: string, scope: ScopeState | undefined, threadId: string, checked: CheckedRecord): void {
    if (!scope?.threads.has(threadId)) {
      throw new NotFoundError("thread", threadId, `[chatkit-testkit] ${method}: thread ${JSON.stringify(threadId)} not found`);
    }
    let items = scope.items.get(threadId);
    if (!items) {
      items = { byId: new Map(), index: new OrderedIndex() };
      scope.items.set(threadId, items);
    }
    const id = checked.value.id as string;
    const existing = items.byId.get(id);
    if (existing) {
      existing.value = checked.value; // C-ITEM-ADD, C-ITEM-SAVE: position kept even if created_at or type change
      return;
    }
    const row: Row = { id, micros: checked.micros, seq: ++this.seq, value: checked.value };
    items.byId.set(id, row);
    items.index.insert(row);
  }

  /** The caller's scope if it holds anything; reads never create one. */
  private peek(method: string, context: TContext): ScopeState | undefined {
    return this.scopes.get(this.scopeOf(method, context));
  }

  private page(index: OrderedIndex<Row>, cursor: Row | null, order: Order, limit: number): Page<JsonObject> {
    const rows = index.after(cursor, order, limit + 1);
    return toPage(rows, limit, (r) => r.id, (r) => cloneJson(r.value));
  }
}
