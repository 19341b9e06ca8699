import type { CheckId } from "chatkit-testkit/harness";
import type { ModelTypes } from "chatkit-testkit";
import { SimpleStore } from "./SimpleStore.js";

export const bug = "loadAttachment goes through a cache that loads and saves fill and deleteAttachment never evicts: a deleted attachment still loads";
export const expectedChecks: readonly CheckId[] = ["attachments.not-found", "attachments.reread-after-save", "delete.idempotent"];

/** Modelled on stores that cache attachment records and forget the delete path (it lives in the AttachmentStore). */
export default class AttachmentCacheStaleOnDelete extends SimpleStore {
  private readonly cache = new Map<string, ModelTypes["attachment"]>();

  override async loadAttachment(attachmentId: string, context: unknown): Promise<ModelTypes["attachment"]> {
    const key = JSON.stringify([this.scopeOf(context), attachmentId]);
    const hit = this.cache.get(key);
    if (hit) return structuredClone(hit);
    const loaded = await super.loadAttachment(attachmentId, context);
    this.cache.set(key, structuredClone(loaded));
    return loaded;
  }

  override async saveAttachment(attachment: ModelTypes["attachment"], context: unknown): Promise<void> {
    await super.saveAttachment(attachment, context);
    this.cache.set(JSON.stringify([this.scopeOf(context), attachment.id]), structuredClone(attachment));
  }
}
