import type { CheckId } from "chatkit-testkit/harness";
import type { ModelTypes } from "chatkit-testkit";
import { SimpleStore } from "./SimpleStore.js";

export const bug = "loadAttachment looks the id up without the scope (upstream's leak): any user can load any attachment";
export const expectedChecks: readonly CheckId[] = ["scope.attachments"];

export default class LoadAttachmentUnscoped extends SimpleStore {
  override async loadAttachment(attachmentId: string, _context: unknown): Promise<ModelTypes["attachment"]> {
    const row = this.attachments.find((a) => a.id === attachmentId); // SELECT data FROM attachments WHERE id = $1
    if (!row) throw this.notFound("attachment", attachmentId);
    return this.readCopy(row.value) as ModelTypes["attachment"];
  }
}
