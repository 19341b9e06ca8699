import type { CheckId } from "chatkit-testkit/harness";
import { SimpleStore } from "./SimpleStore.js";

export const bug = "scope keys are compared accent- and case-insensitively (the user_id column under MySQL 8's default utf8mb4_0900_ai_ci): `…/e`, `…/é` and `…/e\\u0301` are one user";
export const expectedChecks: readonly CheckId[] = ["scope.key-twins"];

const key = (scope: string) => scope.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();

export default class ScopeKeyAccentInsensitive extends SimpleStore {
  protected override scopeMatches(rowScope: string, callerScope: string): boolean {
    return key(rowScope) === key(callerScope);
  }
}
