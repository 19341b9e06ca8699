import type { CheckId } from "chatkit-testkit/harness";
import { SimpleStore } from "./SimpleStore.js";

export const bug = "the scope key is lower-cased (user ids treated like e-mail addresses): users whose keys differ only by case share one scope";
export const expectedChecks: readonly CheckId[] = ["scope.key-twins"];

export default class ScopeKeyLowercased extends SimpleStore {
  protected override scopeOf(context: unknown): string {
    return super.scopeOf(context).toLowerCase();
  }
}
