/**
 * A correct, deliberately plain store of the contract (docs/contract.md): the base of the mutant catalogue.
 *
 * Arrays of rows, a full sort on every read, a linear scan for the cursor, JSON copies in and out.
 * It is written apart from src/memory (it shares only the argument checks of src/store/arguments.ts and
 * the timestamp parser), so the harness passing on it says the checks ask for the contract and not for
 * InMemoryStore's quirks. Every rule a mutant breaks sits behind one small protected method (a seam),
 * so each mutant in this folder is a short override that reads like the bug it plants.
 */
import {
  InvalidArgumentError,
  NotFoundError,
  defaultGenerateId,
  defaultScope,
  parseTimestamp,
  type ModelTypes,
  type Order,
  type Page,
  type Store,
  type StoreItemType,
} from "chatkit-testkit";
import { copyJson } from "../../src/model/json.js";
import { checkId, checkLimit, checkOrder, envelopeProblem, normalizeAfter } from "../../src/store/arguments.js";

/** A stored record: a plain JSON object. */
export type Json = Record<string, unknown>;

/** A thread (`threadId` null) or an item, with its place in the total order (C-ORDER). */
export interface Row {
  readonly scope: string;
  readonly threadId: string | null;
  readonly id: string;
  /** `created_at` as µs since the epoch, read when the row was inserted (threads: re-read on save). */
  micros: bigint;
  /** Insertion sequence: breaks ties between equal instants. */
  seq: number;
  value: Json;
}

/** An attachment record. */
export interface AttachmentRow {
  readonly scope: string;
  readonly id: string;
  value: Json;
}

type Kind = "thread" | "item";

/** A correct store of docs/contract.md, built for being broken one seam at a time. */
export class SimpleStore implements Store<unknown, ModelTypes> {
  protected threads: Row[] = [];
  /** Replaced, never edited, on every write (see {@link updateItems}). */
  protected items: readonly Row[] = [];
  protected attachments: AttachmentRow[] = [];
  private lastSeq = 0;

  // ------------------------------------------------------------------ ids (C-ID)

  generateThreadId(_context: unknown): string {
    return this.newId("thread");
  }

  generateItemId(itemType: StoreItemType, _thread: ModelTypes["thread"], _context: unknown): string {
    return this.newId(itemType);
  }

  // ------------------------------------------------------------------ threads

  async loadThread(threadId: string, context: unknown): Promise<ModelTypes["thread"]> {
    const scope = this.scopeOf(context);
    checkId("loadThread", "threadId", threadId);
    const row = this.findThread(scope, threadId);
    if (!row) throw this.notFound("thread", threadId);
    return this.readCopy(row.value) as ModelTypes["thread"];
  }

  async saveThread(thread: ModelTypes["thread"], context: unknown): Promise<void> {
    const scope = this.scopeOf(context);
    const value = this.writeCopy(this.threadRecord(this.checkRecord("saveThread", "thread", thread)));
    const id = value.id as string;
    const micros = this.instantOf(value.created_at as string);
    const existing = this.findThread(scope, id);
    if (existing) {
      // C-THREAD-SAVE: an upsert; the row keeps its sequence, so its place among ties.
      existing.value = value;
      existing.micros = micros;
    } else {
      this.threads.push({ scope, threadId: null, id, micros, seq: this.nextSeq("thread", scope, null), value });
    }
  }

  async loadThreads(limit: number, after: string | null, order: Order, context: unknown): Promise<Page<ModelTypes["thread"]>> {
    const scope = this.scopeOf(context);
    return this.listPage("loadThreads", "thread", scope, null, after, limit, order) as Promise<Page<ModelTypes["thread"]>>;
  }

  async deleteThread(threadId: string, context: unknown): Promise<void> {
    const scope = this.scopeOf(context);
    checkId("deleteThread", "threadId", threadId);
    this.threads = this.threads.filter((r) => !this.isThread(r, scope, threadId));
    await this.updateItems((rows) => rows.filter((r) => !this.inThread(r, scope, threadId))); // C-DELETE: cascade
  }

  // ------------------------------------------------------------------ items

  async loadThreadItems(threadId: string, after: string | null, limit: number, order: Order, context: unknown): Promise<Page<ModelTypes["item"]>> {
    const scope = this.scopeOf(context);
    checkId("loadThreadItems", "threadId", threadId);
    // C-MISSING-THREAD: a missing thread has no rows, so its page is empty (a cursor on it is unknown).
    return this.listPage("loadThreadItems", "item", scope, threadId, after, limit, order) as Promise<Page<ModelTypes["item"]>>;
  }

  async addThreadItem(threadId: string, item: ModelTypes["item"], context: unknown): Promise<void> {
    await this.upsertItem("addThreadItem", threadId, item, context);
  }

  async saveItem(threadId: string, item: ModelTypes["item"], context: unknown): Promise<void> {
    await this.upsertItem("saveItem", threadId, item, context);
  }

  async loadItem(threadId: string, itemId: string, context: unknown): Promise<ModelTypes["item"]> {
    const scope = this.scopeOf(context);
    checkId("loadItem", "threadId", threadId);
    checkId("loadItem", "itemId", itemId);
    const row = this.findItem(scope, threadId, itemId);
    if (!row) throw this.notFound("item", itemId);
    return this.readCopy(row.value) as ModelTypes["item"];
  }

  async deleteThreadItem(threadId: string, itemId: string, context: unknown): Promise<void> {
    const scope = this.scopeOf(context);
    checkId("deleteThreadItem", "threadId", threadId);
    checkId("deleteThreadItem", "itemId", itemId);
    await this.updateItems((rows) => rows.filter((r) => !(this.inThread(r, scope, threadId) && r.id === itemId)));
  }

  // ------------------------------------------------------------------ attachments (C-ATTACH)

  async saveAttachment(attachment: ModelTypes["attachment"], context: unknown): Promise<void> {
    const scope = this.scopeOf(context);
    const value = this.writeCopy(this.checkRecord("saveAttachment", "attachment", attachment));
    const id = value.id as string;
    const existing = this.findAttachment(scope, id);
    if (existing) existing.value = value;
    else this.attachments.push({ scope, id, value });
  }

  async loadAttachment(attachmentId: string, context: unknown): Promise<ModelTypes["attachment"]> {
    const scope = this.scopeOf(context);
    checkId("loadAttachment", "attachmentId", attachmentId);
    const row = this.findAttachment(scope, attachmentId);
    if (!row) throw this.notFound("attachment", attachmentId);
    return this.readCopy(row.value) as ModelTypes["attachment"];
  }

  async deleteAttachment(attachmentId: string, context: unknown): Promise<void> {
    const scope = this.scopeOf(context);
    checkId("deleteAttachment", "attachmentId", attachmentId);
    this.attachments = this.attachments.filter((a) => !(this.scopeMatches(a.scope, scope) && a.id === attachmentId));
  }

  // ================================================================== seams

  /** A new `<prefix>_<hex>` id (C-ID). */
  protected newId(type: StoreItemType): string {
    return defaultGenerateId(type);
  }

  /** The scope key of a request (C-SCOPE): `user_id` of the context. */
  protected scopeOf(context: unknown): string {
    return defaultScope(context);
  }

  /** Whether a row stored under `rowScope` belongs to a caller in `callerScope` (C-SCOPE). */
  protected scopeMatches(rowScope: string, callerScope: string): boolean {
    return rowScope === callerScope;
  }

  /** The instant of a (valid) `created_at`, in µs since the epoch; naive means UTC (C-ORDER). */
  protected instantOf(createdAt: string): bigint {
    const parsed = parseTimestamp(createdAt);
    if (!parsed.ok) throw new InvalidArgumentError("instantOf", "created_at", `${parsed.reason}, got ${JSON.stringify(createdAt)}`);
    return parsed.micros;
  }

  /** The insertion sequence of a new row. */
  protected nextSeq(_kind: Kind, _scope: string, _threadId: string | null): number {
    return ++this.lastSeq;
  }

  /** Ascending contract order: instant, then insertion sequence (C-ORDER). */
  protected compareRows(a: Row, b: Row): number {
    if (a.micros !== b.micros) return a.micros < b.micros ? -1 : 1;
    return a.seq - b.seq;
  }

  /** The rows in listing order; `desc` is the exact reverse of `asc` (C-ORDER). */
  protected sortRows(rows: readonly Row[], order: Order): Row[] {
    const asc = [...rows].sort((a, b) => this.compareRows(a, b));
    return order === "asc" ? asc : asc.reverse();
  }

  /** The row named by a cursor: a row of the same collection (same scope, same thread), or undefined (C-CURSOR). */
  protected findCursor(kind: Kind, scope: string, threadId: string | null, id: string): Row | undefined {
    return this.rowsOf(kind, scope, threadId).find((r) => r.id === id);
  }

  /** The rows strictly after the cursor row in listing order: a keyset on (instant, sequence) (C-PAGE). */
  protected rowsAfterCursor(ordered: readonly Row[], cursor: Row, order: Order): Row[] {
    return ordered.filter((r) => (order === "asc" ? this.compareRows(r, cursor) > 0 : this.compareRows(r, cursor) < 0));
  }

  /** What a listing does with a cursor that names no row of its collection: NotFoundError (C-CURSOR). */
  protected onUnknownCursor(method: string, after: string, _ordered: readonly Row[]): Row[] {
    throw this.notFound("cursor", after, `[chatkit-testkit] ${method}: cursor ${JSON.stringify(after)} not found`);
  }

  /** The first `limit` rows as a page: `has_more` iff more rows follow, `after` the last id only then (C-PAGE). */
  protected pageOf(rows: readonly Row[], limit: number): Page<Json> {
    const data = rows.slice(0, limit);
    const hasMore = rows.length > limit;
    return { data: data.map((r) => this.readCopy(r.value)), has_more: hasMore, after: hasMore ? data[data.length - 1]!.id : null };
  }

  /** `limit` must be an integer ≥ 1 (C-LIMIT). */
  protected checkLimit(method: string, limit: unknown): number {
    return checkLimit(method, limit);
  }

  /** `order` must be exactly "asc" or "desc" (C-LIMIT). */
  protected checkOrder(method: string, order: unknown): Order {
    return checkOrder(method, order);
  }

  /** `after`: null, undefined and "" mean no cursor (C-CURSOR). */
  protected cursorOf(method: string, after: unknown): string | null {
    return normalizeAfter(method, after);
  }

  /** What saveThread persists: a Thread's metadata, without `items` (C-THREAD-SAVE). */
  protected threadRecord(thread: Json): Json {
    const { items: _items, ...metadata } = thread;
    return metadata;
  }

  /** The private copy the store keeps of a caller's value (C-ISOLATION). */
  protected writeCopy(value: Json): Json {
    return JSON.parse(JSON.stringify(value)) as Json;
  }

  /** The copy a caller gets of a stored value (C-ISOLATION). */
  protected readCopy(value: Json): Json {
    return JSON.parse(JSON.stringify(value)) as Json;
  }

  /** An existing item, replaced by `value`: same instant, same sequence, so the same place (C-ITEM-ADD, C-ITEM-SAVE). */
  protected replaceItem(row: Row, value: Json): Row {
    return { ...row, value };
  }

  /** addThreadItem and saveItem: replace in place, or insert at the ordered position. The thread must exist. */
  protected async upsertItem(method: string, threadId: string, item: unknown, context: unknown): Promise<void> {
    const scope = this.scopeOf(context);
    checkId(method, "threadId", threadId);
    const value = this.writeCopy(this.checkRecord(method, "item", item));
    const id = value.id as string;
    const micros = this.instantOf(value.created_at as string);
    if (!this.findThread(scope, threadId)) throw this.notFound("thread", threadId, `[chatkit-testkit] ${method}: thread ${JSON.stringify(threadId)} not found`);
    await this.updateItems((rows) => {
      const existing = rows.find((r) => this.inThread(r, scope, threadId) && r.id === id);
      if (existing) return rows.map((r) => (r === existing ? this.replaceItem(existing, value) : r));
      return [...rows, { scope, threadId, id, micros, seq: this.nextSeq("item", scope, threadId), value }];
    });
  }

  /** The only way item rows change: the table is replaced by `change(table)`, without awaiting (C-CONCURRENT). */
  protected async updateItems(change: (rows: readonly Row[]) => readonly Row[]): Promise<void> {
    this.items = change(this.items);
  }

  /** The error for a missing thread, item, attachment or cursor (C-ERR: its name is "NotFoundError"). */
  protected notFound(kind: "thread" | "item" | "attachment" | "cursor", id: string, message?: string): Error {
    return new NotFoundError(kind, id, message);
  }

  // ================================================================== plumbing

  /** A listing: check the arguments, order the collection, skip past the cursor, cut a page. */
  protected async listPage(method: string, kind: Kind, scope: string, threadId: string | null, after: unknown, limit: unknown, order: unknown): Promise<Page<Json>> {
    const cursor = this.cursorOf(method, after);
    const size = this.checkLimit(method, limit);
    const direction = this.checkOrder(method, order);
    const ordered = this.sortRows(this.rowsOf(kind, scope, threadId), direction);
    let rows = ordered;
    if (cursor !== null) {
      const cursorRow = this.findCursor(kind, scope, threadId, cursor);
      rows = cursorRow ? this.rowsAfterCursor(ordered, cursorRow, direction) : this.onUnknownCursor(method, cursor, ordered);
    }
    return this.pageOf(rows, size);
  }

  /** A scope's threads, or a thread's items, in storage order. */
  protected rowsOf(kind: Kind, scope: string, threadId: string | null): Row[] {
    return kind === "thread" ? this.threads.filter((r) => this.scopeMatches(r.scope, scope)) : this.items.filter((r) => this.inThread(r, scope, threadId!));
  }

  protected isThread(row: Row, scope: string, id: string): boolean {
    return this.scopeMatches(row.scope, scope) && row.id === id;
  }

  protected inThread(row: Row, scope: string, threadId: string): boolean {
    return this.scopeMatches(row.scope, scope) && row.threadId === threadId;
  }

  protected findThread(scope: string, id: string): Row | undefined {
    return this.threads.find((r) => this.isThread(r, scope, id));
  }

  protected findItem(scope: string, threadId: string, id: string): Row | undefined {
    return this.items.find((r) => this.inThread(r, scope, threadId) && r.id === id);
  }

  protected findAttachment(scope: string, id: string): AttachmentRow | undefined {
    return this.attachments.find((a) => this.scopeMatches(a.scope, scope) && a.id === id);
  }

  /** The shared envelope check (an object, a non-empty string id, a valid created_at, a type): an argument error otherwise (C-ERR). */
  protected checkRecord(method: string, kind: "thread" | "item" | "attachment", value: unknown): Json {
    const problem = envelopeProblem(kind, value);
    if (problem) throw new InvalidArgumentError(method, problem.path, problem.problem);
    const json = copyJson(value, kind); // plain JSON only: no BigInt, Date, cycle (C-ERR)
    if (!json.ok) throw new InvalidArgumentError(method, json.problem.path, json.problem.problem);
    return value as Json;
  }
}
