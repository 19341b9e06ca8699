import type { CheckId } from "chatkit-testkit/harness";
import { ID_PREFIXES, type StoreItemType } from "chatkit-testkit";
import { SimpleStore } from "./SimpleStore.js";

export const bug =
  "default ids come from the millisecond clock (`${prefix}_${Date.now().toString(16)}`): ids made in the same millisecond collide";
export const expectedChecks: readonly CheckId[] = ["ids.distinct"];

export default class IdsFromClock extends SimpleStore {
  protected override newId(type: StoreItemType): string {
    return `${ID_PREFIXES[type]}_${Date.now().toString(16).padStart(12, "0")}`;
  }
}
