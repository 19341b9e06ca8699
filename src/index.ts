/**
 * chatkit-testkit — the ChatKit data model, the Store contract, and a spec-faithful InMemoryStore.
 * This entry has no peer dependencies.
 * @packageDocumentation
 */
export * from "./model/index.js";
export type { Store, AttachmentStore, ModelTypes, ChatKitModel, Order, ScopeOf } from "./store/Store.js";
export { STORE_METHODS } from "./store/Store.js";
export {
  NotFoundError,
  InvalidArgumentError,
  ValidationError,
  CorruptDataError,
  isNotFoundError,
  isInvalidArgumentError,
  type ErrorCode,
  type NotFoundKind,
  type NotFoundContext,
} from "./errors/errors.js";
// ---- the store kernel: build a store of your own from primitives (docs/store-kernel.md)
export { StoreKernel, NO_CURSOR, type KernelOptions, type Listing, type RowsAfter, type Awaitable } from "./store/kernel.js";
export type { CheckedRecord } from "./store/arguments.js";
export { MAX_ID_BYTES, MAX_SCOPE_KEY_BYTES, MAX_RECORD_SIZE } from "./store/limits.js";
export { defaultScope, SINGLE_TENANT_KEY, type ScopeOption } from "./store/scope.js";
export { InMemoryStore, type InMemoryStoreOptions, type ScopeData, type StoreSnapshot } from "./memory/InMemoryStore.js";
// ---- chatkit-node-backend-sdk: its data model, for a store passed to its ChatKitServer (docs/in-memory-store.md)
export {
  toNodeSdkThread,
  toNodeSdkItem,
  toNodeSdkAttachment,
  toNodeSdkData,
  NODE_SDK_ITEM_TYPES,
  type NodeSdkModel,
  type NodeSdkScopeData,
  type NodeSdkThreadMetadata,
  type NodeSdkThreadItem,
  type NodeSdkThreadItemType,
  type NodeSdkItemOf,
  type NodeSdkConvertibleItem,
  type NonNodeSdkItemType,
  type NodeSdkAttachment,
  type NodeSdkFileAttachment,
  type NodeSdkImageAttachment,
  type NodeSdkUserMessageItem,
  type NodeSdkUserMessageContent,
  type NodeSdkAssistantMessageItem,
  type NodeSdkAssistantMessageContent,
  type NodeSdkAnnotation,
  type NodeSdkClientToolCallItem,
  type NodeSdkWidgetItem,
  type NodeSdkWidgetRoot,
  type NodeSdkListViewItem,
  type NodeSdkWorkflowItem,
  type NodeSdkWorkflow,
  type NodeSdkTaskItem,
  type NodeSdkTask,
  type NodeSdkHiddenContextItem,
  type NodeSdkEndOfTurnItem,
} from "./store/nodeSdk.js";

// ---- simulator: a fake ChatKit backend over any Store (docs/fake-backend.md, docs/server-flows.md)
export { ChatKitSimulator, type ChatKitSimulatorOptions, type SimulatorErrorBody } from "./simulator/ChatKitSimulator.js";
export {
  reply,
  StreamController,
  userText,
  type Assistant,
  type Responder,
  type ResponderOutput,
  type RespondContext,
  type HookContext,
  type ActionHandler,
  type AudioInput,
  type StreamTextOptions,
  type StreamStart,
  type StreamControllerOptions,
} from "./simulator/assistant.js";
export { StreamError, CustomStreamError } from "./simulator/errors.js";
export { RequestRecorder, type RecordedRequest, type RequestOutcome } from "./simulator/recorder.js";
export { FakeAttachmentStore, type FakeAttachmentStoreOptions, type StoredUpload } from "./simulator/FakeAttachmentStore.js";
export {
  chatkitClient,
  readEvents,
  ChatKitHttpError,
  type ChatKitClient,
  type ChatKitClientOptions,
  type RequestOptions,
  type RequestResult,
  type ResponseBodies,
  type WirePage,
  type ReadEventsOptions,
} from "./simulator/client.js";
export {
  ChatKitRequestSchema,
  RequestParamsSchemas,
  ActionSchema,
  UserMessageInputSchema,
  StructuredInputSubmissionSchema,
  STREAMING_REQUEST_TYPES,
  NON_STREAMING_REQUEST_TYPES,
  parseChatKitRequest,
  isStreamingRequestType,
  isRequestType,
  type ChatKitRequest,
  type RequestType,
  type StreamingRequestType,
  type NonStreamingRequestType,
  type RequestParams,
  type RequestParamsInput,
  type RequestProblem,
  type Action,
  type UserMessageInput,
  type StructuredInputSubmission,
} from "./simulator/protocol/requests.js";
export {
  ThreadStreamEventSchema,
  ThreadItemUpdateSchema,
  type ThreadStreamEvent,
  type ThreadStreamEventType,
  type ThreadItemUpdate,
  type ThreadCreatedEvent,
  type ThreadUpdatedEvent,
  type ThreadItemAddedEvent,
  type ThreadItemUpdatedEvent,
  type ThreadItemDoneEvent,
  type ThreadItemRemovedEvent,
  type ThreadItemReplacedEvent,
  type StreamOptionsEvent,
  type ProgressUpdateEvent,
  type ClientEffectEvent,
  type ErrorEvent,
  type NoticeEvent,
  type AssistantMessageContentPartAdded,
  type AssistantMessageContentPartTextDelta,
  type AssistantMessageContentPartAnnotationAdded,
  type AssistantMessageContentPartDone,
  type WidgetStreamingTextValueDelta,
  type WidgetRootUpdated,
  type WidgetComponentUpdated,
  type WorkflowTaskAdded,
  type WorkflowTaskUpdated,
  type GeneratedImageUpdated,
} from "./simulator/protocol/events.js";
export { encodeSseFrame, SseDecoder } from "./simulator/protocol/sse.js";

// ---- wrappers: stores that wrap stores
export { recordingStore, type RecordingStore, type StoreCall, type StoreMethod } from "./wrappers/recordingStore.js";
export { faultyStore, InjectedFaultError, type FaultyStore, type FaultRule, type FaultCall, type InjectedFault } from "./wrappers/faultyStore.js";

// ---- fixtures: builders, fixedClock/seededIds, golden wire payloads (docs/data-model.md)
export * from "./fixtures/index.js";
