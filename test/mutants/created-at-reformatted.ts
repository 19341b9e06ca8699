import type { CheckId } from "chatkit-testkit/harness";
import { SimpleStore, type Json } from "./SimpleStore.js";

export const bug =
  "created_at is parsed and written back in another spelling (`isoformat()` after `replace(tzinfo=UTC)`): the instant is right, the string is not the one given";
export const expectedChecks: readonly CheckId[] = ["roundtrip.threads"];

export default class CreatedAtReformatted extends SimpleStore {
  protected override writeCopy(value: Json): Json {
    const copy = super.writeCopy(value);
    if (typeof copy.created_at === "string") {
      const micros = this.instantOf(copy.created_at);
      const iso = new Date(Number(micros / 1000n)).toISOString().slice(0, 19);
      copy.created_at = `${iso}.${String(micros % 1_000_000n).padStart(6, "0")}+00:00`;
    }
    return copy;
  }
}
