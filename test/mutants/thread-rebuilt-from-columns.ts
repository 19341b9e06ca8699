import type { CheckId } from "chatkit-testkit/harness";
import { SimpleStore, type Json } from "./SimpleStore.js";

export const bug =
  "a thread is rebuilt from its columns (id, title, metadata, status type, created_at): allowed_image_domains and status.reason are lost";
export const expectedChecks: readonly CheckId[] = ["roundtrip.threads"];

export default class ThreadRebuiltFromColumns extends SimpleStore {
  protected override threadRecord(thread: Json): Json {
    const { id, created_at, title, metadata, status } = super.threadRecord(thread);
    const record: Json = { id, created_at };
    if (title !== undefined) record.title = title;
    if (metadata !== undefined) record.metadata = metadata;
    if (status !== undefined) record.status = { type: (status as { type: string }).type };
    return record;
  }
}
