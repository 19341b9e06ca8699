import type { CheckId } from "chatkit-testkit/harness";
import { SimpleStore, type Json } from "./SimpleStore.js";

export const bug =
  "the store keeps the caller's object on save and hands that same object out on load (a Map of live objects): a mutation of either side is a mutation of the store";
export const expectedChecks: readonly CheckId[] = ["isolation.mutate-after-load", "isolation.mutate-after-save"];

export default class AliasOnSaveAndLoad extends SimpleStore {
  protected override writeCopy(value: Json): Json {
    return value;
  }

  protected override readCopy(value: Json): Json {
    return value;
  }
}
