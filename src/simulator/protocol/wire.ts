/**
 * Server output: how the simulator turns stored values into the JSON a ChatKit server sends
 * (docs/upstream.md §2.1, upstream `ChatKitServer._serialize`).
 *
 * - Model fields whose value is `null` are omitted (`exclude_none`); nulls **inside** free-form values
 *   (`arguments`, `output`, hidden `content`, `data` of tags, entity sources and client effects) are kept.
 * - Fields with a non-null default upstream are filled in when the stored value lacks them (`status`,
 *   `attachments: []`, `annotations: []`, …), as a pydantic model would emit them.
 * - Attachments lose `metadata`; threads are sent as `_to_thread_response` builds them: `metadata` is
 *   always `{}` and hidden items are dropped from `items.data`.
 * - Widget trees drop nulls recursively. Unknown extra keys are kept (their nulls dropped): the simulator
 *   forwards what the store holds rather than re-validating it.
 * @internal
 */
import { cloneJson } from "../../model/json.js";
import { isHiddenItem } from "../../model/items.js";

type Obj = Record<string, unknown>;
type Field = (value: unknown) => unknown;

interface Spec {
  /** Keys with their own serializer (free-form or nested models). */
  readonly fields?: Readonly<Record<string, Field>>;
  /** Upstream defaults that are not null, added when missing. */
  readonly defaults?: Readonly<Obj>;
  /** Keys never sent. */
  readonly omit?: readonly string[];
}

function isObj(value: unknown): value is Obj {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** Model semantics all the way down: null fields dropped at every depth. */
export function dropNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(dropNulls);
  if (isObj(value)) {
    const out: Obj = {};
    for (const k of Object.keys(value)) {
      const v = value[k];
      if (v === null || v === undefined) continue;
      define(out, k, dropNulls(v));
    }
    return out;
  }
  return value;
}

/** A free-form value: sent exactly as stored, nulls included. */
const free: Field = (value) => cloneJson(value);

function define(out: Obj, key: string, value: unknown): void {
  Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
}

function model(value: unknown, spec: Spec = {}): Obj {
  const src = isObj(value) ? value : {};
  const out: Obj = {};
  for (const k of Object.keys(src)) {
    const v = src[k];
    if (v === null || v === undefined || spec.omit?.includes(k)) continue;
    const f = spec.fields?.[k];
    define(out, k, f ? f(v) : dropNulls(v));
  }
  for (const [k, d] of Object.entries(spec.defaults ?? {})) if (!(k in out)) define(out, k, cloneJson(d));
  return out;
}

const list = (f: Field): Field => (value) => (Array.isArray(value) ? value.map(f) : dropNulls(value));

/** `https://Example.com` → `https://example.com/`, as pydantic's `AnyUrl` normalises. */
function url(value: unknown): unknown {
  if (typeof value !== "string" || !URL.canParse(value)) return value;
  return new URL(value).href;
}

// ---------------------------------------------------------------- parts

const source: Field = (s) =>
  isObj(s) && s.type === "entity" ? model(s, { fields: { data: free }, defaults: { interactive: false, data: {} } }) : model(s);
const annotation: Field = (a) => model(a, { fields: { source }, defaults: { type: "annotation" } });
const assistantContent: Field = (c) => model(c, { fields: { annotations: list(annotation) }, defaults: { annotations: [], type: "output_text" } });
const userContent: Field = (c) => (isObj(c) && c.type === "input_tag" ? model(c, { fields: { data: free }, defaults: { interactive: false } }) : model(c));
const task: Field = (t) => {
  const type = isObj(t) ? t.type : undefined;
  const defaults: Obj = { status_indicator: "none" };
  if (type === "web_search") Object.assign(defaults, { queries: [], sources: [] });
  if (type === "file") defaults.sources = [];
  return model(t, { fields: { sources: list(source) }, defaults });
};
const workflow: Field = (w) => model(w, { fields: { tasks: list(task) }, defaults: { expanded: false } });
const answer: Field = (a) => model(a, { defaults: { values: [], skipped: false } });
const structuredInput: Field = (i) =>
  model(i, { fields: { answer }, defaults: isObj(i) && i.type === "multiple_choice" ? { multiple: false } : {} });
const uploadDescriptor: Field = (d) => model(d, { fields: { url, headers: free }, defaults: { headers: {} } });

/** An attachment as the server sends it: no `metadata`, URLs normalised, nulls omitted. */
export const wireAttachment = (a: unknown): Obj => model(a, { omit: ["metadata"], fields: { upload_descriptor: uploadDescriptor, preview_url: url } });
const inferenceOptions: Field = (o) => model(o);

/** An item as the server sends it (any item type). Hidden items are not filtered here. */
export function wireItem(item: unknown): Obj {
  const type = isObj(item) ? item.type : undefined;
  switch (type) {
    case "user_message":
      return model(item, {
        fields: { content: list(userContent), attachments: list(wireAttachment), inference_options: inferenceOptions },
        defaults: { attachments: [], inference_options: {} },
      });
    case "assistant_message":
      return model(item, { fields: { content: list(assistantContent) } });
    case "client_tool_call":
      return model(item, { fields: { arguments: free, output: free }, defaults: { status: "pending" } });
    case "structured_input":
      return model(item, { fields: { inputs: list(structuredInput) }, defaults: { status: "pending" } });
    case "workflow":
      return model(item, { fields: { workflow } });
    case "task":
      return model(item, { fields: { task } });
    case "hidden_context_item":
      return model(item, { fields: { content: free } });
    default:
      return model(item);
  }
}

/** A page as the server sends it: `after` omitted when null. */
export function wirePage<T>(page: { data: readonly T[]; has_more: boolean; after?: string | null }, row: (value: T) => Obj): Obj {
  const out: Obj = { data: page.data.map(row), has_more: page.has_more };
  if (page.after !== null && page.after !== undefined) out.after = page.after;
  return out;
}

/** A page of items with the hidden ones removed after paging (upstream `items.list`, `_to_thread_response`). */
export function wireVisibleItems(page: { data: readonly unknown[]; has_more: boolean; after?: string | null }): Obj {
  return wirePage({ ...page, data: page.data.filter((i) => !(isObj(i) && isHiddenItem(i as { type: string }))) }, wireItem);
}

/**
 * A thread as `_to_thread_response` builds it: only `id`, `title`, `created_at`, `status`,
 * `allowed_image_domains` and `items` are copied (hidden items dropped), and `metadata` is `{}`.
 * @param thread - thread metadata, or a `Thread` whose `items` page is sent
 */
export function wireThread(thread: unknown): Obj {
  const t = isObj(thread) ? thread : {};
  const out: Obj = {};
  if (t.title !== null && t.title !== undefined) out.title = t.title; // field order of upstream's ThreadMetadata
  out.id = t.id;
  out.created_at = t.created_at;
  out.status = isObj(t.status) ? model(t.status) : { type: "active" };
  if (t.allowed_image_domains !== null && t.allowed_image_domains !== undefined) out.allowed_image_domains = cloneJson(t.allowed_image_domains);
  out.metadata = {};
  out.items = isObj(t.items) && Array.isArray(t.items.data) ? wireVisibleItems(t.items as { data: unknown[]; has_more: boolean }) : { data: [], has_more: false };
  return out;
}

function wireUpdate(update: unknown): Obj {
  const type = isObj(update) ? update.type : undefined;
  switch (type) {
    case "assistant_message.content_part.added":
    case "assistant_message.content_part.done":
      return model(update, { fields: { content: assistantContent } });
    case "assistant_message.content_part.annotation_added":
      return model(update, { fields: { annotation } });
    case "workflow.task.added":
    case "workflow.task.updated":
      return model(update, { fields: { task } });
    default:
      return model(update);
  }
}

/** An event as the server sends it. */
export function wireEvent(event: unknown): Obj {
  const type = isObj(event) ? event.type : undefined;
  switch (type) {
    case "thread.created":
    case "thread.updated":
      return { type, thread: wireThread((event as Obj).thread) };
    case "thread.item.added":
    case "thread.item.done":
    case "thread.item.replaced":
      return model(event, { fields: { item: wireItem } });
    case "thread.item.updated":
      return model(event, { fields: { update: wireUpdate } });
    case "client_effect":
      return model(event, { fields: { data: free }, defaults: { data: {} } });
    case "error":
      return model(event, { defaults: { code: "custom", allow_retry: false } });
    default:
      return model(event);
  }
}
