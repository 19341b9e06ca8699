import type { CheckId } from "chatkit-testkit/harness";
import { SimpleStore } from "./SimpleStore.js";

export const bug = "the scope key is NFC-normalised (so that a user name typed on macOS matches): keys that differ only by NFC/NFD share one scope";
export const expectedChecks: readonly CheckId[] = ["scope.key-twins"];

export default class ScopeKeyNfc extends SimpleStore {
  protected override scopeOf(context: unknown): string {
    return super.scopeOf(context).normalize("NFC");
  }
}
