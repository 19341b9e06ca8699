import type { CheckId } from "chatkit-testkit/harness";
import { SimpleStore, type Json } from "./SimpleStore.js";

export const bug =
  "when a record cannot be serialised (a BigInt, a cycle), the store writes an error stub and reports success";
export const expectedChecks: readonly CheckId[] = ["arguments.non-json-values"];

export default class SerializeErrorStored extends SimpleStore {
  protected override checkRecord(method: string, kind: "thread" | "item" | "attachment", value: unknown): Json {
    try {
      JSON.stringify(value);
    } catch (error) {
      const v = value as Json;
      return { id: v.id, created_at: v.created_at, type: v.type, error: String(error) };
    }
    return super.checkRecord(method, kind, value);
  }

  protected override writeCopy(value: Json): Json {
    return typeof value.error === "string" ? { ...value } : super.writeCopy(value);
  }
}
