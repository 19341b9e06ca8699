import type { CheckId } from "chatkit-testkit/harness";
import { SimpleStore, type AttachmentRow } from "./SimpleStore.js";

export const bug = "attachment ids are cut to 64 characters in the key (a key builder with `id.slice(0, 64)` to fit a key-length limit): ids that share their first 64 characters are one attachment";
export const expectedChecks: readonly CheckId[] = ["ids.long-twins"];

const key = (id: string) => id.slice(0, 64);

export default class AttachmentIdCut64Chars extends SimpleStore {
  protected override findAttachment(scope: string, id: string): AttachmentRow | undefined {
    return this.attachments.find((a) => this.scopeMatches(a.scope, scope) && key(a.id) === key(id));
  }

  override async deleteAttachment(attachmentId: string, context: unknown): Promise<void> {
    const scope = this.scopeOf(context);
    this.attachments = this.attachments.filter((a) => !(this.scopeMatches(a.scope, scope) && key(a.id) === key(attachmentId)));
  }
}
