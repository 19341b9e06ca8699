import type { CheckId } from "chatkit-testkit/harness";
import { SimpleStore, type Json } from "./SimpleStore.js";

export const bug = "loads return the stored objects themselves: a caller mutating a loaded value mutates the store";
export const expectedChecks: readonly CheckId[] = ["isolation.mutate-after-load"];

export default class NoCopyOnRead extends SimpleStore {
  protected override readCopy(value: Json): Json {
    return value;
  }
}
