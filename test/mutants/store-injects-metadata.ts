import type { CheckId } from "chatkit-testkit/harness";
import { SimpleStore, type Json } from "./SimpleStore.js";

export const bug =
  "the store adds its own bookkeeping to thread metadata (`metadata.setdefault(\"owner_id\", owner)`)";
export const expectedChecks: readonly CheckId[] = ["roundtrip.threads"];

export default class StoreInjectsMetadata extends SimpleStore {
  protected override threadRecord(thread: Json): Json {
    const record = super.threadRecord(thread);
    return { ...record, metadata: { ...((record.metadata as Json | undefined) ?? {}), owner_id: "store" } };
  }
}
