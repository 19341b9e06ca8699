import type { CheckId } from "chatkit-testkit/harness";
import type { ModelTypes } from "chatkit-testkit";
import { SimpleStore, type Row } from "./SimpleStore.js";

export const bug = "the cursor is found through an id → array index map filled on insert; deletes splice the array but leave the map alone, so after a delete a cursor names whichever row now sits at its old index";
export const expectedChecks: readonly CheckId[] = ["cursor.writes-between-pages", "cursor.deleted-row", "cursor.re-added-id"];

/** Modelled on the in-memory stores that keep an `index_map` over a list of items and `FindIndex` positions in it. */
export default class SpliceStaleIndex extends SimpleStore {
  /** collection and id → index in the collection's array, as it was at insert */
  private readonly index = new Map<string, number>();

  private key(kind: string, scope: string, threadId: string | null, id: string): string {
    return [kind, scope, threadId ?? "", id].join("\u0000");
  }

  override async saveThread(thread: ModelTypes["thread"], context: unknown): Promise<void> {
    const scope = this.scopeOf(context);
    const isNew = !this.findThread(scope, thread.id);
    await super.saveThread(thread, context);
    if (isNew) this.index.set(this.key("thread", scope, null, thread.id), this.rowsOf("thread", scope, null).length - 1);
  }

  protected override async upsertItem(method: string, threadId: string, item: unknown, context: unknown): Promise<void> {
    const scope = this.scopeOf(context);
    const id = (item as { id: string }).id;
    const isNew = !this.findItem(scope, threadId, id);
    await super.upsertItem(method, threadId, item, context);
    if (isNew) this.index.set(this.key("item", scope, threadId, id), this.rowsOf("item", scope, threadId).length - 1);
  }

  protected override findCursor(kind: "thread" | "item", scope: string, threadId: string | null, id: string): Row | undefined {
    const at = this.index.get(this.key(kind, scope, threadId, id));
    return at === undefined ? undefined : this.rowsOf(kind, scope, threadId)[at];
  }
}
