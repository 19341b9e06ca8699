import type { CheckId } from "chatkit-testkit/harness";
import type { ModelTypes } from "chatkit-testkit";
import { SimpleStore } from "./SimpleStore.js";

export const bug =
  "loadAttachment goes through a read-through cache that deleteAttachment evicts but saveAttachment does not: the server's re-save (thread_id set, upload done) is not seen by a later load";
export const expectedChecks: readonly CheckId[] = ["attachments.reread-after-save", "attachments.upsert"];

/** Modelled on stores that cache attachment metadata (read on every message render) and invalidate on delete only. */
export default class AttachmentCacheStaleOnSave extends SimpleStore {
  private readonly cache = new Map<string, ModelTypes["attachment"]>();

  override async loadAttachment(attachmentId: string, context: unknown): Promise<ModelTypes["attachment"]> {
    const key = JSON.stringify([this.scopeOf(context), attachmentId]);
    const hit = this.cache.get(key);
    if (hit) return structuredClone(hit);
    const loaded = await super.loadAttachment(attachmentId, context);
    this.cache.set(key, structuredClone(loaded));
    return loaded;
  }

  override async deleteAttachment(attachmentId: string, context: unknown): Promise<void> {
    this.cache.delete(JSON.stringify([this.scopeOf(context), attachmentId]));
    await super.deleteAttachment(attachmentId, context);
  }
}
