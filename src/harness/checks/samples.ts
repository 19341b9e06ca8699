/**
 * One sample of every thread, item and attachment variant, with every optional field set in one sample
 * and absent in another (and `null` in a third where the model allows it), for the round-trip checks
 * (C-ROUNDTRIP). Every sample passes the strict model. The project's own tests use this set too, and
 * `test/harness/samples.test.ts` asserts what it covers (every item type, every optional field of every
 * schema set and absent, every `created_at` form), so a new type or field cannot be forgotten here.
 * @internal
 */
import type { Attachment } from "../../model/attachment.js";
import type { ThreadItem } from "../../model/items.js";
import type { JsonValue } from "../../model/json.js";
import type { ThreadMetadata } from "../../model/thread.js";

/** `created_at` forms a store must accept and keep exactly: naive, `Z`, `±HH:MM` (up to +14:00, and -00:00), 0–6 fractional digits. */
export const TIMESTAMP_FORMS = [
  "2026-01-02T03:04:05",
  "2026-01-02T03:04:05Z",
  "2026-01-02T03:04:05+02:00",
  "2026-01-02T03:04:05.1",
  "2026-01-02T03:04:05.12Z",
  "2026-01-02T03:04:05.123+02:00",
  "2026-01-02T03:04:05.123-05:30",
  "2026-01-02T03:04:05.1234-05:30",
  "2026-01-02T03:04:05.1234+00:00",
  "2026-01-02T03:04:05.12345Z",
  "2026-01-02T03:04:05.123456",
  "2026-01-02T03:04:05.000001+00:00",
  "2026-01-02T03:04:05.000000+14:00",
  "2026-01-02T03:04:05-00:00",
] as const;

/**
 * A JSON object parsed from text: the one way to build keys such as `"__proto__"` as own data keys (an
 * object literal's `__proto__:` sets the prototype instead).
 */
function jsonObject(text: string): Record<string, JsonValue> {
  return JSON.parse(text) as Record<string, JsonValue>;
}

export function sampleThreads(): ThreadMetadata[] {
  return [
    { id: "thr_min", created_at: "2026-01-02T03:04:05" },
    { id: "thr_full", created_at: "2026-01-02T03:04:05.123456Z", title: "Ünïcødé 🧵 title", status: { type: "active" }, allowed_image_domains: ["example.com", "cdn.example.org"], metadata: { nested: { deep: [1, "two", null, { three: true, four: [[[]]] }] }, "key with space": "v", emoji: "😀", n: -0.5e-7 } },
    { id: "thr_locked", created_at: "2026-01-02T03:04:05.1+02:00", title: null, status: { type: "locked", reason: "moderation" }, allowed_image_domains: null, metadata: {} },
    { id: "thr_locked_noreason", created_at: "2026-01-02T03:04:05Z", status: { type: "locked" }, allowed_image_domains: [] },
    { id: "thr_closed", created_at: "2026-01-02T03:04:05.000001-05:30", status: { type: "closed", reason: null } },
    { id: "thr_closed2", created_at: "2026-01-02T03:04:05.12", status: { type: "closed", reason: "done" } },
    { id: "thr_far_offset", created_at: "2026-01-02T03:04:05.000000+14:00", title: "", metadata: { "": "empty key", "a.b": "dotted" } },
    // A field this model does not know (a newer or older SDK's): stores keep whatever JSON they are given.
    { id: "thr_extra_field", created_at: "2026-01-02T03:04:05Z", status: { type: "active" }, metadata: {}, ...{ x_sdk_field: { kept: [1, "two"] } } },
    // Keys that name properties of every JavaScript object, as own data keys (a copy by assignment turns
    // `__proto__` into the prototype and loses it), an array index as a key, and the same nested. The
    // `constructor` values are primitives: vitest's toStrictEqual compares `a.constructor === b.constructor`,
    // so an object there would make every copy of this sample look different to the project's own tests.
    {
      id: "thr_proto_keys",
      created_at: "2026-01-02T03:04:05-00:00",
      status: { type: "active" },
      metadata: jsonObject(
        '{"__proto__": {"polluted": true, "list": [1]}, "constructor": "not a class", "0": "zero", "toString": "not a function", "hasOwnProperty": null, "nested": [null, {"": "", "__proto__": {"deep": ["x"]}, "constructor": 0}]}',
      ),
    },
  ];
}

export function sampleAttachments(threadId = "thr_x"): Attachment[] {
  return [
    { type: "file", id: "atc_file_min", name: "notes.txt", mime_type: "text/plain" },
    // chatkit-node-backend-sdk's older shape: `upload_url` instead of `upload_descriptor`.
    { type: "file", id: "atc_file_upload_url", name: "old.txt", mime_type: "text/plain", ...{ upload_url: "https://uploads.example.com/old" } },
    {
      type: "file",
      id: "atc_file_full",
      name: "报告 report.pdf",
      mime_type: "application/pdf",
      upload_descriptor: { url: "https://uploads.example.com/atc_file_full?sig=a%2Fb", method: "PUT", headers: { "x-amz-acl": "private" } },
      thread_id: threadId,
      metadata: { source: "test", tags: ["a", "b"], nested: { n: 1.5 } },
    },
    { type: "image", id: "atc_img_min", name: "cat.png", mime_type: "image/png", preview_url: "https://cdn.example.com/cat.png" },
    {
      type: "image",
      id: "atc_img_full",
      name: "dog.jpg",
      mime_type: "image/jpeg",
      preview_url: "data:image/png;base64,iVBORw0KGgo=",
      upload_descriptor: { url: "https://uploads.example.com/post", method: "POST", headers: {} },
      thread_id: null,
      metadata: null,
    },
    { type: "file", id: "atc_file_nulls", name: "n.bin", mime_type: "application/octet-stream", upload_descriptor: null, thread_id: null, metadata: null },
    { type: "image", id: "atc_img_used", name: "used.webp", mime_type: "image/webp", preview_url: "https://cdn.example.com/used.webp", upload_descriptor: null, thread_id: threadId, metadata: { width: 640, tags: [] } },
    { type: "image", id: "atc_img_descriptor_no_headers", name: "x.gif", mime_type: "image/gif", preview_url: "https://x.example/x.gif", upload_descriptor: { url: "https://u.example/x", method: "PUT" } },
    // Numbers JSON writes in exponent form or that a fixed-point column rounds, and URLs with `&` and `'`
    // (an HTML-escaping or SQL-quoting layer changes them).
    {
      type: "image",
      id: "atc_img_numbers",
      name: "it's & more.png",
      mime_type: "image/png",
      preview_url: "https://cdn.example.com/p.png?w=1&h=2&name='x'",
      upload_descriptor: { url: "https://uploads.example.com/up?a=1&b='two'&c=%27", method: "PUT", headers: { "x-note": "a & b's" } },
      thread_id: threadId,
      metadata: { big: 1e21, small: 1.5e-7, negative: -0.1, list: [1e21, -1e21, 1.5e-7, -0.1, 0.1 + 0.2] },
    },
  ];
}

export function sampleItems(threadId: string): ThreadItem[] {
  const base = (id: string, i: number) => ({ id, thread_id: threadId, created_at: TIMESTAMP_FORMS[i % TIMESTAMP_FORMS.length]! as string });
  const url = { type: "url" as const, title: "Docs", url: "https://example.com/docs", description: null, timestamp: "yesterday", group: "web", attribution: "Example" };
  const file = { type: "file" as const, title: "File", filename: "a.txt" };
  const entity = { type: "entity" as const, title: "Ent", id: "ent_1", icon: "book-open", label: "L", inline_label: "IL", interactive: true, data: { k: [1, 2] }, preview: "lazy" as const };
  return [
    { type: "user_message", ...base("msg_user_min", 0), content: [{ type: "input_text", text: "hi" }], inference_options: {} },
    { type: "end_of_turn", ...base("msg_extra_field", 2), ...{ x_sdk_field: "kept", x_nested: { a: [null, 1] } } },
    {
      type: "user_message",
      ...base("msg_user_full", 1),
      content: [
        { type: "input_text", text: "שלום 👋 e\u0301 \u2028" },
        { type: "input_tag", id: "tag_1", text: "@alice", data: { user: "alice" }, group: "people", interactive: true },
        { type: "input_tag", id: "tag_2", text: "@bob", data: {} },
      ],
      attachments: sampleAttachments(threadId),
      quoted_text: "quoted",
      inference_options: { tool_choice: { id: "search" }, model: "gpt-x" },
    },
    { type: "user_message", ...base("msg_user_nulls", 3), content: [], quoted_text: null, inference_options: { tool_choice: null, model: null }, attachments: [] },
    { type: "assistant_message", ...base("msg_asst_empty", 2), content: [] },
    {
      type: "assistant_message",
      ...base("msg_asst_full", 3),
      content: [
        { type: "output_text", text: "A".repeat(20_000), annotations: [{ type: "annotation", source: url, index: 3 }, { type: "annotation", source: file }, { type: "annotation", source: entity, index: null }] },
        // `type` and `annotations` are optional in the model (the wire fills them in): a store keeps them absent.
        { text: "no type, no annotations" },
      ],
    },
    { type: "client_tool_call", ...base("tc_pending", 4), status: "pending", call_id: "call_1", name: "get_weather", arguments: { city: "Zürich", units: ["c"] } },
    { type: "client_tool_call", ...base("tc_done", 5), status: "completed", call_id: "call_2", name: "noop", arguments: {}, output: { ok: true, value: [1, null, "x"] } },
    { type: "client_tool_call", ...base("tc_no_status", 6), call_id: "call_3", name: "n", arguments: { a: { b: { c: {} } } }, output: null },
    {
      type: "widget",
      ...base("msg_widget", 6),
      widget: { type: "Card", key: "k", size: "md", asForm: true, children: [{ type: "Text", value: "Hello", unknownProp: { deep: [1] } }, { type: "Row", children: [] }], onClickAction: { type: "do", payload: null, loadingBehavior: "auto" } },
      copy_text: "Hello",
    },
    { type: "widget", ...base("msg_widget_min", 7), widget: { type: "ListView", children: [] } },
    { type: "widget", ...base("msg_widget_copy_null", 9), widget: { type: "ListView", children: [] }, copy_text: null },
    { type: "generated_image", ...base("msg_img", 8), image: { id: "img_1", url: "https://cdn.example.com/img.png" } },
    { type: "generated_image", ...base("msg_img_pending", 0), image: null },
    { type: "generated_image", ...base("msg_img_absent", 10) },
    {
      type: "structured_input",
      ...base("msg_si", 1),
      status: "answered",
      inputs: [
        { type: "multiple_choice", id: "q1", question: "Pick", options: [{ value: "a" }, { value: "b" }], multiple: true, answer: { values: ["a", "b"], skipped: false } },
        { type: "freeform", id: "q2", question: "Why?", description: "explain", answer: { skipped: true } },
        { type: "freeform", id: "q3", question: "Unanswered" },
        { type: "freeform", id: "q4", question: "Nulls", answer: null, description: null },
      ],
    },
    { type: "structured_input", ...base("msg_si_min", 11), inputs: [] },
    {
      type: "workflow",
      ...base("wf_1", 2),
      workflow: {
        type: "reasoning",
        expanded: true,
        summary: { duration: 12 },
        tasks: [
          { type: "custom", title: "Custom", icon: "sparkle", content: "c", status_indicator: "complete" },
          { type: "web_search", title_query: "q", queries: ["a", "b"], sources: [url] },
          { type: "thought", content: "thinking…" },
          { type: "file", sources: [file] },
          { type: "image", title: "img", status_indicator: "loading" },
        ],
      },
    },
    { type: "workflow", ...base("wf_2", 3), workflow: { type: "custom", tasks: [], summary: { title: "Done", icon: "check" } } },
    { type: "workflow", ...base("wf_3", 12), workflow: { type: "custom", tasks: [], summary: null } },
    { type: "task", ...base("tsk_1", 4), task: { type: "thought", content: "a single task" } },
    { type: "task", ...base("tsk_2", 9), task: { type: "custom" } },
    { type: "hidden_context_item", ...base("hcx_null", 5), content: null },
    { type: "hidden_context_item", ...base("hcx_number", 6), content: 42 },
    { type: "hidden_context_item", ...base("hcx_string", 10), content: "" },
    { type: "hidden_context_item", ...base("hcx_object", 7), content: { a: null, list: [{ b: [true, false] }], text: "\"quotes\" and \\backslash" } },
    { type: "sdk_hidden_context", ...base("shcx_1", 8), content: "The user cancelled the stream. Stop responding to the prior request." },
    { type: "end_of_turn", ...base("eot_1", 0) },
  ];
}

/** Ids a caller may supply: not generated, odd, long (C-ID, C-ROUNDTRIP). */
export const ODD_IDS = [
  "assistant-message-pending",
  "msg_68f0c5d2a7e08190a7b3c4d5e6f708090a1b2c3d",
  "widget_1",
  "100%_done:*",
  "it's \"quoted\" \\ back",
  "Ünïcødé-🧵",
  "SELECT * FROM threads; --",
  " leading and trailing ",
] as const;
