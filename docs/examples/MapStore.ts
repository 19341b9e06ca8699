/**
 * The worked example of docs/test-your-own-store.md: a small ChatKit store on plain Maps, written the way
 * a store author would, and checked by the conformance harness (test/harness/docs.test.ts, and the runnable suite in docs/test-your-own-store.md).
 */
import { NotFoundError, timestampMicros, type Attachment, type Page, type Store, type ThreadItem, type ThreadMetadata } from "chatkit-testkit";

type Ctx = { user_id: string };
interface Row<T> { value: T; micros: bigint; seq: number }

const copy = <T>(value: T): T => structuredClone(value);

export class MapStore implements Store<Ctx> {
  private seq = 0;
  private threads = new Map<string, Row<ThreadMetadata>>(); // key: user \0 thread id
  private items = new Map<string, Row<ThreadItem>>(); // key: user \0 thread id \0 item id
  private attachments = new Map<string, Attachment>(); // key: user \0 attachment id

  generateThreadId(): string {
    return `thr_${crypto.randomUUID().replaceAll("-", "")}`;
  }
  generateItemId(type: string): string {
    const prefix = { message: "msg", tool_call: "tc", task: "tsk", workflow: "wf", attachment: "atc", sdk_hidden_context: "shcx" }[type] ?? "itm";
    return `${prefix}_${crypto.randomUUID().replaceAll("-", "")}`;
  }

  async loadThread(threadId: string, ctx: Ctx): Promise<ThreadMetadata> {
    const row = this.threads.get(`${ctx.user_id}\0${threadId}`);
    if (!row) throw new NotFoundError("thread", threadId);
    return copy(row.value);
  }
  async saveThread(thread: ThreadMetadata, ctx: Ctx): Promise<void> {
    this.checkRecord("saveThread", "thread", thread);
    const { items: _ignored, ...metadata } = thread as ThreadMetadata & { items?: unknown };
    const key = `${ctx.user_id}\0${thread.id}`;
    const seq = this.threads.get(key)?.seq ?? ++this.seq; // re-saving keeps the place among ties
    this.threads.set(key, { value: copy(metadata), micros: timestampMicros(thread.created_at), seq });
  }
  async deleteThread(threadId: string, ctx: Ctx): Promise<void> {
    this.threads.delete(`${ctx.user_id}\0${threadId}`);
    for (const key of this.items.keys()) if (key.startsWith(`${ctx.user_id}\0${threadId}\0`)) this.items.delete(key);
  }
  async loadThreads(limit: number, after: string | null, order: "asc" | "desc", ctx: Ctx): Promise<Page<ThreadMetadata>> {
    const mine = [...this.threads].filter(([key]) => key.startsWith(`${ctx.user_id}\0`) && key.split("\0").length === 2);
    return page(mine.map(([, row]) => row), after, limit, order);
  }

  async loadThreadItems(threadId: string, after: string | null, limit: number, order: "asc" | "desc", ctx: Ctx): Promise<Page<ThreadItem>> {
    const prefix = `${ctx.user_id}\0${threadId}\0`;
    const rows = [...this.items].filter(([key]) => key.startsWith(prefix) && !key.slice(prefix.length).includes("\0")).map(([, row]) => row);
    return page(rows, after, limit, order);
  }
  async addThreadItem(threadId: string, item: ThreadItem, ctx: Ctx): Promise<void> {
    await this.saveItem(threadId, item, ctx); // the contract makes add and save the same upsert
  }
  async saveItem(threadId: string, item: ThreadItem, ctx: Ctx): Promise<void> {
    this.checkRecord("saveItem", "item", item);
    if (!this.threads.has(`${ctx.user_id}\0${threadId}`)) throw new NotFoundError("thread", threadId);
    const key = `${ctx.user_id}\0${threadId}\0${item.id}`;
    const existing = this.items.get(key);
    // an existing item keeps its position (micros and seq); a new one goes where its created_at says
    this.items.set(key, existing ? { ...existing, value: copy(item) } : { value: copy(item), micros: timestampMicros(item.created_at), seq: ++this.seq });
  }
  async loadItem(threadId: string, itemId: string, ctx: Ctx): Promise<ThreadItem> {
    const row = this.items.get(`${ctx.user_id}\0${threadId}\0${itemId}`);
    if (!row) throw new NotFoundError("item", itemId);
    return copy(row.value);
  }
  async deleteThreadItem(threadId: string, itemId: string, ctx: Ctx): Promise<void> {
    this.items.delete(`${ctx.user_id}\0${threadId}\0${itemId}`);
  }

  async saveAttachment(attachment: Attachment, ctx: Ctx): Promise<void> {
    this.checkRecord("saveAttachment", "attachment", attachment);
    this.attachments.set(`${ctx.user_id}\0${attachment.id}`, copy(attachment));
  }
  async loadAttachment(attachmentId: string, ctx: Ctx): Promise<Attachment> {
    const found = this.attachments.get(`${ctx.user_id}\0${attachmentId}`);
    if (!found) throw new NotFoundError("attachment", attachmentId);
    return copy(found);
  }
  async deleteAttachment(attachmentId: string, ctx: Ctx): Promise<void> {
    this.attachments.delete(`${ctx.user_id}\0${attachmentId}`);
  }

  /** Rejects records the store cannot key or order (the harness's arguments.malformed-records). */
  protected checkRecord(method: string, argument: string, record: { id?: unknown; created_at?: unknown }): void {
    if (typeof record !== "object" || record === null) throw new TypeError(`${method}: ${argument} must be an object`);
    if (typeof record.id !== "string" || record.id === "") throw new TypeError(`${method}: ${argument}.id must be a non-empty string, got ${String(record.id)}`);
    if ("created_at" in record) timestampMicros(record.created_at as string); // throws TypeError naming created_at
  }
}

/** Sort by (created_at instant, insertion sequence), find the cursor, take limit + 1. */
function page<T extends { id: string }>(rows: Row<T>[], after: string | null, limit: number, order: "asc" | "desc"): Page<T> {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`limit must be an integer ≥ 1, got ${limit}`);
  if (order !== "asc" && order !== "desc") throw new RangeError(`order must be "asc" or "desc", got ${String(order)}`);
  const sorted = rows.sort((a, b) => (a.micros === b.micros ? a.seq - b.seq : a.micros < b.micros ? -1 : 1));
  if (order === "desc") sorted.reverse();
  let start = 0;
  if (after) {
    start = sorted.findIndex((r) => r.value.id === after) + 1;
    if (start === 0) throw new NotFoundError("cursor", after);
  }
  const slice = sorted.slice(start, start + limit + 1);
  const has_more = slice.length > limit;
  const data = slice.slice(0, limit).map((r) => copy(r.value));
  return { data, has_more, after: has_more ? data[data.length - 1]!.id : null };
}
