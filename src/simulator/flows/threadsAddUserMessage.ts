/**
 * `threads.add_user_message` (docs/upstream.md §4.3.2): load the thread, add the user message, respond.
 * Locked or closed threads are not checked, as upstream.
 * @internal
 */
import type { StreamFlow } from "../internal/env.js";
import { addUserMessageAndRespond, buildUserMessage } from "../internal/userMessage.js";

export const threadsAddUserMessage: StreamFlow<"threads.add_user_message"> = {
  streaming: true,
  async *run(params, env) {
    const thread = await env.store.loadThread(params.thread_id, env.context);
    const item = await buildUserMessage(env, params.input, thread);
    yield* addUserMessageAndRespond(env, thread, item);
  },
};
