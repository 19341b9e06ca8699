import type { CheckId } from "chatkit-testkit/harness";
import { SimpleStore, type Json } from "./SimpleStore.js";

export const bug = "saveThread stores a Thread as given, `items` page included, so loadThread returns stale items";
export const expectedChecks: readonly CheckId[] = ["thread-save.ignores-items"];

export default class ThreadItemsPersisted extends SimpleStore {
  protected override threadRecord(thread: Json): Json {
    return thread;
  }
}
