/** Every request type and the flow that serves it. @internal */
import type { JsonFlow, StreamFlow } from "../internal/env.js";
import type { NonStreamingRequestType, StreamingRequestType } from "../protocol/requests.js";
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

export const FLOWS: { [T in StreamingRequestType]: StreamFlow<T> } & { [T in NonStreamingRequestType]: JsonFlow<T> } = {
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
