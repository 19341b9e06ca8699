import type { CheckId } from "chatkit-testkit/harness";
import { type StoreItemType } from "chatkit-testkit";
import { SimpleStore } from "./SimpleStore.js";

export const bug =
  "default ids use the store's own prefixes (`thread_…`, `message_…`), not upstream's `<prefix>_<hex>`";
export const expectedChecks: readonly CheckId[] = ["ids.default-format"];

export default class IdsWrongPrefix extends SimpleStore {
  protected override newId(type: StoreItemType): string {
    return `${type}_${crypto.randomUUID().replace(/-/g, "")}`;
  }
}
