import type { CheckId } from "chatkit-testkit/harness";
import { formatTimestamp } from "chatkit-testkit";
import { SimpleStore, type Json } from "./SimpleStore.js";

export const bug =
  "created_at is parsed and written back in another spelling (`isoformat()` after `replace(tzinfo=UTC)`): the instant is right, the string is not the one given";
export const expectedChecks: readonly CheckId[] = ["roundtrip.created-at-exact", "roundtrip.threads"];

export default class CreatedAtReformatted extends SimpleStore {
  protected override writeCopy(value: Json): Json {
    const copy = super.writeCopy(value);
    if (typeof copy.created_at === "string") {
      copy.created_at = formatTimestamp(this.instantOf(copy.created_at)).replace(/Z$/, "+00:00");
    }
    return copy;
  }
}
