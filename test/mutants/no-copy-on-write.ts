import type { CheckId } from "chatkit-testkit/harness";
import { SimpleStore, type Json } from "./SimpleStore.js";

export const bug = "saves keep the caller's object: mutating it after the save changes what the store holds";
export const expectedChecks: readonly CheckId[] = ["isolation.mutate-after-save"];

export default class NoCopyOnWrite extends SimpleStore {
  protected override writeCopy(value: Json): Json {
    return value;
  }
}
