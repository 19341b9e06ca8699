/** `items.feedback` (docs/upstream.md §4.2): no store call; the `addFeedback` hook (default: nothing); `{}`. @internal */
import type { JsonFlow } from "../internal/env.js";

export const itemsFeedback: JsonFlow<"items.feedback"> = {
  streaming: false,
  async run(params, env) {
    await env.assistant.addFeedback?.(params.thread_id, [...params.item_ids], params.kind, env.hookContext());
    return {};
  },
};
