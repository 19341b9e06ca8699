/** `threads.delete` (docs/upstream.md §4.2): `deleteThread` without loading it first; `{}`, also for an unknown id. @internal */
import type { JsonFlow } from "../internal/env.js";

export const threadsDelete: JsonFlow<"threads.delete"> = {
  streaming: false,
  async run(params, env) {
    await env.store.deleteThread(params.thread_id, env.context);
    return {};
  },
};
