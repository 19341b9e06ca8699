/**
 * MapStore ported the way the Python reference SQLite store behaves (UPSTREAM semantics described in
 * docs/upstream.md and docs/contract.md): `addThreadItem` is a plain INSERT that throws on a duplicate
 * id, and `saveItem` is an UPDATE that does nothing for a missing item. Used by
 * docs/test-your-own-store.md, "Porting a store from the Python reference".
 */
import type { ThreadItem } from "chatkit-testkit";
import { MapStore } from "./MapStore.js";

type Ctx = { user_id: string };

export class PortedStore extends MapStore {
  private async has(threadId: string, itemId: string, ctx: Ctx): Promise<boolean> {
    return this.loadItem(threadId, itemId, ctx).then(
      () => true,
      () => false,
    );
  }

  /** INSERT INTO items …: a second add of one id violates the primary key. */
  override async addThreadItem(threadId: string, item: ThreadItem, ctx: Ctx): Promise<void> {
    if (await this.has(threadId, item.id, ctx)) throw new Error("UNIQUE constraint failed: items.id");
    await super.saveItem(threadId, item, ctx);
  }

  /** UPDATE items SET data = … WHERE id = …: a missing item is a silent no-op. */
  override async saveItem(threadId: string, item: ThreadItem, ctx: Ctx): Promise<void> {
    if (await this.has(threadId, item.id, ctx)) await super.saveItem(threadId, item, ctx);
  }
}
