import type { CheckId } from "chatkit-testkit/harness";
import type { ModelTypes } from "chatkit-testkit";
import { SimpleStore } from "./SimpleStore.js";

export const bug =
  "attachments sit behind a read-through cache and deleteAttachment only evicts the cache entry: the next load falls through to the table and finds the record again";
export const expectedChecks: readonly CheckId[] = ["attachments.not-found", "attachments.reread-after-save"];

/** Modelled on a published PostgreSQL ChatKit store whose delete_attachment drops its in-process dict entry while load_attachment falls back to the database (research S11, 7.1). */
export default class AttachmentDeleteCacheOnly extends SimpleStore {
  private readonly cache = new Map<string, ModelTypes["attachment"]>();
  private key(context: unknown, attachmentId: string): string {
    return JSON.stringify([this.scopeOf(context), attachmentId]);
  }

  override async loadAttachment(attachmentId: string, context: unknown): Promise<ModelTypes["attachment"]> {
    const hit = this.cache.get(this.key(context, attachmentId));
    if (hit) return structuredClone(hit);
    const loaded = await super.loadAttachment(attachmentId, context);
    this.cache.set(this.key(context, attachmentId), structuredClone(loaded));
    return loaded;
  }

  override async saveAttachment(attachment: ModelTypes["attachment"], context: unknown): Promise<void> {
    await super.saveAttachment(attachment, context);
    this.cache.set(this.key(context, attachment.id), structuredClone(attachment));
  }

  override async deleteAttachment(attachmentId: string, _context: unknown): Promise<void> {
    this.cache.delete(this.key(_context, attachmentId)); // the table row stays
  }
}
