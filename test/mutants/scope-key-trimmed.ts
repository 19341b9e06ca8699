import type { CheckId } from "chatkit-testkit/harness";
import { SimpleStore } from "./SimpleStore.js";

export const bug = "the scope key is trimmed (read from a header or form field and `.trim()`-ed): keys that differ only by leading or trailing whitespace share one scope";
export const expectedChecks: readonly CheckId[] = ["scope.key-twins"];

export default class ScopeKeyTrimmed extends SimpleStore {
  protected override scopeOf(context: unknown): string {
    return super.scopeOf(context).trim();
  }
}
