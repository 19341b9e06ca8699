import type { CheckId } from "chatkit-testkit/harness";
import { SimpleStore, type AttachmentRow } from "./SimpleStore.js";

export const bug = "attachment ids are NFKC-normalised before use as keys (a homoglyph-hardening sanitizer): `atc_ﬁ` (the ligature) and `atc_fi` are one attachment";
export const expectedChecks: readonly CheckId[] = ["ids.attachment-twins"];

const key = (id: string) => id.normalize("NFKC");

export default class AttachmentIdNfkc extends SimpleStore {
  protected override findAttachment(scope: string, id: string): AttachmentRow | undefined {
    return this.attachments.find((a) => this.scopeMatches(a.scope, scope) && key(a.id) === key(id));
  }

  override async deleteAttachment(attachmentId: string, context: unknown): Promise<void> {
    const scope = this.scopeOf(context);
    this.attachments = this.attachments.filter((a) => !(this.scopeMatches(a.scope, scope) && key(a.id) === key(attachmentId)));
  }
}
