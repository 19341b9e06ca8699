/** Every request type and the flow that serves it. @internal */
import type { FlowEnv, JsonFlow, StreamFlow } from "../internal/env.js";
import type { ThreadStreamEvent } from "../protocol/events.js";
import type { ChatKitRequest, RequestParams, RequestType, StreamingRequestType } from "../protocol/requests.js";
import { attachmentsCreate } from "./attachmentsCreate.js";
import { attachmentsDelete } from "./attachmentsDelete.js";
import { inputTranscribe } from "./inputTranscribe.js";
import { itemsFeedback } from "./itemsFeedback.js";
import { itemsList } from "./itemsList.js";
import { threadsAddClientToolOutput } from "./threadsAddClientToolOutput.js";
import { threadsAddStructuredInput } from "./threadsAddStructuredInput.js";
import { threadsAddUserMessage } from "./threadsAddUserMessage.js";
import { threadsCreate } from "./threadsCreate.js";
import { threadsCustomAction } from "./threadsCustomAction.js";
import { threadsDelete } from "./threadsDelete.js";
import { threadsGetById } from "./threadsGetById.js";
import { threadsList } from "./threadsList.js";
import { threadsRetryAfterItem } from "./threadsRetryAfterItem.js";
import { threadsSyncCustomAction } from "./threadsSyncCustomAction.js";
import { threadsUpdate } from "./threadsUpdate.js";

/** The flow of request type `T`: a stream flow for a streaming type, a JSON flow otherwise. */
export type FlowOf<T extends RequestType> = T extends StreamingRequestType ? StreamFlow<T> : JsonFlow<T>;

/** One flow per request type (a missing type, or a flow of the wrong kind or params, is a type error). */
export type Flows = { readonly [T in RequestType]: FlowOf<T> };

export const FLOWS: Flows = {
  "threads.create": threadsCreate,
  "threads.add_user_message": threadsAddUserMessage,
  "threads.add_client_tool_output": threadsAddClientToolOutput,
  "threads.add_structured_input": threadsAddStructuredInput,
  "threads.retry_after_item": threadsRetryAfterItem,
  "threads.custom_action": threadsCustomAction,
  "threads.get_by_id": threadsGetById,
  "threads.list": threadsList,
  "items.list": itemsList,
  "items.feedback": itemsFeedback,
  "attachments.create": attachmentsCreate,
  "attachments.delete": attachmentsDelete,
  "threads.update": threadsUpdate,
  "threads.delete": threadsDelete,
  "input.transcribe": inputTranscribe,
  "threads.sync_custom_action": threadsSyncCustomAction,
};

/** {@link FLOWS} seen as "some flow of type T" per type: indexed by a generic type, it keeps T (no cast). */
const ANY_KIND: { readonly [T in RequestType]: StreamFlow<T> | JsonFlow<T> } = FLOWS;

/** A request's flow with its params bound: `streaming` says which of the two it is. */
export type BoundFlow =
  | { readonly streaming: true; run<C>(env: FlowEnv<C>): AsyncGenerator<ThreadStreamEvent> }
  | { readonly streaming: false; run<C>(env: FlowEnv<C>): Promise<unknown> };

/** The flow of `type`, bound to params of that same type (the generic keeps type and params together). */
function bind<T extends RequestType>(type: T, params: RequestParams<T>): BoundFlow {
  const flow = ANY_KIND[type];
  return flow.streaming ? { streaming: true, run: (env) => flow.run(params, env) } : { streaming: false, run: (env) => flow.run(params, env) };
}

/** The flow that serves a parsed request, bound to its params. */
export function flowFor(request: ChatKitRequest): BoundFlow {
  return bind(request.type, request.params);
}
