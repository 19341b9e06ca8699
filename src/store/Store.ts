import type { Attachment, AttachmentCreateParams } from "../model/attachment.js";
import type { StoreItemType } from "../model/ids.js";
import type { ThreadItem } from "../model/items.js";
import type { Page } from "../model/page.js";
import type { ThreadMetadata } from "../model/thread.js";

/** Sort order of a listing. */
export type Order = "asc" | "desc";

/**
 * The data types a store persists. Stores are generic over them so that a store can be typed with
 * another SDK's (older or newer) model and still be assignable to that SDK's `Store`; every store
 * keeps and returns whatever JSON it is given (C-ROUNDTRIP).
 */
export interface ModelTypes {
  thread: { id: string; created_at: string };
  item: { id: string; created_at: string; type: string };
  attachment: { id: string };
}

/** The ChatKit data model of this package (Python SDK 1.6). The default {@link ModelTypes}. */
export interface ChatKitModel {
  thread: ThreadMetadata;
  item: ThreadItem;
  attachment: Attachment;
}

/**
 * The ChatKit store contract (docs/contract.md). Method names and positional parameter order follow the
 * Python SDK (C-NAMES) — note `loadThreads(limit, after, order, context)` versus
 * `loadThreadItems(threadId, after, limit, order, context)`.
 *
 * @typeParam TContext - the per-request context the server passes to every call; the store derives
 *   the scope (user or tenant) from it (C-SCOPE)
 * @typeParam M - the data types it stores; defaults to this package's model
 */
export interface Store<TContext = unknown, M extends ModelTypes = ChatKitModel> {
  /** A new thread id (synchronous; C-ID). */
  generateThreadId(context: TContext): string;
  /** A new item id with the prefix of `itemType` (synchronous; C-ID). */
  generateItemId(itemType: StoreItemType, thread: M["thread"], context: TContext): string;
  /** @throws {NotFoundError} when the thread does not exist in the caller's scope */
  loadThread(threadId: string, context: TContext): Promise<M["thread"]>;
  /** Upserts thread metadata; a `Thread`'s `items` are ignored (C-THREAD-SAVE). */
  saveThread(thread: M["thread"], context: TContext): Promise<void>;
  /**
   * A page of a thread's items (C-ORDER, C-PAGE, C-CURSOR, C-LIMIT); an empty page for a missing thread
   * (C-MISSING-THREAD).
   */
  loadThreadItems(threadId: string, after: string | null, limit: number, order: Order, context: TContext): Promise<Page<M["item"]>>;
  /** Upserts an attachment record (C-ATTACH). */
  saveAttachment(attachment: M["attachment"], context: TContext): Promise<void>;
  /** @throws {NotFoundError} when missing or another scope's (C-ATTACH, C-SCOPE) */
  loadAttachment(attachmentId: string, context: TContext): Promise<M["attachment"]>;
  /** Deletes an attachment record; a no-op when missing (C-DELETE). */
  deleteAttachment(attachmentId: string, context: TContext): Promise<void>;
  /** A page of the caller's threads (C-ORDER, C-PAGE, C-CURSOR, C-LIMIT). Limit before after, as upstream. */
  loadThreads(limit: number, after: string | null, order: Order, context: TContext): Promise<Page<M["thread"]>>;
  /** Adds an item; an existing id in that thread is replaced in place (C-ITEM-ADD). */
  addThreadItem(threadId: string, item: M["item"], context: TContext): Promise<void>;
  /** Upserts an item; an existing one keeps its position (C-ITEM-SAVE). */
  saveItem(threadId: string, item: M["item"], context: TContext): Promise<void>;
  /** @throws {NotFoundError} when the item is not in that thread of the caller's scope */
  loadItem(threadId: string, itemId: string, context: TContext): Promise<M["item"]>;
  /** Deletes a thread and all its items; a no-op when missing (C-DELETE). */
  deleteThread(threadId: string, context: TContext): Promise<void>;
  /** Deletes one item; a no-op when missing (C-DELETE). */
  deleteThreadItem(threadId: string, itemId: string, context: TContext): Promise<void>;
}

/**
 * Where attachment bytes live (upstream `AttachmentStore`). `createAttachment` builds the record, usually
 * with an `upload_descriptor`; the server then saves it with `Store.saveAttachment`.
 */
export interface AttachmentStore<TContext = unknown, A = Attachment> {
  createAttachment(params: AttachmentCreateParams, context: TContext): Promise<A>;
  /** Deletes the stored bytes. */
  deleteAttachment(attachmentId: string, context: TContext): Promise<void>;
  /** A new attachment id (synchronous; C-ID). */
  generateAttachmentId(mimeType: string, context: TContext): string;
}

/** Derives the scope key (user or tenant) of a request from its context (C-SCOPE): a non-empty string; anything else fails the call. */
export type ScopeOf<TContext> = (context: TContext) => string;

/** The method names of {@link Store}, in the order of docs/contract.md#the-interface. */
export const STORE_METHODS = [
  "generateThreadId",
  "generateItemId",
  "loadThread",
  "saveThread",
  "loadThreadItems",
  "loadThreads",
  "addThreadItem",
  "saveItem",
  "loadItem",
  "deleteThread",
  "deleteThreadItem",
  "saveAttachment",
  "loadAttachment",
  "deleteAttachment",
] as const satisfies readonly (keyof Store)[];
