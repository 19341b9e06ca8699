/** `threads.update` (docs/upstream.md §4.2): load, set `title` (`""` allowed), save; the thread with an empty items page; no event. @internal */
import type { JsonFlow } from "../internal/env.js";
import { wireThread } from "../protocol/wire.js";

export const threadsUpdate: JsonFlow<"threads.update"> = {
  streaming: false,
  async run(params, env) {
    const thread = await env.store.loadThread(params.thread_id, env.context);
    thread.title = params.title;
    await env.store.saveThread(thread, env.context);
    return wireThread(thread);
  },
};
