import type { CheckId } from "chatkit-testkit/harness";
import { SimpleStore } from "./SimpleStore.js";

export const bug = "the scope is matched as a prefix (`scope LIKE $1 || '%'`): a user sees the rows of every user whose key starts with theirs";
export const expectedChecks: readonly CheckId[] = ["scope.reads", "paging.walk-property", "model.sequences"];

export default class ScopePrefixMatch extends SimpleStore {
  protected override scopeMatches(rowScope: string, callerScope: string): boolean {
    return rowScope.startsWith(callerScope);
  }
}
