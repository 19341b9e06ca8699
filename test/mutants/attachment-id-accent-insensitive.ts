import type { CheckId } from "chatkit-testkit/harness";
import { SimpleStore, type AttachmentRow } from "./SimpleStore.js";

export const bug = "attachment ids are compared accent- and case-insensitively (MySQL 8's default utf8mb4_0900_ai_ci on attachments.id): `atc_e` and `atc_é` (NFC and NFD) are one attachment, and so are `atc_a` and `atc_A`";
export const expectedChecks: readonly CheckId[] = ["ids.attachment-twins"];

const key = (id: string) => id.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();

export default class AttachmentIdAccentInsensitive extends SimpleStore {
  protected override findAttachment(scope: string, id: string): AttachmentRow | undefined {
    return this.attachments.find((a) => this.scopeMatches(a.scope, scope) && key(a.id) === key(id));
  }

  override async deleteAttachment(attachmentId: string, context: unknown): Promise<void> {
    const scope = this.scopeOf(context);
    this.attachments = this.attachments.filter((a) => !(this.scopeMatches(a.scope, scope) && key(a.id) === key(attachmentId)));
  }
}
