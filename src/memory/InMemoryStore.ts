import { InvalidArgumentError, NotFoundError } from "../errors/errors.js";
import { cloneJson, defineData, type JsonObject } from "../model/json.js";
import type { CheckedRecord } from "../store/arguments.js";
import { StoreKernel, NO_CURSOR, type KernelOptions, type Listing } from "../store/kernel.js";
import { show, showKey } from "../errors/render.js";
import { SINGLE_TENANT_KEY } from "../store/scope.js";
import { takeRows, type OrderKey } from "../store/paging.js";
import type { ChatKitModel, ModelTypes, Order } from "../store/Store.js";
import { OrderedIndex } from "./OrderedIndex.js";

/** The order keys of the item arrays of snapshots taken in this process (see `restore`). */
const ORDER_KEYS = new WeakMap<object, readonly bigint[]>();

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== "object") return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * Options of {@link InMemoryStore}: those of every bundled store (`scope`, `strict`, `generateId`; see
 * {@link KernelOptions}).
 */
export type InMemoryStoreOptions<TContext> = KernelOptions<TContext>;

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
  /** Per thread: its items, and their order keys when a snapshot of this process recorded them. */
  readonly items: (readonly [string, CheckedRecord[], readonly bigint[] | null])[];
  readonly attachments: CheckedRecord[];
}

interface ScopeState {
  readonly threads: Map<string, Row>;
  readonly threadIndex: OrderedIndex<Row>;
  readonly items: Map<string, ItemsOfThread>;
  readonly attachments: Map<string, JsonObject>;
}

/**
 * A spec-faithful in-memory ChatKit store: every rule of docs/contract.md, no configuration needed.
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
export class InMemoryStore<TContext = unknown, M extends ModelTypes = ChatKitModel> extends StoreKernel<TContext, M> {
  private readonly scopes = new Map<string, ScopeState>();
  private seq = 0;

  constructor(options: InMemoryStoreOptions<TContext> = {}) {
    super("InMemoryStore", options);
  }

  // ------------------------------------------------------------------ primitives (src/store/kernel.ts)

  protected getThread(scope: string, id: string): JsonObject | undefined {
    const row = this.scopes.get(scope)?.threads.get(id);
    return row && cloneJson(row.value);
  }

  protected putThread(scope: string, thread: CheckedRecord): void {
    this.insertThread(this.scopeByKey(scope), thread);
  }

  protected listThreads(scope: string, after: string | null, limit: number, order: Order): Listing {
    const state = this.scopes.get(scope);
    const cursor = after === null ? null : state?.threads.get(after);
    if (cursor === undefined) return NO_CURSOR;
    return state ? rowsAfter(state.threadIndex, cursor, order, limit) : { rows: [], more: false };
  }

  protected removeThread(scope: string, id: string): void {
    const state = this.scopes.get(scope);
    const row = state?.threads.get(id);
    if (!state || !row) return;
    state.threads.delete(id);
    state.threadIndex.remove(row);
    state.items.delete(id); // C-DELETE: cascade; attachments stay (their lifecycle is the AttachmentStore's)
  }

  protected getItem(scope: string, threadId: string, id: string): JsonObject | undefined {
    const row = this.scopes.get(scope)?.items.get(threadId)?.byId.get(id);
    return row && cloneJson(row.value);
  }

  protected putItem(_method: string, scope: string, threadId: string, item: CheckedRecord): boolean {
    const state = this.scopes.get(scope); // a rejected write creates no scope
    if (!state?.threads.has(threadId)) return false;
    this.insertItem(state, threadId, item);
    return true;
  }

  protected listItems(scope: string, threadId: string, after: string | null, limit: number, order: Order): Listing {
    const items = this.scopes.get(scope)?.items.get(threadId);
    const cursor = after === null ? null : items?.byId.get(after);
    if (cursor === undefined) return NO_CURSOR;
    return items ? rowsAfter(items.index, cursor, order, limit) : { rows: [], more: false }; // C-MISSING-THREAD
  }

  protected removeItem(scope: string, threadId: string, id: string): void {
    const items = this.scopes.get(scope)?.items.get(threadId);
    const row = items?.byId.get(id);
    if (!items || !row) return;
    items.byId.delete(id);
    items.index.remove(row);
  }

  protected getAttachment(scope: string, id: string): JsonObject | undefined {
    const value = this.scopes.get(scope)?.attachments.get(id);
    return value && cloneJson(value);
  }

  protected putAttachment(scope: string, attachment: CheckedRecord): void {
    this.scopeByKey(scope).attachments.set(attachment.value.id as string, attachment.value);
  }

  protected removeAttachment(scope: string, id: string): void {
    this.scopes.get(scope)?.attachments.delete(id);
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
        if (rows.index.size === 0) continue;
        const list = rows.index.toArray();
        const copies = list.map((r) => cloneJson(r.value) as M["item"]);
        ORDER_KEYS.set(copies, list.map((r) => r.micros)); // where each item sits, for restore()
        defineData(items, threadId, copies);
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
    const key = this.scopeKey("seed", context);
    this.apply([[key, this.checkSeed("seed", "data", data, key)]], false);
  }

  /**
   * Replaces all state with a {@link snapshot}, checked first (on a bad record nothing changes). Items come
   * back in the snapshot's order, also those whose `created_at` changed after they were added (C-ITEM-SAVE
   * keeps their place): a snapshot of this process carries their places; one that went through JSON keeps
   * its array order, and later inserts are placed by the restored items' `created_at`.
   * @throws {InvalidArgumentError} for a snapshot that is not `{ [scopeKey]: { threads, items, attachments } }`
   */
  restore(snapshot: StoreSnapshot<M>): void {
    if (!isPlainObject(snapshot)) throw new InvalidArgumentError("restore", "snapshot", `must be an object of scopes, got ${show(snapshot)}`);
    const checked = Object.entries(snapshot).map(([key, data]) => {
      // "" is the single-tenant scope's key, which no context can give, so it is checked here, not by scopeKey.
      if (key !== SINGLE_TENANT_KEY) this.checkScopeKey("restore", `snapshot[${showKey(key)}]`, key);
      return [key, this.checkSeed("restore", `snapshot[${showKey(key)}]`, data, null)] as const;
    });
    this.reset();
    this.apply(checked);
  }

  /**
   * Checks seed or snapshot data; `scopeKey` names the scope whose stored threads may own items, or null.
   * `at` is the argument's name in messages (`data`, `snapshot["u1"]`).
   */
  private checkSeed(method: "seed" | "restore", at: string, data: unknown, scopeKey: string | null): CheckedSeed {
    if (!isPlainObject(data)) throw new InvalidArgumentError(method, at, `must be an object with threads, items and attachments, got ${show(data)}`);
    // Own fields only: an inherited `threads` (a polluted Object.prototype) is not seed data.
    const field = (k: string): unknown => (Object.hasOwn(data, k) ? data[k] : undefined);
    const list = (k: string, value: unknown = field(k)): unknown[] => {
      if (value === undefined) return [];
      if (!Array.isArray(value)) throw new InvalidArgumentError(method, `${at}.${k}`, `must be an array, got ${show(value)}`);
      return value;
    };
    const threads = list("threads").map((t) => this.checkRecord(method, "thread", t));
    const known = new Set(threads.map((t) => t.value.id as string));
    const byThread = field("items") ?? {};
    if (!isPlainObject(byThread)) throw new InvalidArgumentError(method, `${at}.items`, `must be an object of item arrays by thread id, got ${show(byThread)}`);
    const items = Object.entries(byThread).map(([threadId, value]) => {
      if (!known.has(threadId) && !(scopeKey !== null && this.scopes.get(scopeKey)?.threads.has(threadId))) {
        throw new NotFoundError("thread", threadId, { method }); // neither in data.threads nor stored
      }
      const records = list(`items[${showKey(threadId)}]`, value);
      const keys = ORDER_KEYS.get(records);
      return [threadId, records.map((i) => this.checkRecord(method, "item", i)), keys?.length === records.length ? keys : null] as const;
    });
    const attachments = list("attachments").map((a) => this.checkRecord(method, "attachment", a));
    return { threads, items, attachments };
  }

  private apply(seeds: readonly (readonly [string, CheckedSeed])[], restoring = true): void {
    for (const [key, seed] of seeds) {
      const scope = this.scopeByKey(key);
      for (const t of seed.threads) this.insertThread(scope, t);
      for (const [threadId, list, keys] of seed.items) {
        let previous = -(2n ** 70n);
        list.forEach((item, i) => {
          // Restoring keeps the array's order: an item sits at its recorded place, or no earlier than the one before it.
          const at = !restoring ? item.micros : keys ? keys[i]! : item.micros > previous ? item.micros : previous;
          previous = at;
          this.insertItem(scope, threadId, at === item.micros ? item : { value: item.value, micros: at });
        });
      }
      for (const a of seed.attachments) scope.attachments.set(a.value.id as string, a.value);
    }
  }

  // ------------------------------------------------------------------ internals

  private scopeByKey(key: string): ScopeState {
    let scope = this.scopes.get(key);
    if (!scope) {
      scope = { threads: new Map(), threadIndex: new OrderedIndex(), items: new Map(), attachments: new Map() };
      this.scopes.set(key, scope);
    }
    return scope;
  }

  private insertThread(scope: ScopeState, checked: CheckedRecord): void {
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

  /** Inserts or replaces an item of a thread known to exist in `scope`. */
  private insertItem(scope: ScopeState, threadId: string, checked: CheckedRecord): void {
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
}

/** Up to `limit` rows after `cursor`, copied, and whether more follow (C-PAGE). */
function rowsAfter(index: OrderedIndex<Row>, cursor: Row | null, order: Order, limit: number): Listing {
  return takeRows(index.after(cursor, order, limit + 1), limit, (r) => cloneJson(r.value));
}
