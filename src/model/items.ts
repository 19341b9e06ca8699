import { z } from "zod";
import { AttachmentSchema } from "./attachment.js";
import { AnyJsonSchema, CreatedAtSchema, FreeObjectSchema, IconNameSchema, opt } from "./common.js";

// ---------------------------------------------------------------- sources (docs/upstream.md §2.5)

const SourceBase = {
  title: z.string(),
  description: opt(z.string()),
  /** A free string, not a datetime. */
  timestamp: opt(z.string()),
  group: opt(z.string()),
};
export const URLSourceSchema = z.object({ type: z.literal("url"), ...SourceBase, url: z.string(), attribution: opt(z.string()) });
export const FileSourceSchema = z.object({ type: z.literal("file"), ...SourceBase, filename: z.string() });
export const EntitySourceSchema = z.object({
  type: z.literal("entity"),
  ...SourceBase,
  id: z.string(),
  icon: opt(IconNameSchema),
  label: opt(z.string()),
  inline_label: opt(z.string()),
  interactive: z.boolean().optional(),
  data: FreeObjectSchema.optional(),
  /** Deprecated and ignored upstream. */
  preview: opt(z.literal("lazy")),
});
export const SourceSchema = z.discriminatedUnion("type", [URLSourceSchema, FileSourceSchema, EntitySourceSchema]);
export type URLSource = z.infer<typeof URLSourceSchema>;
export type FileSource = z.infer<typeof FileSourceSchema>;
export type EntitySource = z.infer<typeof EntitySourceSchema>;
export type Source = z.infer<typeof SourceSchema>;

// ---------------------------------------------------------------- message content (§2.4)

/** `type` may be missing, as for assistant content: it has a default and is no union's discriminator; the wire fills it in. */
export const AnnotationSchema = z.object({ type: z.literal("annotation").optional(), source: SourceSchema, index: opt(z.number().int()) });
export type Annotation = z.infer<typeof AnnotationSchema>;

export const AssistantMessageContentSchema = z.object({
  type: z.literal("output_text").optional(),
  text: z.string(),
  annotations: z.array(AnnotationSchema).optional(),
});
export type AssistantMessageContent = z.infer<typeof AssistantMessageContentSchema>;

export const UserMessageTextContentSchema = z.object({ type: z.literal("input_text"), text: z.string() });
export const UserMessageTagContentSchema = z.object({
  type: z.literal("input_tag"),
  id: z.string(),
  text: z.string(),
  data: FreeObjectSchema,
  group: opt(z.string()),
  interactive: z.boolean().optional(),
});
export const UserMessageContentSchema = z.discriminatedUnion("type", [UserMessageTextContentSchema, UserMessageTagContentSchema]);
export type UserMessageTextContent = z.infer<typeof UserMessageTextContentSchema>;
export type UserMessageTagContent = z.infer<typeof UserMessageTagContentSchema>;
export type UserMessageContent = z.infer<typeof UserMessageContentSchema>;

export const ToolChoiceSchema = z.object({ id: z.string() });
export const InferenceOptionsSchema = z.object({ tool_choice: opt(ToolChoiceSchema), model: opt(z.string()) });
export type ToolChoice = z.infer<typeof ToolChoiceSchema>;
export type InferenceOptions = z.infer<typeof InferenceOptionsSchema>;

// ---------------------------------------------------------------- workflows and tasks (§2.7)

const TaskBase = { status_indicator: z.enum(["none", "loading", "complete"]).optional() };
export const CustomTaskSchema = z.object({ type: z.literal("custom"), ...TaskBase, title: opt(z.string()), icon: opt(IconNameSchema), content: opt(z.string()) });
export const SearchTaskSchema = z.object({
  type: z.literal("web_search"),
  ...TaskBase,
  title: opt(z.string()),
  title_query: opt(z.string()),
  queries: z.array(z.string()).optional(),
  sources: z.array(URLSourceSchema).optional(),
});
export const ThoughtTaskSchema = z.object({ type: z.literal("thought"), ...TaskBase, title: opt(z.string()), content: z.string() });
export const FileTaskSchema = z.object({ type: z.literal("file"), ...TaskBase, title: opt(z.string()), sources: z.array(FileSourceSchema).optional() });
export const ImageTaskSchema = z.object({ type: z.literal("image"), ...TaskBase, title: opt(z.string()) });
export const TaskSchema = z.discriminatedUnion("type", [CustomTaskSchema, SearchTaskSchema, ThoughtTaskSchema, FileTaskSchema, ImageTaskSchema]);
export type CustomTask = z.infer<typeof CustomTaskSchema>;
export type SearchTask = z.infer<typeof SearchTaskSchema>;
export type ThoughtTask = z.infer<typeof ThoughtTaskSchema>;
export type FileTask = z.infer<typeof FileTaskSchema>;
export type ImageTask = z.infer<typeof ImageTaskSchema>;
export type Task = z.infer<typeof TaskSchema>;

/** `{title, icon?}`: undiscriminated upstream; told apart from a duration summary by its keys. */
export const CustomSummarySchema = z.object({ title: z.string(), icon: opt(IconNameSchema) });
/** `{duration}` in seconds. */
export const DurationSummarySchema = z.object({ duration: z.number().int() });
export const WorkflowSummarySchema = z.union([CustomSummarySchema, DurationSummarySchema]);
export type CustomSummary = z.infer<typeof CustomSummarySchema>;
export type DurationSummary = z.infer<typeof DurationSummarySchema>;
export type WorkflowSummary = z.infer<typeof WorkflowSummarySchema>;

export const WorkflowSchema = z.object({
  type: z.enum(["custom", "reasoning"]),
  tasks: z.array(TaskSchema),
  summary: opt(WorkflowSummarySchema),
  expanded: z.boolean().optional(),
});
export type Workflow = z.infer<typeof WorkflowSchema>;

// ---------------------------------------------------------------- structured input (§2.8)

export const StructuredInputAnswerSchema = z.object({ values: z.array(z.string()).optional(), skipped: z.boolean().optional() });
export type StructuredInputAnswer = z.infer<typeof StructuredInputAnswerSchema>;
const StructuredInputBase = { id: z.string(), question: z.string(), answer: opt(StructuredInputAnswerSchema) };
export const MultipleChoiceInputSchema = z.object({
  type: z.literal("multiple_choice"),
  ...StructuredInputBase,
  options: z.array(z.object({ value: z.string() })),
  multiple: z.boolean().optional(),
});
export const FreeformInputSchema = z.object({ type: z.literal("freeform"), ...StructuredInputBase, description: opt(z.string()) });
export const StructuredInputSchema = z.discriminatedUnion("type", [MultipleChoiceInputSchema, FreeformInputSchema]);
export type MultipleChoiceInput = z.infer<typeof MultipleChoiceInputSchema>;
export type FreeformInput = z.infer<typeof FreeformInputSchema>;
export type StructuredInput = z.infer<typeof StructuredInputSchema>;

// ---------------------------------------------------------------- widgets (§2.10)

/**
 * A widget tree. Opaque JSON to every store: only the root's `type` is checked, every other prop
 * (camelCase, unknown, nested) is kept as given.
 */
export const WidgetRootSchema = z.looseObject({ type: z.string() });
export type WidgetRoot = { type: string; [prop: string]: unknown };

export const GeneratedImageSchema = z.object({ id: z.string(), url: z.string() });
export type GeneratedImage = z.infer<typeof GeneratedImageSchema>;

// ---------------------------------------------------------------- items (§2.4)

const ItemBase = { id: z.string().min(1), thread_id: z.string(), created_at: CreatedAtSchema };

export const UserMessageItemSchema = z.object({
  type: z.literal("user_message"),
  ...ItemBase,
  content: z.array(UserMessageContentSchema),
  attachments: z.array(AttachmentSchema).optional(),
  quoted_text: opt(z.string()),
  /** Required upstream (may be `{}`). */
  inference_options: InferenceOptionsSchema,
});
export const AssistantMessageItemSchema = z.object({ type: z.literal("assistant_message"), ...ItemBase, content: z.array(AssistantMessageContentSchema) });
export const ClientToolCallItemSchema = z.object({
  type: z.literal("client_tool_call"),
  ...ItemBase,
  status: z.enum(["pending", "completed"]).optional(),
  call_id: z.string(),
  name: z.string(),
  arguments: FreeObjectSchema,
  output: AnyJsonSchema.optional(),
});
export const WidgetItemSchema = z.object({ type: z.literal("widget"), ...ItemBase, widget: WidgetRootSchema, copy_text: opt(z.string()) });
export const GeneratedImageItemSchema = z.object({ type: z.literal("generated_image"), ...ItemBase, image: opt(GeneratedImageSchema) });
export const StructuredInputItemSchema = z.object({
  type: z.literal("structured_input"),
  ...ItemBase,
  status: z.enum(["pending", "answered", "skipped"]).optional(),
  inputs: z.array(StructuredInputSchema),
});
export const WorkflowItemSchema = z.object({ type: z.literal("workflow"), ...ItemBase, workflow: WorkflowSchema });
export const TaskItemSchema = z.object({ type: z.literal("task"), ...ItemBase, task: TaskSchema });
/** Integration-defined hidden context; `content` is any JSON, `null` included. Never sent to clients. */
export const HiddenContextItemSchema = z.object({ type: z.literal("hidden_context_item"), ...ItemBase, content: z.json() });
/** Written by the SDK (e.g. the cancellation marker). Never sent to clients. */
export const SDKHiddenContextItemSchema = z.object({ type: z.literal("sdk_hidden_context"), ...ItemBase, content: z.string() });
export const EndOfTurnItemSchema = z.object({ type: z.literal("end_of_turn"), ...ItemBase });

/**
 * Every item schema, in the order of docs/upstream.md §2.4: the one list of the item types, which
 * {@link ThreadItemSchema}, {@link ThreadItem} and {@link THREAD_ITEM_TYPES} are derived from.
 */
const ITEM_SCHEMAS = [
  UserMessageItemSchema,
  AssistantMessageItemSchema,
  ClientToolCallItemSchema,
  WidgetItemSchema,
  GeneratedImageItemSchema,
  StructuredInputItemSchema,
  WorkflowItemSchema,
  TaskItemSchema,
  HiddenContextItemSchema,
  SDKHiddenContextItemSchema,
  EndOfTurnItemSchema,
] as const;

/** Every thread item, discriminated by `type` (the variants of docs/upstream.md §2.4, one per schema in `ITEM_SCHEMAS`; C-WIRE). */
export const ThreadItemSchema = z.discriminatedUnion("type", ITEM_SCHEMAS);

export type UserMessageItem = z.infer<typeof UserMessageItemSchema>;
export type AssistantMessageItem = z.infer<typeof AssistantMessageItemSchema>;
export type ClientToolCallItem = z.infer<typeof ClientToolCallItemSchema>;
export type WidgetItem = Omit<z.infer<typeof WidgetItemSchema>, "widget"> & { widget: WidgetRoot };
export type GeneratedImageItem = z.infer<typeof GeneratedImageItemSchema>;
export type StructuredInputItem = z.infer<typeof StructuredInputItemSchema>;
export type WorkflowItem = z.infer<typeof WorkflowItemSchema>;
export type TaskItem = z.infer<typeof TaskItemSchema>;
/** `content` is required (any JSON, `null` included). */
export type HiddenContextItem = Omit<z.infer<typeof HiddenContextItemSchema>, "content"> & { content: unknown };
export type SDKHiddenContextItem = z.infer<typeof SDKHiddenContextItemSchema>;
export type EndOfTurnItem = z.infer<typeof EndOfTurnItemSchema>;

/**
 * Every thread item (C-WIRE): the schema's variants, with the two whose types say more than their
 * schema ({@link WidgetItem}, {@link HiddenContextItem}) as declared above.
 */
export type ThreadItem = Exclude<z.infer<typeof ThreadItemSchema>, { type: "widget" | "hidden_context_item" }> | WidgetItem | HiddenContextItem;

/** The `type` of a thread item. */
export type ThreadItemType = ThreadItem["type"];

/** The `type` literal of each schema of a tuple of item schemas, as a tuple. */
function typesOf<const S extends readonly { readonly shape: { readonly type: { readonly value: string } } }[]>(schemas: S): { readonly [K in keyof S]: S[K]["shape"]["type"]["value"] } {
  return schemas.map((schema) => schema.shape.type.value) as { readonly [K in keyof S]: S[K]["shape"]["type"]["value"] };
}

/** Every `ThreadItemType`, in the order of docs/upstream.md §2.4 (from the item schemas). */
export const THREAD_ITEM_TYPES = typesOf(ITEM_SCHEMAS) satisfies readonly ThreadItemType[];

/** Items that are stored but never sent to clients (docs/upstream.md §2.4). */
export function isHiddenItem(item: { type: string }): boolean {
  return item.type === "hidden_context_item" || item.type === "sdk_hidden_context";
}
