import type { CheckId } from "chatkit-testkit/harness";
import type { ModelTypes, Order, Page } from "chatkit-testkit";
import { SimpleStore, type Json } from "./SimpleStore.js";

export const bug =
  "loadThreads builds its rows from the listing query's columns (id, created_at, title, status type, metadata) while loadThread reads the stored record: the history list loses allowed_image_domains, status.reason and unknown fields";
export const expectedChecks: readonly CheckId[] = ["roundtrip.threads"];

/** Modelled on stores whose sidebar query selects a few columns for speed and maps them back to a thread. */
export default class ThreadListFromColumns extends SimpleStore {
  override async loadThreads(limit: number, after: string | null, order: Order, context: unknown): Promise<Page<ModelTypes["thread"]>> {
    const page = await super.loadThreads(limit, after, order, context);
    return { ...page, data: page.data.map((t) => fromColumns(t as unknown as Json)) };
  }
}

function fromColumns({ id, created_at, title, metadata, status }: Json): ModelTypes["thread"] {
  const row: Json = { id, created_at };
  if (title !== undefined) row.title = title;
  if (metadata !== undefined) row.metadata = metadata;
  if (status !== undefined) row.status = { type: (status as { type: string }).type };
  return row as ModelTypes["thread"];
}
