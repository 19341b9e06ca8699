/**
 * `threads.create` (docs/upstream.md §4.3.1): save a new thread, emit `thread.created`, add the user message
 * (attachments re-saved with `thread_id`), emit its `thread.item.done`, then respond.
 * @internal
 */
import type { Thread } from "../../model/thread.js";
import type { StreamFlow } from "../internal/env.js";
import { addUserMessageAndRespond, buildUserMessage } from "../internal/userMessage.js";

export const threadsCreate: StreamFlow<"threads.create"> = {
  streaming: true,
  async *run(params, env) {
    const { store, context } = env;
    const thread: Thread = {
      id: store.generateThreadId(context),
      created_at: env.now(),
      status: { type: "active" },
      metadata: {},
      items: { data: [], has_more: false, after: null },
    };
    const { items: _items, ...metadata } = thread;
    await store.saveThread(metadata, context); // metadata only, as upstream since PR #9
    yield { type: "thread.created", thread: structuredClone(thread) };
    // A missing attachment fails here, after the thread is saved: an orphan empty thread, as upstream (§6.20).
    const item = await buildUserMessage(env, params.input, thread);
    yield* addUserMessageAndRespond(env, thread, item);
  },
};
