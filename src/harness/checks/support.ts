/**
 * Small builders and walkers shared by the check facets.
 * @internal
 */
import type { Attachment, FileAttachment, ImageAttachment } from "../../model/attachment.js";
import type { AssistantMessageItem, UserMessageItem } from "../../model/items.js";
import type { ThreadMetadata } from "../../model/thread.js";
import type { Order } from "../../store/Store.js";
import { CheckFailure, type AnyStore } from "../Check.js";
import { describeValue, expectEqual, expectNotFound, expectOk, idsOf, OWNERS } from "../expect.js";

/** `2026-03-01T10:00:00.000000Z` plus `seconds`, with a µs fraction when given. */
export function at(seconds: number, micros = 0): string {
  const d = new Date(Date.UTC(2026, 2, 1, 10, 0, 0) + seconds * 1000);
  return `${d.toISOString().slice(0, 19)}.${String(micros).padStart(6, "0")}Z`;
}

/** A minimal valid thread. */
export function thread(id: string, created_at: string, extra: Partial<ThreadMetadata> = {}): ThreadMetadata {
  return { id, created_at, status: { type: "active" }, metadata: {}, ...extra };
}

/** A minimal valid assistant message. */
export function message(threadId: string, id: string, created_at: string, text = `text of ${id}`): AssistantMessageItem {
  return { type: "assistant_message", id, thread_id: threadId, created_at, content: [{ type: "output_text", text, annotations: [] }] };
}

/**
 * A value a check passes on purpose where the store's types forbid it (a malformed record, a bad
 * `limit` or `order`): the one place where checks step outside the types.
 */
export function malformed<T>(value: unknown): T {
  return value as T;
}

/** A minimal valid file attachment. */
export function fileAttachment(id: string, extra: Partial<FileAttachment> = {}): FileAttachment {
  return { type: "file", id, name: `${id}.txt`, mime_type: "text/plain", ...extra };
}

/** A minimal valid image attachment. */
export function imageAttachment(id: string, extra: Partial<ImageAttachment> = {}): ImageAttachment {
  return { type: "image", id, name: `${id}.png`, mime_type: "image/png", preview_url: `https://img.example.com/${id}.png`, ...extra };
}

type Lister<TContext> = (after: string | null, limit: number, order: Order, context: TContext) => Promise<{ data: unknown[]; has_more: boolean; after?: string | null }>;

/** Pages through a listing for `threadId` (items) or threads (when `threadId` is null). */
export function lister<TContext>(store: AnyStore<TContext>, threadId: string | null): Lister<TContext> {
  return threadId === null
    ? (after, limit, order, ctx) => store.loadThreads(limit, after, order, ctx)
    : (after, limit, order, ctx) => store.loadThreadItems(threadId, after, limit, order, ctx);
}

/**
 * Follows `after` from the first page and checks every page against C-PAGE: at most `limit` rows,
 * `has_more` iff rows remain, `after` the last row's id when `has_more` and null otherwise, and the
 * rows, in order, exactly `expected`.
 */
export async function walkAndCheck<TContext>(
  list: Lister<TContext>,
  context: TContext,
  limit: number,
  order: Order,
  expected: readonly string[],
  what: string,
): Promise<void> {
  const seen: string[] = [];
  let after: string | null = null;
  for (let pageNo = 1; ; pageNo++) {
    const label: string = `${what}, ${order}, limit ${limit}, page ${pageNo}${after === null ? "" : ` (after ${JSON.stringify(after)})`}`;
    const page: { data: unknown[]; has_more: boolean; after?: string | null } = await expectOk(() => list(after, limit, order, context), label);
    const ids = idsOf(page);
    const remaining = expected.length - seen.length - ids.length;
    const want = expected.slice(seen.length, seen.length + Math.min(limit, expected.length - seen.length));
    if (ids.length > limit) throw new CheckFailure({ expected: `${label}: at most ${limit} rows`, seen: describeValue(page) });
    if (ids.join("\u0000") !== want.join("\u0000")) {
      // desc with the right rows in another order: desc is not the exact reverse of asc among ties.
      const sameRows = ids.length === want.length && ids.every((id) => want.includes(id));
      const blocked = order === "desc" && sameRows ? { blockedBy: OWNERS.descReversesTies } : {};
      const at = ids.findIndex((id, i) => id !== want[i]);
      const from = Math.max(0, (at < 0 ? ids.length : at) - 3);
      const window = (rows: readonly string[]) =>
        rows.length <= 20 ? `[${rows.map((i) => JSON.stringify(i)).join(", ")}]` : `[… ${rows.slice(from, from + 10).map((i) => JSON.stringify(i)).join(", ")} …] (rows ${from}–${Math.min(from + 10, rows.length) - 1} of ${rows.length}; first difference at row ${at < 0 ? ids.length : at})`;
      throw new CheckFailure({
        expected: `${label}: rows ${window(want)}`,
        seen: `${want.length > 20 ? `rows ${window(ids)}` : describeValue(page)}${seen.length && seen.length <= 20 ? ` after earlier pages [${seen.map((i) => JSON.stringify(i)).join(", ")}]` : seen.length ? ` after ${seen.length} rows of earlier pages` : ""}`,
        ...blocked,
      });
    }
    seen.push(...ids);
    const hasMore = remaining > 0;
    if (page.has_more !== hasMore) {
      throw new CheckFailure({ expected: `${label}: has_more ${hasMore} (${Math.max(remaining, 0)} rows remain)`, seen: describeValue(page) });
    }
    const wantAfter: string | null = hasMore ? ids[ids.length - 1]! : null;
    if ((page.after ?? null) !== wantAfter) {
      const blocked = wantAfter === null ? { blockedBy: OWNERS.lastPageAfter } : {};
      throw new CheckFailure({ expected: `${label}: after ${JSON.stringify(wantAfter)}`, seen: describeValue(page), ...blocked });
    }
    if (!hasMore) return;
    after = wantAfter;
  }
}

/** Every limit from 1 to n+1, both orders: walks and checks them all. */
export async function walkEveryLimit<TContext>(list: Lister<TContext>, context: TContext, ascIds: readonly string[], what: string): Promise<void> {
  for (const order of ["asc", "desc"] as const) {
    const expected = order === "asc" ? ascIds : [...ascIds].reverse();
    for (let limit = 1; limit <= ascIds.length + 1; limit++) await walkAndCheck(list, context, limit, order, expected, what);
  }
}

/** A user message that references `attachments` (their full records, as ChatKit stores them). */
export function userMessage(threadId: string, id: string, created_at: string, attachments: readonly Attachment[] = [], text = `text of ${id}`): UserMessageItem {
  return { type: "user_message", id, thread_id: threadId, created_at, content: [{ type: "input_text", text }], attachments: [...attachments], inference_options: {} };
}

/**
 * Follows `after` from the first page like {@link walkAndCheck} and also compares whole records, not only
 * ids: a page served from a stale cache shows old data under the right id.
 */
export async function walkRecords<TContext>(list: Lister<TContext>, context: TContext, limit: number, order: Order, expected: readonly { id: string }[], what: string): Promise<void> {
  let after: string | null = null;
  for (let start = 0, pageNo = 1; ; start += limit, pageNo++) {
    const label: string = `${what}, ${order}, limit ${limit}, page ${pageNo}${after === null ? "" : ` (after ${JSON.stringify(after)})`}`;
    const page: { data: unknown[]; has_more: boolean; after?: string | null } = await expectOk(() => list(after, limit, order, context), label);
    const want = expected.slice(start, start + limit);
    const ids = idsOf(page);
    if (ids.join("\u0000") !== want.map((r) => r.id).join("\u0000")) {
      throw new CheckFailure({
        expected: `${label}: rows [${want.map((r) => JSON.stringify(r.id)).join(", ")}]`,
        seen: `${describeValue(page)}${start ? ` after earlier pages [${expected.slice(0, start).map((r) => JSON.stringify(r.id)).join(", ")}]` : ""}`,
      });
    }
    for (let i = 0; i < want.length; i++) expectEqual(page.data[i], want[i], `${label}, row ${JSON.stringify(want[i]!.id)}`);
    const remaining = expected.length - start - want.length;
    if (page.has_more !== remaining > 0) {
      throw new CheckFailure({ expected: `${label}: has_more ${remaining > 0} (${remaining} rows remain)`, seen: describeValue(page) });
    }
    const wantAfter: string | null = remaining > 0 ? want[want.length - 1]!.id : null;
    if ((page.after ?? null) !== wantAfter) throw new CheckFailure({ expected: `${label}: after ${JSON.stringify(wantAfter)}`, seen: describeValue(page) });
    if (remaining <= 0) return;
    after = wantAfter;
  }
}

/**
 * Reads a thread's items (`threadId`) or the threads of the scope (`threadId` null) every way a stale
 * cache, index or count would show: whole-record walks in both orders at each of `limits` (by default 1,
 * 2 and one page past the end), each record by id, and each id of `gone` must raise NotFoundError.
 */
export async function expectRead<TContext>(
  store: AnyStore<TContext>,
  context: TContext,
  threadId: string | null,
  expectedAsc: readonly { id: string }[],
  what: string,
  options: { readonly gone?: readonly string[]; readonly limits?: readonly number[] } = {},
): Promise<void> {
  const list = lister(store, threadId);
  for (const limit of options.limits ?? [1, 2, expectedAsc.length + 1]) {
    await walkRecords(list, context, limit, "asc", expectedAsc, what);
    await walkRecords(list, context, limit, "desc", [...expectedAsc].reverse(), what);
  }
  for (const record of expectedAsc) {
    const loaded = await expectOk(() => (threadId === null ? store.loadThread(record.id, context) : store.loadItem(threadId, record.id, context)));
    expectEqual(loaded, record, `${what}: ${threadId === null ? "loadThread" : "loadItem"}(${threadId === null ? "" : `${threadId}, `}${record.id})`);
  }
  for (const id of options.gone ?? []) {
    await expectNotFound(
      () => (threadId === null ? store.loadThread(id, context) : store.loadItem(threadId, id, context)),
      `${what}: ${threadId === null ? `loadThread(${id})` : `loadItem(${threadId}, ${id})`}`,
    );
  }
}
