import type { CheckId } from "chatkit-testkit/harness";
import { ID_PREFIXES, type StoreItemType } from "chatkit-testkit";
import { SimpleStore } from "./SimpleStore.js";

export const bug = "generated ids carry 8 hex digits (upstream's 32 bits, colliding at ~77k ids)";
export const expectedChecks: readonly CheckId[] = ["ids.default-format"];

export default class ShortIds extends SimpleStore {
  protected override newId(type: StoreItemType): string {
    const bytes = globalThis.crypto.getRandomValues(new Uint8Array(4));
    return `${ID_PREFIXES[type]}_${Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("")}`;
  }
}
