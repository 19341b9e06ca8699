import type { CheckId } from "chatkit-testkit/harness";
import { SimpleStore, type Json } from "./SimpleStore.js";

export const bug = "loads return a shallow copy (`{ ...value }`): nested content and metadata are still shared with the store";
export const expectedChecks: readonly CheckId[] = ["isolation.mutate-after-load"];

export default class ShallowCopyOnRead extends SimpleStore {
  protected override readCopy(value: Json): Json {
    return { ...value };
  }
}
