/**
 * The data model of chatkit-node-backend-sdk (1.1.x), declared structurally, and converters from this
 * package's model (what the fixture builders return) to it.
 *
 * Why a second model: this package's default model ({@link ChatKitModel}) is the Python SDK 1.6 model —
 * every item type of docs/upstream.md §2.4, and fields that have a default upstream are optional (a stored record comes back exactly
 * as saved). chatkit-node-backend-sdk's types are an older, narrower port: 8 item types (no
 * `generated_image`, `structured_input` or `sdk_hidden_context`), `status` and `metadata` required on a
 * thread, `attachments`, `status`, `annotations`, `interactive`, `expanded`, `queries` and `sources`
 * required on items and tasks, widget roots that are only `Card` or `ListView`, and attachments with
 * `upload_url`. A store's reads must be assignable to the SDK's `Store` reads, so only a store typed with
 * this model (`new InMemoryStore<Ctx, NodeSdkModel>()`) is an SDK `Store<Ctx>`; its writes then take only
 * SDK-shaped records, which is what keeps its reads honest.
 *
 * Nothing here imports chatkit-node-backend-sdk; test/types/sdk-assignability.test.ts checks that these
 * types and the SDK's are assignable both ways.
 * @packageDocumentation
 */
import { InvalidArgumentError } from "../errors/errors.js";
import { show } from "../errors/render.js";
import type { Attachment } from "../model/attachment.js";
import type { FileSource, InferenceOptions, Source, ThreadItem, URLSource, WorkflowSummary } from "../model/items.js";
import type { ThreadMetadata, ThreadStatus } from "../model/thread.js";
import { parseAttachment, parseThreadItem, parseThreadMetadata } from "../model/validate.js";
import type { ChatKitModel, ModelTypes } from "./Store.js";

// ---------------------------------------------------------------- threads

/** chatkit-node-backend-sdk's `ThreadMetadata`: `status` and `metadata` are required. */
export type NodeSdkThreadMetadata = {
  id: string;
  title?: string | null;
  created_at: string;
  status: ThreadStatus;
  metadata: Record<string, unknown>;
};

// ---------------------------------------------------------------- attachments

type NodeSdkAttachmentBase = {
  id: string;
  name: string;
  mime_type: string;
  /** The SDK's two-phase upload URL (this package's model has `upload_descriptor` instead). */
  upload_url?: string | null;
};
/** chatkit-node-backend-sdk's `FileAttachment`. */
export type NodeSdkFileAttachment = NodeSdkAttachmentBase & { type: "file" };
/** chatkit-node-backend-sdk's `ImageAttachment`. */
export type NodeSdkImageAttachment = NodeSdkAttachmentBase & { type: "image"; preview_url: string };
/** chatkit-node-backend-sdk's `Attachment`. This package's {@link Attachment} is assignable to it. */
export type NodeSdkAttachment = NodeSdkFileAttachment | NodeSdkImageAttachment;

// ---------------------------------------------------------------- items

type NodeSdkItemBase = { id: string; thread_id: string; created_at: string };

/** A user message's content: `interactive` is required on a tag. */
export type NodeSdkUserMessageContent =
  | { type: "input_text"; text: string }
  | { type: "input_tag"; id: string; text: string; data: Record<string, unknown>; interactive: boolean; group?: string | null };
/** `attachments` is required. */
export type NodeSdkUserMessageItem = NodeSdkItemBase & {
  type: "user_message";
  content: NodeSdkUserMessageContent[];
  attachments: NodeSdkAttachment[];
  quoted_text?: string | null;
  inference_options: InferenceOptions;
};
/** `type` is required. */
export type NodeSdkAnnotation = { type: "annotation"; source: Source; index?: number | null };
/** `type` and `annotations` are required. */
export type NodeSdkAssistantMessageContent = { type: "output_text"; text: string; annotations: NodeSdkAnnotation[] };
export type NodeSdkAssistantMessageItem = NodeSdkItemBase & { type: "assistant_message"; content: NodeSdkAssistantMessageContent[] };
/** `status` is required. */
export type NodeSdkClientToolCallItem = NodeSdkItemBase & {
  type: "client_tool_call";
  status: "pending" | "completed";
  call_id: string;
  name: string;
  arguments: Record<string, unknown>;
  output?: unknown;
};
/** A `ListView`'s child. Its other props (`onClickAction`, `gap`, …) are kept by the stores but not typed here. */
export type NodeSdkListViewItem = { type: "ListViewItem"; children: unknown[]; id?: string | null; key?: string | null };
/**
 * chatkit-node-backend-sdk's `WidgetRoot`: a `Card` or a `ListView`, with `children`. Their other props
 * are kept by the stores (widgets are opaque JSON) but not typed here; the SDK's `Card` and `ListView`
 * are assignable to these and back.
 */
export type NodeSdkWidgetRoot =
  | { type: "Card"; children: unknown[]; id?: string | null; key?: string | null }
  | { type: "ListView"; children: NodeSdkListViewItem[]; id?: string | null; key?: string | null };
export type NodeSdkWidgetItem = NodeSdkItemBase & { type: "widget"; widget: NodeSdkWidgetRoot; copy_text?: string | null };

type NodeSdkTaskBase = { status_indicator?: "none" | "loading" | "complete" };
/** A workflow task: `queries` and `sources` are required on a search, `sources` on a file task. */
export type NodeSdkTask =
  | (NodeSdkTaskBase & { type: "custom"; title?: string | null; icon?: string | null; content?: string | null })
  | (NodeSdkTaskBase & { type: "web_search"; title?: string | null; title_query?: string | null; queries: string[]; sources: URLSource[] })
  | (NodeSdkTaskBase & { type: "thought"; title?: string | null; content: string })
  | (NodeSdkTaskBase & { type: "file"; title?: string | null; sources: FileSource[] })
  | (NodeSdkTaskBase & { type: "image"; title?: string | null });
/** `expanded` is required. */
export type NodeSdkWorkflow = { type: "custom" | "reasoning"; tasks: NodeSdkTask[]; summary?: WorkflowSummary | null; expanded: boolean };
export type NodeSdkWorkflowItem = NodeSdkItemBase & { type: "workflow"; workflow: NodeSdkWorkflow };
export type NodeSdkTaskItem = NodeSdkItemBase & { type: "task"; task: NodeSdkTask };
export type NodeSdkHiddenContextItem = NodeSdkItemBase & { type: "hidden_context_item"; content: unknown };
export type NodeSdkEndOfTurnItem = NodeSdkItemBase & { type: "end_of_turn" };

/** chatkit-node-backend-sdk's `ThreadItem`: 8 item types. */
export type NodeSdkThreadItem =
  | NodeSdkUserMessageItem
  | NodeSdkAssistantMessageItem
  | NodeSdkClientToolCallItem
  | NodeSdkWidgetItem
  | NodeSdkWorkflowItem
  | NodeSdkTaskItem
  | NodeSdkHiddenContextItem
  | NodeSdkEndOfTurnItem;
/** The `type` of a {@link NodeSdkThreadItem}. */
export type NodeSdkThreadItemType = NodeSdkThreadItem["type"];
/** The variant of {@link NodeSdkThreadItem} whose `type` is `T`. */
export type NodeSdkItemOf<T extends NodeSdkThreadItemType> = Extract<NodeSdkThreadItem, { type: T }>;

/** The item types chatkit-node-backend-sdk has, in its order. */
export const NODE_SDK_ITEM_TYPES = [
  "user_message",
  "assistant_message",
  "client_tool_call",
  "widget",
  "workflow",
  "task",
  "hidden_context_item",
  "end_of_turn",
] as const satisfies readonly NodeSdkThreadItemType[];

/** Items of this package's model that chatkit-node-backend-sdk has no type for. */
export type NonNodeSdkItemType = Exclude<ThreadItem["type"], NodeSdkThreadItemType>;
/** The items of this package's model that {@link toNodeSdkItem} converts (all but the three it lacks). */
export type NodeSdkConvertibleItem = Exclude<ThreadItem, { type: NonNodeSdkItemType }>;

/**
 * chatkit-node-backend-sdk's data model, for a store that is passed to its `ChatKitServer`:
 * `new InMemoryStore<Ctx, NodeSdkModel>()`, `new PostgresStore<Ctx, NodeSdkModel>(…)`,
 * `createPgMemStore<Ctx, NodeSdkModel>()`.
 */
export interface NodeSdkModel extends ModelTypes {
  thread: NodeSdkThreadMetadata;
  item: NodeSdkThreadItem;
  attachment: NodeSdkAttachment;
}

/** Seed data of a {@link NodeSdkModel} store, as `InMemoryStore.seed` takes it. */
export interface NodeSdkScopeData {
  threads?: NodeSdkThreadMetadata[];
  items?: Record<string, NodeSdkThreadItem[]>;
  attachments?: NodeSdkAttachment[];
}

// ---------------------------------------------------------------- converters

/**
 * A copy of a thread of this package's model, as chatkit-node-backend-sdk requires it: `status` defaults
 * to `{ type: "active" }` and `metadata` to `{}` (their upstream defaults). Other fields are kept as given.
 * @example
 * ```ts
 * await store.saveThread(toNodeSdkThread(makeThread({ id: "thr_1" })), ctx); // store: InMemoryStore<Ctx, NodeSdkModel>
 * ```
 * @throws {ValidationError} when `thread` is not a valid ThreadMetadata
 */
export function toNodeSdkThread(thread: ThreadMetadata): NodeSdkThreadMetadata {
  return convertThread("thread", thread);
}

/**
 * A copy of an attachment of this package's model, typed as chatkit-node-backend-sdk's (every valid
 * attachment already is one: `upload_descriptor`, `thread_id` and `metadata` are kept; `upload_url` is
 * not invented).
 * @throws {ValidationError} when `attachment` is not a valid Attachment
 * @throws {InvalidArgumentError} when it has an `upload_url` that is neither a string nor null
 */
export function toNodeSdkAttachment(attachment: Attachment | NodeSdkAttachment): NodeSdkAttachment {
  return convertAttachment("toNodeSdkAttachment", "attachment", attachment);
}

/**
 * A copy of an item of this package's model, as chatkit-node-backend-sdk requires it. Fields the SDK
 * requires get their upstream defaults when absent: `attachments: []` (user message), `interactive: false`
 * (tag), `type: "output_text"` and `annotations: []` (assistant content), `type: "annotation"`,
 * `status: "pending"` (client tool call), `expanded: false` (workflow), `queries: []` and `sources: []`
 * (search task), `sources: []` (file task). Everything else is kept as given.
 *
 * @typeParam I - the item's variant; the result is the SDK's variant of the same `type`
 * @throws {InvalidArgumentError} for a `generated_image`, `structured_input` or `sdk_hidden_context` item
 *   (the SDK has no such type), or a widget whose root is not a `Card` or `ListView` with `children`
 * @throws {ValidationError} when `item` is not a valid ThreadItem
 * @example
 * ```ts
 * await store.addThreadItem("thr_1", toNodeSdkItem(makeUserMessage({ thread_id: "thr_1" })), ctx);
 * ```
 */
export function toNodeSdkItem<I extends NodeSdkConvertibleItem>(item: I): NodeSdkItemOf<I["type"]> {
  return convertItem("toNodeSdkItem", "item", item) as NodeSdkItemOf<I["type"]>;
}

/**
 * Converts seed data of this package's model (`{ threads?, items?, attachments? }`, what the builders
 * make) for `seed` of a {@link NodeSdkModel} store, with {@link toNodeSdkThread}, {@link toNodeSdkItem}
 * and {@link toNodeSdkAttachment}. Keys absent from `data` stay absent.
 * @example
 * ```ts
 * await store.seed(toNodeSdkData({ threads: [makeThread({ id: "thr_1" })], items: { thr_1: [makeUserMessage({ thread_id: "thr_1" })] } }), ctx);
 * ```
 * @throws {InvalidArgumentError} for data that is not an object, a key that is not an array (or, for
 *   `items`, an object of arrays), or a record {@link toNodeSdkItem} refuses
 */
export function toNodeSdkData(data: {
  threads?: readonly ThreadMetadata[];
  items?: Readonly<Record<string, readonly NodeSdkConvertibleItem[]>>;
  attachments?: readonly (Attachment | NodeSdkAttachment)[];
}): NodeSdkScopeData {
  const method = "toNodeSdkData";
  if (data === null || typeof data !== "object" || Array.isArray(data)) throw new InvalidArgumentError(method, "data", `must be an object, got ${show(data)}`);
  const out: NodeSdkScopeData = {};
  if (Object.hasOwn(data, "threads") && data.threads !== undefined) {
    out.threads = list(method, "data.threads", data.threads).map((t, i) => convertThread(`data.threads[${i}]`, t));
  }
  if (Object.hasOwn(data, "items") && data.items !== undefined) {
    const items = data.items as unknown;
    if (items === null || typeof items !== "object" || Array.isArray(items)) {
      throw new InvalidArgumentError(method, "data.items", `must be an object of item arrays keyed by thread id, got ${show(items)}`);
    }
    const byThread: Record<string, NodeSdkThreadItem[]> = {};
    for (const threadId of Object.keys(items)) {
      const at = `data.items[${JSON.stringify(threadId)}]`;
      const converted = list(method, at, (items as Record<string, unknown>)[threadId]).map((item, i) => convertItem(method, `${at}[${i}]`, item));
      Object.defineProperty(byThread, threadId, { value: converted, enumerable: true, writable: true, configurable: true });
    }
    out.items = byThread;
  }
  if (Object.hasOwn(data, "attachments") && data.attachments !== undefined) {
    out.attachments = list(method, "data.attachments", data.attachments).map((a, i) => convertAttachment(method, `data.attachments[${i}]`, a));
  }
  return out;
}

// ---------------------------------------------------------------- internals

type Obj = Record<string, unknown>;

function list(method: string, at: string, value: unknown): unknown[] {
  if (!Array.isArray(value)) throw new InvalidArgumentError(method, at, `must be an array, got ${show(value)}`);
  return value;
}

/** Validates against this package's model, then fills in `status` and `metadata`. */
function convertThread(at: string, thread: unknown): NodeSdkThreadMetadata {
  const copy = parseThreadMetadata(thread, at) as Obj;
  copy.status ??= { type: "active" };
  copy.metadata ??= {};
  return copy as NodeSdkThreadMetadata;
}

/** Validates against this package's model, and `upload_url` as the SDK types it. */
function convertAttachment(method: string, at: string, attachment: unknown): NodeSdkAttachment {
  const copy = parseAttachment(attachment, at) as Obj;
  const url = copy.upload_url;
  if (url !== undefined && url !== null && typeof url !== "string") {
    throw new InvalidArgumentError(method, `${at}.upload_url`, `must be a string or null (chatkit-node-backend-sdk), got ${show(url)}`);
  }
  return copy as NodeSdkAttachment;
}

const NON_NODE_SDK_TYPES: ReadonlySet<string> = new Set<NonNodeSdkItemType>(["generated_image", "structured_input", "sdk_hidden_context"]);

/** Validates against this package's model, then fills in the defaults the SDK's types require. */
function convertItem(method: string, at: string, item: unknown): NodeSdkThreadItem {
  const type = item !== null && typeof item === "object" ? (item as Obj).type : undefined;
  if (typeof type === "string" && NON_NODE_SDK_TYPES.has(type)) {
    throw new InvalidArgumentError(
      method,
      `${at}.type`,
      `must be one of chatkit-node-backend-sdk's item types (${NODE_SDK_ITEM_TYPES.join(", ")}), got ${show(type)}: the SDK has no such item`,
    );
  }
  const copy = parseThreadItem(item, at) as Obj;
  switch (copy.type) {
    case "user_message":
      copy.attachments ??= [];
      for (const part of copy.content as Obj[]) if (part.type === "input_tag") part.interactive ??= false;
      break;
    case "assistant_message":
      for (const part of copy.content as Obj[]) {
        part.type ??= "output_text";
        part.annotations ??= [];
        for (const annotation of part.annotations as Obj[]) annotation.type ??= "annotation";
      }
      break;
    case "client_tool_call":
      copy.status ??= "pending";
      break;
    case "widget":
      checkWidgetRoot(method, `${at}.widget`, copy.widget as Obj);
      break;
    case "workflow": {
      const workflow = copy.workflow as Obj;
      workflow.expanded ??= false;
      for (const task of workflow.tasks as Obj[]) fillTask(task);
      break;
    }
    case "task":
      fillTask(copy.task as Obj);
      break;
  }
  return copy as NodeSdkThreadItem;
}

function fillTask(task: Obj): void {
  if (task.type === "web_search") {
    task.queries ??= [];
    task.sources ??= [];
  } else if (task.type === "file") {
    task.sources ??= [];
  }
}

function checkWidgetRoot(method: string, at: string, root: Obj): void {
  if (root.type !== "Card" && root.type !== "ListView") {
    throw new InvalidArgumentError(method, `${at}.type`, `must be "Card" or "ListView" (chatkit-node-backend-sdk's WidgetRoot), got ${show(root.type)}`);
  }
  const children = list(method, `${at}.children`, root.children);
  if (root.type === "ListView") {
    children.forEach((child, i) => {
      const c = child as Obj | null;
      if (c === null || typeof c !== "object" || c.type !== "ListViewItem" || !Array.isArray(c.children)) {
        throw new InvalidArgumentError(method, `${at}.children[${i}]`, `must be a ListViewItem with children, got ${show(child)}`);
      }
    });
  }
}
