/**
 * `ThreadStreamEvent` and `ThreadItemUpdate` (docs/upstream.md §4.5): what a streaming request sends, one
 * event per SSE frame. Schemas validate; types are inferred, with items typed as the model's
 * {@link ThreadItem}.
 * @packageDocumentation
 */
import { z } from "zod";
import { FreeObjectSchema, IconNameSchema, opt } from "../../model/common.js";
import {
  AnnotationSchema,
  AssistantMessageContentSchema,
  GeneratedImageSchema,
  TaskSchema,
  ThreadItemSchema,
  WidgetRootSchema,
  type ThreadItem,
  type WidgetRoot,
} from "../../model/items.js";
import { ThreadSchema, type Thread } from "../../model/thread.js";

const index = z.number().int().nonnegative();

// ---------------------------------------------------------------- ThreadItemUpdate (§4.5)

/** A content part starts: `{content_index, content}`. */
export const AssistantMessageContentPartAddedSchema = z.object({
  type: z.literal("assistant_message.content_part.added"),
  content_index: index,
  content: AssistantMessageContentSchema,
});
/** Text appended to a content part: `{content_index, delta}`. */
export const AssistantMessageContentPartTextDeltaSchema = z.object({
  type: z.literal("assistant_message.content_part.text_delta"),
  content_index: index,
  delta: z.string(),
});
/** An annotation inserted into a content part: `{content_index, annotation_index, annotation}`. */
export const AssistantMessageContentPartAnnotationAddedSchema = z.object({
  type: z.literal("assistant_message.content_part.annotation_added"),
  content_index: index,
  annotation_index: index,
  annotation: AnnotationSchema,
});
/** A content part is final: `{content_index, content}`. */
export const AssistantMessageContentPartDoneSchema = z.object({
  type: z.literal("assistant_message.content_part.done"),
  content_index: index,
  content: AssistantMessageContentSchema,
});
/** Text streamed into a widget component: `{component_id, delta, done}`. */
export const WidgetStreamingTextValueDeltaSchema = z.object({
  type: z.literal("widget.streaming_text.value_delta"),
  component_id: z.string(),
  delta: z.string(),
  done: z.boolean(),
});
/** A whole new widget tree: `{widget}`. Not persisted unless replaced (docs/upstream.md §4.4). */
export const WidgetRootUpdatedSchema = z.object({ type: z.literal("widget.root.updated"), widget: WidgetRootSchema });
/** One widget component replaced: `{component_id, component}`. */
export const WidgetComponentUpdatedSchema = z.object({
  type: z.literal("widget.component.updated"),
  component_id: z.string(),
  component: z.looseObject({ type: z.string() }),
});
/** A task added to a workflow: `{task_index, task}`. */
export const WorkflowTaskAddedSchema = z.object({ type: z.literal("workflow.task.added"), task_index: index, task: TaskSchema });
/** A workflow task replaced: `{task_index, task}`. */
export const WorkflowTaskUpdatedSchema = z.object({ type: z.literal("workflow.task.updated"), task_index: index, task: TaskSchema });
/** Progress of a generated image: `{image, progress?}`. */
export const GeneratedImageUpdatedSchema = z.object({
  type: z.literal("generated_image.updated"),
  image: GeneratedImageSchema,
  progress: opt(z.number()),
});

/** An update to a streamed item, discriminated by `type`. */
export const ThreadItemUpdateSchema = z.discriminatedUnion("type", [
  AssistantMessageContentPartAddedSchema,
  AssistantMessageContentPartTextDeltaSchema,
  AssistantMessageContentPartAnnotationAddedSchema,
  AssistantMessageContentPartDoneSchema,
  WidgetStreamingTextValueDeltaSchema,
  WidgetRootUpdatedSchema,
  WidgetComponentUpdatedSchema,
  WorkflowTaskAddedSchema,
  WorkflowTaskUpdatedSchema,
  GeneratedImageUpdatedSchema,
]);

/** See {@link AssistantMessageContentPartAddedSchema}. */
export type AssistantMessageContentPartAdded = z.infer<typeof AssistantMessageContentPartAddedSchema>;
/** See {@link AssistantMessageContentPartTextDeltaSchema}. */
export type AssistantMessageContentPartTextDelta = z.infer<typeof AssistantMessageContentPartTextDeltaSchema>;
/** See {@link AssistantMessageContentPartAnnotationAddedSchema}. */
export type AssistantMessageContentPartAnnotationAdded = z.infer<typeof AssistantMessageContentPartAnnotationAddedSchema>;
/** See {@link AssistantMessageContentPartDoneSchema}. */
export type AssistantMessageContentPartDone = z.infer<typeof AssistantMessageContentPartDoneSchema>;
/** See {@link WidgetStreamingTextValueDeltaSchema}. */
export type WidgetStreamingTextValueDelta = z.infer<typeof WidgetStreamingTextValueDeltaSchema>;
// The types below whose schema would infer a looser type stay written out: a widget tree typed as
// the model's WidgetRoot, a thread or item as the model's Thread / ThreadItem, the error code's known values.

/** See {@link WidgetRootUpdatedSchema}. */
export type WidgetRootUpdated = { type: "widget.root.updated"; widget: WidgetRoot };
/** See {@link WidgetComponentUpdatedSchema}. */
export type WidgetComponentUpdated = z.infer<typeof WidgetComponentUpdatedSchema>;
/** See {@link WorkflowTaskAddedSchema}. */
export type WorkflowTaskAdded = z.infer<typeof WorkflowTaskAddedSchema>;
/** See {@link WorkflowTaskUpdatedSchema}. */
export type WorkflowTaskUpdated = z.infer<typeof WorkflowTaskUpdatedSchema>;
/** See {@link GeneratedImageUpdatedSchema}. */
export type GeneratedImageUpdated = z.infer<typeof GeneratedImageUpdatedSchema>;

/** An update to a streamed item (`thread.item.updated`). */
export type ThreadItemUpdate =
  | AssistantMessageContentPartAdded
  | AssistantMessageContentPartTextDelta
  | AssistantMessageContentPartAnnotationAdded
  | AssistantMessageContentPartDone
  | WidgetStreamingTextValueDelta
  | WidgetRootUpdated
  | WidgetComponentUpdated
  | WorkflowTaskAdded
  | WorkflowTaskUpdated
  | GeneratedImageUpdated;

// ---------------------------------------------------------------- ThreadStreamEvent (§4.5)

/** `thread.created`: the new thread, with an empty items page. */
export const ThreadCreatedEventSchema = z.object({ type: z.literal("thread.created"), thread: ThreadSchema });
/** `thread.updated`: sent after the handler changed the thread (`metadata` is always `{}`). */
export const ThreadUpdatedEventSchema = z.object({ type: z.literal("thread.updated"), thread: ThreadSchema });
/** `thread.item.added`: an item starts streaming; nothing is stored yet. */
export const ThreadItemAddedEventSchema = z.object({ type: z.literal("thread.item.added"), item: ThreadItemSchema });
/** `thread.item.updated`: an update to a streaming item; nothing is stored. */
export const ThreadItemUpdatedEventSchema = z.object({ type: z.literal("thread.item.updated"), item_id: z.string(), update: ThreadItemUpdateSchema });
/** `thread.item.done`: the item is final and stored (`addThreadItem`). Hidden items are stored, not sent. */
export const ThreadItemDoneEventSchema = z.object({ type: z.literal("thread.item.done"), item: ThreadItemSchema });
/** `thread.item.removed`: the item is deleted (`deleteThreadItem`). */
export const ThreadItemRemovedEventSchema = z.object({ type: z.literal("thread.item.removed"), item_id: z.string() });
/** `thread.item.replaced`: the item is replaced in place (`saveItem`). */
export const ThreadItemReplacedEventSchema = z.object({ type: z.literal("thread.item.replaced"), item: ThreadItemSchema });
/** `stream_options`: the first event of every pipeline. */
export const StreamOptionsEventSchema = z.object({ type: z.literal("stream_options"), stream_options: z.object({ allow_cancel: z.boolean() }) });
/** `progress_update`: a transient status line; never stored. */
export const ProgressUpdateEventSchema = z.object({ type: z.literal("progress_update"), icon: opt(IconNameSchema), text: z.string() });
/** `client_effect`: asks the client to run a named effect. */
export const ClientEffectEventSchema = z.object({ type: z.literal("client_effect"), name: z.string(), data: FreeObjectSchema.optional() });
/** `code` is `"stream.error"` or `"custom"` today; upstream says the enum is not closed, so any string passes. */
export const ErrorEventSchema = z.object({
  type: z.literal("error"),
  code: z.string().optional(),
  message: opt(z.string()),
  allow_retry: z.boolean().optional(),
});
/** `notice`: a message shown to the user (markdown). */
export const NoticeEventSchema = z.object({
  type: z.literal("notice"),
  level: z.enum(["info", "warning", "danger"]),
  message: z.string(),
  title: opt(z.string()),
});

/** Every event a streaming request sends, discriminated by `type`. */
export const ThreadStreamEventSchema = z.discriminatedUnion("type", [
  ThreadCreatedEventSchema,
  ThreadUpdatedEventSchema,
  ThreadItemAddedEventSchema,
  ThreadItemUpdatedEventSchema,
  ThreadItemDoneEventSchema,
  ThreadItemRemovedEventSchema,
  ThreadItemReplacedEventSchema,
  StreamOptionsEventSchema,
  ProgressUpdateEventSchema,
  ClientEffectEventSchema,
  ErrorEventSchema,
  NoticeEventSchema,
]);

/** See {@link ThreadCreatedEventSchema}. */
export type ThreadCreatedEvent = { type: "thread.created"; thread: Thread };
/** See {@link ThreadUpdatedEventSchema}. */
export type ThreadUpdatedEvent = { type: "thread.updated"; thread: Thread };
/** See {@link ThreadItemAddedEventSchema}. */
export type ThreadItemAddedEvent = { type: "thread.item.added"; item: ThreadItem };
/** See {@link ThreadItemUpdatedEventSchema}. */
export type ThreadItemUpdatedEvent = { type: "thread.item.updated"; item_id: string; update: ThreadItemUpdate };
/** See {@link ThreadItemDoneEventSchema}. */
export type ThreadItemDoneEvent = { type: "thread.item.done"; item: ThreadItem };
/** See {@link ThreadItemRemovedEventSchema}. */
export type ThreadItemRemovedEvent = z.infer<typeof ThreadItemRemovedEventSchema>;
/** See {@link ThreadItemReplacedEventSchema}. */
export type ThreadItemReplacedEvent = { type: "thread.item.replaced"; item: ThreadItem };
/** See {@link StreamOptionsEventSchema}. */
export type StreamOptionsEvent = z.infer<typeof StreamOptionsEventSchema>;
/** See {@link ProgressUpdateEventSchema}. */
export type ProgressUpdateEvent = z.infer<typeof ProgressUpdateEventSchema>;
/** See {@link ClientEffectEventSchema}. */
export type ClientEffectEvent = z.infer<typeof ClientEffectEventSchema>;
/** `{"type":"error","code":"stream.error"|"custom","message"?,"allow_retry"}` (§4.6). */
export type ErrorEvent = { type: "error"; code?: "stream.error" | "custom" | (string & {}); message?: string | null; allow_retry?: boolean };
/** See {@link NoticeEventSchema}. */
export type NoticeEvent = z.infer<typeof NoticeEventSchema>;

/** Every event a streaming request sends (docs/upstream.md §4.5). */
export type ThreadStreamEvent =
  | ThreadCreatedEvent
  | ThreadUpdatedEvent
  | ThreadItemAddedEvent
  | ThreadItemUpdatedEvent
  | ThreadItemDoneEvent
  | ThreadItemRemovedEvent
  | ThreadItemReplacedEvent
  | StreamOptionsEvent
  | ProgressUpdateEvent
  | ClientEffectEvent
  | ErrorEvent
  | NoticeEvent;

/** The `type` of a stream event. */
export type ThreadStreamEventType = ThreadStreamEvent["type"];
