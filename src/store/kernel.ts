/**
 * The store kernel: the one front door of every bundled store. It owns the contract's glue — argument
 * checks, the scope rule, the shared limits, validation and copying of records, the not-found, cursor and
 * missing-thread outcomes and their messages, id generation, the options every store takes — so that a
 * backend supplies only primitives on already-checked values (InMemoryStore, PostgresStore; a Redis store
 * would be one more file of primitives).
 *
 * Atomicity: a front-door method does all its checks synchronously and then calls exactly one primitive,
 * before its first `await`. A backend whose primitives are synchronous (InMemoryStore) therefore runs every
 * call to completion without interleaving (C-CONCURRENT); one whose primitives are single statements
 * (PostgresStore) is atomic per call.
 * @packageDocumentation
 */
import { InvalidArgumentError, NotFoundError } from "../errors/errors.js";
import { show } from "../errors/render.js";
import { defaultGenerateId, ID_PREFIXES, STORE_ITEM_TYPES, type StoreItemType } from "../model/ids.js";
import type { JsonObject } from "../model/json.js";
import type { Page } from "../model/page.js";
import { checkAttachment, checkId, checkItem, checkLimit, checkOrder, checkThread, normalizeAfter, type CheckedRecord } from "./arguments.js";
import { keyProblem, MAX_SCOPE_KEY_BYTES } from "./limits.js";
import { toPage, type RowsAfter } from "./paging.js";
import { scopeResolver, type ScopeOption, type ScopeResolver } from "./scope.js";
import type { ChatKitModel, ModelTypes, Order, Store } from "./Store.js";

/** A value or a promise of it: primitives of an in-memory backend are synchronous. */
export type Awaitable<T> = T | Promise<T>;

/** The options every bundled store takes (each store adds its own). */
export interface KernelOptions<TContext> {
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
   * deterministic ids in tests. It must return a non-empty string within the id limits.
   * @defaultValue {@link defaultGenerateId} (`<prefix>_<32 hex>`, C-ID)
   */
  generateId?: (itemType: StoreItemType) => string;
}

export type { RowsAfter };

/** A listing primitive's answer when the cursor does not name a row of the collection (C-CURSOR). */
export const NO_CURSOR: unique symbol = Symbol("chatkit-testkit.no-cursor");

/** What a listing primitive returns. */
export type Listing = RowsAfter | typeof NO_CURSOR;

/**
 * The base class of every bundled store: the public {@link Store} methods, implemented once, over the
 * protected primitives a backend implements.
 *
 * Primitives receive only checked values: a scope key and ids within the limits of src/store/limits.ts,
 * records already copied and validated ({@link CheckedRecord}), a valid `limit` and `order`. They never
 * throw for a missing row; they report it (`undefined`, `false`, {@link NO_CURSOR}) and the kernel raises
 * the contract's error.
 *
 * @typeParam TContext - the per-request context
 * @typeParam M - the data types stored
 */
export abstract class StoreKernel<TContext = unknown, M extends ModelTypes = ChatKitModel> implements Store<TContext, M> {
  /** The scope rule of this store (src/store/scope.ts). */
  private readonly scopeRule: ScopeResolver<TContext>;
  /** The `strict` option. */
  protected readonly strict: boolean;
  private readonly idSource: (itemType: StoreItemType) => string;

  /**
   * @param owner - the store's class name, for messages about its options
   * @throws {InvalidArgumentError} for a bad `scope`, `strict` or `generateId` option
   */
  protected constructor(owner: string, options: KernelOptions<TContext> = {}) {
    if (options === null || typeof options !== "object") throw new InvalidArgumentError(owner, "options", `must be an object, got ${show(options)}`);
    this.scopeRule = scopeResolver<TContext>(owner, options.scope);
    if (options.strict !== undefined && typeof options.strict !== "boolean") {
      throw new InvalidArgumentError(owner, "options.strict", `must be a boolean, got ${show(options.strict)}`);
    }
    this.strict = options.strict ?? false;
    if (options.generateId !== undefined && typeof options.generateId !== "function") {
      throw new InvalidArgumentError(owner, "options.generateId", `must be a function of the item type, got ${show(options.generateId)}`);
    }
    this.idSource = options.generateId ?? defaultGenerateId;
  }

  // ------------------------------------------------------------------ primitives (one backend's part)

  /** The stored thread, or undefined. */
  protected abstract getThread(scope: string, id: string): Awaitable<JsonObject | undefined>;
  /** Upserts a thread: a new one goes last among its `created_at` ties; an existing one keeps its sequence and takes the new `created_at` (C-THREAD-SAVE). */
  protected abstract putThread(scope: string, thread: CheckedRecord): Awaitable<void>;
  /** Up to `limit` threads after `after` (null: from the start) in `order`, or {@link NO_CURSOR}. */
  protected abstract listThreads(scope: string, after: string | null, limit: number, order: Order): Awaitable<Listing>;
  /** Deletes a thread and its items, atomically; nothing when missing (C-DELETE). */
  protected abstract removeThread(scope: string, id: string): Awaitable<void>;
  /** The stored item of that thread, or undefined. */
  protected abstract getItem(scope: string, threadId: string, id: string): Awaitable<JsonObject | undefined>;
  /** Upserts an item keeping an existing one's position (C-ITEM-ADD, C-ITEM-SAVE); `false` when the thread does not exist. */
  protected abstract putItem(method: "addThreadItem" | "saveItem", scope: string, threadId: string, item: CheckedRecord): Awaitable<boolean>;
  /** Up to `limit` items of the thread after `after` in `order`; {@link NO_CURSOR} when the cursor is not an item of that thread (also for a missing thread). */
  protected abstract listItems(scope: string, threadId: string, after: string | null, limit: number, order: Order): Awaitable<Listing>;
  /** Deletes one item; nothing when missing. */
  protected abstract removeItem(scope: string, threadId: string, id: string): Awaitable<void>;
  /** The stored attachment, or undefined. */
  protected abstract getAttachment(scope: string, id: string): Awaitable<JsonObject | undefined>;
  /** Upserts an attachment. */
  protected abstract putAttachment(scope: string, attachment: CheckedRecord): Awaitable<void>;
  /** Deletes an attachment record; nothing when missing. */
  protected abstract removeAttachment(scope: string, id: string): Awaitable<void>;

  // ------------------------------------------------------------------ the front door (C-ID)

  generateThreadId(context: TContext): string {
    this.scopeKey("generateThreadId", context); // C-SCOPE fails closed on every method
    return this.newId("generateThreadId", "thread");
  }

  generateItemId(itemType: StoreItemType, _thread: M["thread"], context: TContext): string {
    if (typeof itemType !== "string" || !Object.hasOwn(ID_PREFIXES, itemType)) {
      throw new InvalidArgumentError("generateItemId", "itemType", `must be one of ${STORE_ITEM_TYPES.join(", ")}, got ${show(itemType)}`);
    }
    this.scopeKey("generateItemId", context);
    return this.newId("generateItemId", itemType);
  }

  // ------------------------------------------------------------------ threads

  async loadThread(threadId: string, context: TContext): Promise<M["thread"]> {
    const id = checkId("loadThread", "threadId", threadId);
    const scope = this.scopeKey("loadThread", context);
    const found = storable(id) ? await this.getThread(scope, id) : undefined;
    if (found === undefined) throw new NotFoundError("thread", id, { method: "loadThread" });
    return found as M["thread"];
  }

  async saveThread(thread: M["thread"], context: TContext): Promise<void> {
    const checked = checkThread("saveThread", thread, { strict: this.strict });
    await this.putThread(this.scopeKey("saveThread", context), checked);
  }

  async loadThreads(limit: number, after: string | null, order: Order, context: TContext): Promise<Page<M["thread"]>> {
    checkLimit("loadThreads", limit);
    checkOrder("loadThreads", order);
    const cursor = normalizeAfter("loadThreads", after);
    const scope = this.scopeKey("loadThreads", context);
    const listing = cursor === null || storable(cursor) ? await this.listThreads(scope, cursor, limit, order) : NO_CURSOR;
    if (listing === NO_CURSOR) throw new NotFoundError("cursor", cursor!, { method: "loadThreads" });
    return toPage(listing) as Page<M["thread"]>;
  }

  async deleteThread(threadId: string, context: TContext): Promise<void> {
    const id = checkId("deleteThread", "threadId", threadId);
    const scope = this.scopeKey("deleteThread", context);
    if (storable(id)) await this.removeThread(scope, id);
  }

  // ------------------------------------------------------------------ items

  async loadThreadItems(threadId: string, after: string | null, limit: number, order: Order, context: TContext): Promise<Page<M["item"]>> {
    const method = "loadThreadItems";
    const id = checkId(method, "threadId", threadId);
    checkLimit(method, limit);
    checkOrder(method, order);
    const cursor = normalizeAfter(method, after);
    const scope = this.scopeKey(method, context);
    // C-MISSING-THREAD: a thread that cannot exist has an empty page; a cursor in it names nothing
    // (docs/decisions/cursor-on-missing-thread.md).
    const nothing: Listing = cursor === null ? { rows: [], more: false } : NO_CURSOR;
    const listing = storable(id) && (cursor === null || storable(cursor)) ? await this.listItems(scope, id, cursor, limit, order) : nothing;
    if (listing === NO_CURSOR) throw new NotFoundError("cursor", cursor!, { method, threadId: id });
    return toPage(listing) as Page<M["item"]>;
  }

  async addThreadItem(threadId: string, item: M["item"], context: TContext): Promise<void> {
    await this.upsertItem("addThreadItem", threadId, item, context);
  }

  async saveItem(threadId: string, item: M["item"], context: TContext): Promise<void> {
    await this.upsertItem("saveItem", threadId, item, context);
  }

  async loadItem(threadId: string, itemId: string, context: TContext): Promise<M["item"]> {
    const thread = checkId("loadItem", "threadId", threadId);
    const id = checkId("loadItem", "itemId", itemId);
    const scope = this.scopeKey("loadItem", context);
    const found = storable(thread) && storable(id) ? await this.getItem(scope, thread, id) : undefined;
    if (found === undefined) throw new NotFoundError("item", id, { method: "loadItem", threadId: thread });
    return found as M["item"];
  }

  async deleteThreadItem(threadId: string, itemId: string, context: TContext): Promise<void> {
    const thread = checkId("deleteThreadItem", "threadId", threadId);
    const id = checkId("deleteThreadItem", "itemId", itemId);
    const scope = this.scopeKey("deleteThreadItem", context);
    if (storable(thread) && storable(id)) await this.removeItem(scope, thread, id);
  }

  /**
   * addThreadItem and saveItem share one rule: replace in place, or insert at the ordered position; a
   * thread that does not exist in the caller's scope is a NotFoundError (docs/decisions/items-need-a-thread.md).
   */
  private async upsertItem(method: "addThreadItem" | "saveItem", threadId: string, item: M["item"], context: TContext): Promise<void> {
    const thread = checkId(method, "threadId", threadId);
    const checked = checkItem(method, item, { strict: this.strict });
    const scope = this.scopeKey(method, context);
    const stored = storable(thread) ? await this.putItem(method, scope, thread, checked) : false;
    if (!stored) throw new NotFoundError("thread", thread, { method });
  }

  // ------------------------------------------------------------------ attachments

  async saveAttachment(attachment: M["attachment"], context: TContext): Promise<void> {
    const checked = checkAttachment("saveAttachment", attachment, { strict: this.strict });
    await this.putAttachment(this.scopeKey("saveAttachment", context), checked);
  }

  async loadAttachment(attachmentId: string, context: TContext): Promise<M["attachment"]> {
    const id = checkId("loadAttachment", "attachmentId", attachmentId);
    const scope = this.scopeKey("loadAttachment", context);
    const found = storable(id) ? await this.getAttachment(scope, id) : undefined;
    if (found === undefined) throw new NotFoundError("attachment", id, { method: "loadAttachment" });
    return found as M["attachment"];
  }

  async deleteAttachment(attachmentId: string, context: TContext): Promise<void> {
    const id = checkId("deleteAttachment", "attachmentId", attachmentId);
    const scope = this.scopeKey("deleteAttachment", context);
    if (storable(id)) await this.removeAttachment(scope, id);
  }

  // ------------------------------------------------------------------ for backends

  /**
   * The caller's scope key (C-SCOPE): the store's scope rule, then the shared key limits.
   * @throws {InvalidArgumentError} naming `context` when no key can be derived or the key cannot be stored
   */
  protected scopeKey(method: string, context: TContext): string {
    return this.checkScopeKey(method, "context", this.scopeRule(method, context));
  }

  /**
   * Checks a scope key against the shared limits (for a backend's own helpers, such as restoring a snapshot).
   * @throws {InvalidArgumentError} naming `argument` when the key cannot be stored
   */
  protected checkScopeKey(method: string, argument: string, key: string): string {
    const problem = keyProblem(key, MAX_SCOPE_KEY_BYTES);
    if (problem) throw new InvalidArgumentError(method, argument, `${argument === "context" ? "gives a scope key that " : ""}${problem}, got ${show(key)}`);
    return key;
  }

  /** Checks and copies a record as every write does (for a backend's own helpers, such as seeding). */
  protected checkRecord(method: string, kind: "thread" | "item" | "attachment", value: unknown): CheckedRecord {
    const options = { strict: this.strict };
    return kind === "thread" ? checkThread(method, value, options) : kind === "item" ? checkItem(method, value, options) : checkAttachment(method, value, options);
  }

  private newId(method: string, itemType: StoreItemType): string {
    const id: unknown = this.idSource(itemType);
    if (typeof id !== "string" || id.length === 0) {
      throw new InvalidArgumentError(method, "options.generateId", `must return a non-empty string, got ${show(id)}`);
    }
    const problem = keyProblem(id);
    if (problem) throw new InvalidArgumentError(method, "options.generateId", `returned an id that ${problem}, got ${show(id)}`);
    return id;
  }
}

/** Whether an id could name a stored row: one outside the limits was refused on every write. */
function storable(id: string): boolean {
  return keyProblem(id) === null;
}
