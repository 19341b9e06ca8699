import type { CheckId } from "chatkit-testkit/harness";
import type { ModelTypes } from "chatkit-testkit";
import { SimpleStore } from "./SimpleStore.js";

export const bug =
  "a re-save that changes a thread's created_at rewrites its sort key with a new sequence number (`${micros}#${counter}`): moved away and saved back, the thread lands last among its old ties instead of at its place";
export const expectedChecks: readonly CheckId[] = ["thread-save.keeps-tie-position"];

/** Modelled on a DynamoDB/Redis listing keyed by a composite sort key that is recomputed (with a fresh counter) when created_at changes. */
export default class ThreadMoveNewSequence extends SimpleStore {
  override async saveThread(thread: ModelTypes["thread"], context: unknown): Promise<void> {
    const scope = this.scopeOf(context);
    const id = (thread as { id?: unknown } | null)?.id;
    const before = typeof id === "string" ? this.findThread(scope, id) : undefined;
    const micros = before?.micros;
    await super.saveThread(thread, context);
    const after = this.findThread(scope, thread.id)!;
    if (before && after.micros !== micros) after.seq = this.nextSeq("thread", scope, null);
  }
}
