/**
 * The user-message steps shared by `threads.create` and `threads.add_user_message` (docs/upstream.md §1.5, §4.3). @internal
 */
import type { Attachment } from "../../model/attachment.js";
import type { UserMessageItem } from "../../model/items.js";
import type { ThreadMetadata } from "../../model/thread.js";
import type { ThreadStreamEvent } from "../protocol/events.js";
import type { UserMessageInput } from "../protocol/requests.js";
import type { FlowEnv } from "./env.js";
import { processEvents } from "./pipeline.js";

/**
 * Upstream `_build_user_message_item`: a new `msg` id, then each attachment loaded (in order) and copied
 * with `thread_id` set to this thread.
 * @throws {NotFoundError} from `loadAttachment` for an unknown attachment id
 */
export async function buildUserMessage<C>(env: FlowEnv<C>, input: UserMessageInput, thread: ThreadMetadata): Promise<UserMessageItem> {
  const id = env.store.generateItemId("message", thread, env.context);
  const attachments: Attachment[] = [];
  for (const attachmentId of input.attachments) {
    const attachment = await env.store.loadAttachment(attachmentId, env.context);
    attachments.push({ ...attachment, thread_id: thread.id });
  }
  const item: UserMessageItem = {
    type: "user_message",
    id,
    thread_id: thread.id,
    created_at: env.now(),
    content: structuredClone(input.content),
    attachments,
    inference_options: structuredClone(input.inference_options),
  };
  if (input.quoted_text !== null && input.quoted_text !== undefined) item.quoted_text = input.quoted_text;
  return item;
}

/**
 * Upstream `_process_new_thread_item_respond`: re-save each attachment (with `thread_id`), add the user
 * message, emit its `thread.item.done`, then run `respond` through the pipeline.
 */
export async function* addUserMessageAndRespond<C>(env: FlowEnv<C>, thread: ThreadMetadata, item: UserMessageItem): AsyncGenerator<ThreadStreamEvent> {
  for (const attachment of item.attachments ?? []) await env.store.saveAttachment(attachment, env.context);
  await env.store.addThreadItem(thread.id, item, env.context);
  yield { type: "thread.item.done", item: structuredClone(item) };
  yield* processEvents(env, thread, (ctx) => env.assistant.respond(thread, structuredClone(item), ctx));
}
