import type { CheckId } from "chatkit-testkit/harness";
import { SimpleStore, type Json } from "./SimpleStore.js";

export const bug =
  "a prototype-pollution guard (a JSON.parse reviver) drops every `__proto__`, `constructor` and `prototype` key from the records it stores: free-form metadata with those keys comes back without them";
export const expectedChecks: readonly CheckId[] = ["roundtrip.threads"];

/** Modelled on stores that decode JSON with secure-json-parse's `protoAction: "remove"` or a hand-written reviver to the same end. */
export default class PrototypeKeysStripped extends SimpleStore {
  protected override writeCopy(value: Json): Json {
    return JSON.parse(JSON.stringify(value), (key: string, v: unknown) => (key === "__proto__" || key === "constructor" || key === "prototype" ? undefined : v)) as Json;
  }
}
