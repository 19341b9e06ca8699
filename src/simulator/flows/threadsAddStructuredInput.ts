/**
 * `threads.add_structured_input` (docs/upstream.md §4.3.4): answer a pending structured-input item, emit it as
 * `thread.item.replaced` (persisted by `saveItem`), then respond with no user message.
 * @internal
 */
import type { StructuredInputItem } from "../../model/items.js";
import { flowError, type StreamFlow } from "../internal/env.js";
import { processEvents } from "../internal/pipeline.js";
import type { StructuredInputSubmission } from "../protocol/requests.js";

/** Upstream's answer rules: skipped when the submission, the answer or its values say so; single choice keeps one value. */
function answered(item: StructuredInputItem, submission: StructuredInputSubmission): StructuredInputItem {
  const status = submission.status ?? "answered";
  const answers = submission.answers ?? {};
  const out = structuredClone(item);
  out.status = status;
  out.inputs = out.inputs.map((input) => {
    const a = Object.prototype.hasOwnProperty.call(answers, input.id) ? answers[input.id] : undefined;
    const values = a?.values ?? [];
    if (status === "skipped" || !a || a.skipped || values.length === 0) return { ...input, answer: { values: [], skipped: true } };
    const single = input.type === "multiple_choice" && !input.multiple;
    return { ...input, answer: { values: single ? values.slice(0, 1) : [...values], skipped: false } };
  });
  return out;
}

export const threadsAddStructuredInput: StreamFlow<"threads.add_structured_input"> = {
  streaming: true,
  async *run(params, env) {
    const { store, context } = env;
    const thread = await store.loadThread(params.thread_id, context);
    const item = await store.loadItem(thread.id, params.item_id, context);
    if (item.type !== "structured_input") {
      throw flowError("threads.add_structured_input", `item ${JSON.stringify(item.id)} must be a structured_input, got ${item.type}`);
    }
    if ((item.status ?? "pending") !== "pending") {
      throw flowError("threads.add_structured_input", `item ${JSON.stringify(item.id)} must be pending, got ${item.status}`);
    }
    const updated = answered(item, params.input);
    yield* processEvents(env, thread, async function* (ctx) {
      yield { type: "thread.item.replaced", item: updated };
      yield* env.assistant.respond(thread, null, ctx) as AsyncIterable<never>;
    });
  },
};
