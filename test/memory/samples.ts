/**
 * Test data for the InMemoryStore and model tests: one sample of every thread, item and attachment
 * variant, each optional field set in one sample and absent in another. Every sample is valid in the
 * strict model (test/model/validate.test.ts proves it), so the same data serves strict and default stores.
 */
import type { Attachment, ThreadItem, ThreadMetadata } from "chatkit-testkit";

/** `created_at` forms a store must keep exactly (C-ROUNDTRIP): naive, `Z`, `±HH:MM`, 0–6 fractional digits. */
export const CREATED_AT_FORMS = [
  "2026-01-02T03:04:05",
  "2026-01-02T03:04:05Z",
  "2026-01-02T03:04:05+02:00",
  "2026-01-02T03:04:05.1",
  "2026-01-02T03:04:05.12Z",
  "2026-01-02T03:04:05.123-05:30",
  "2026-01-02T03:04:05.1234+00:00",
  "2026-01-02T03:04:05.12345Z",
  "2026-01-02T03:04:05.123456",
  "2026-01-02T03:04:05.000000+14:00",
] as const;

/** Ids a caller may supply: not generated, odd, long (C-ID: any string id round-trips). */
export const ODD_IDS = [
  "assistant-message-pending",
  "msg_68f0c5d2a7e08190a7b3c4d5e6f708090a1b2c3d",
  "100%_done:*",
  `it's "quoted" \\ back`,
  "Ünïcødé-🧵",
  "e\u0301", // "é" decomposed: a different id from the precomposed "é"
  "é",
  "SELECT * FROM threads; --",
  " leading and trailing ",
] as const;

const at = (i: number) => CREATED_AT_FORMS[i % CREATED_AT_FORMS.length]!;

export function sampleThreads(): ThreadMetadata[] {
  return [
    { id: "thr_min", created_at: at(0) },
    {
      id: "thr_full",
      created_at: at(8),
      title: "Ünïcødé 🧵 title",
      status: { type: "active" },
      allowed_image_domains: ["example.com", "cdn.example.org"],
      metadata: { nested: { deep: [1, "two", null, { three: true, four: [[[]]] }] }, "key with space": "v", emoji: "😀", n: -0.5e-7 },
    },
    { id: "thr_locked", created_at: at(3), title: null, status: { type: "locked", reason: "moderation" }, allowed_image_domains: null, metadata: {} },
    { id: "thr_locked_no_reason", created_at: at(1), status: { type: "locked" }, allowed_image_domains: [] },
    { id: "thr_closed", created_at: at(5), status: { type: "closed", reason: null } },
    { id: "thr_closed_reason", created_at: at(4), status: { type: "closed", reason: "done" } },
  ];
}

export function sampleAttachments(threadId = "thr_x"): Attachment[] {
  return [
    { type: "file", id: "atc_file_min", name: "notes.txt", mime_type: "text/plain" },
    {
      type: "file",
      id: "atc_file_full",
      name: "报告 report.pdf",
      mime_type: "application/pdf",
      upload_descriptor: { url: "https://uploads.example.com/atc?sig=a%2Fb", method: "PUT", headers: { "x-amz-acl": "private" } },
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
    { type: "image", id: "atc_img_descriptor_no_headers", name: "x.gif", mime_type: "image/gif", preview_url: "https://x.example/x.gif", upload_descriptor: { url: "https://u.example/x", method: "PUT" } },
  ];
}

/** One item per variant, optional fields set and absent; `created_at` cycles through every form. */
export function sampleItems(threadId: string): ThreadItem[] {
  let n = 0;
  const base = (id: string) => ({ id, thread_id: threadId, created_at: at(n++) });
  const url = { type: "url", title: "Docs", url: "https://example.com/docs", description: null, timestamp: "yesterday", group: "web", attribution: "Example" } as const;
  const file = { type: "file", title: "File", filename: "a.txt" } as const;
  const entity = { type: "entity", title: "Ent", id: "ent_1", icon: "book-open", label: "L", inline_label: "IL", interactive: true, data: { k: [1, 2] }, preview: "lazy" } as const;
  return [
    { type: "user_message", ...base("msg_user_min"), content: [{ type: "input_text", text: "hi" }], inference_options: {} },
    {
      type: "user_message",
      ...base("msg_user_full"),
      content: [
        { type: "input_text", text: "שלום 👋 e\u0301 \u0000 \u2028" },
        { type: "input_tag", id: "tag_1", text: "@alice", data: { user: "alice" }, group: "people", interactive: true },
        { type: "input_tag", id: "tag_2", text: "@bob", data: {} },
      ],
      attachments: sampleAttachments(threadId),
      quoted_text: "quoted",
      inference_options: { tool_choice: { id: "search" }, model: "gpt-x" },
    },
    { type: "user_message", ...base("msg_user_nulls"), content: [], quoted_text: null, inference_options: { tool_choice: null, model: null }, attachments: [] },
    { type: "assistant_message", ...base("msg_asst_empty"), content: [] },
    {
      type: "assistant_message",
      ...base("msg_asst_full"),
      content: [
        { type: "output_text", text: "A".repeat(50_000), annotations: [{ type: "annotation", source: url, index: 3 }, { type: "annotation", source: file }, { type: "annotation", source: entity, index: null }] },
        { text: "no type, no annotations" },
      ],
    },
    { type: "client_tool_call", ...base("tc_pending"), status: "pending", call_id: "call_1", name: "get_weather", arguments: { city: "Zürich", units: ["c"] } },
    { type: "client_tool_call", ...base("tc_done"), status: "completed", call_id: "call_2", name: "noop", arguments: {}, output: { ok: true, value: [1, null, "x"] } },
    { type: "client_tool_call", ...base("tc_no_status"), call_id: "call_3", name: "n", arguments: { a: { b: { c: {} } } }, output: null },
    {
      type: "widget",
      ...base("msg_widget"),
      widget: { type: "Card", key: "k", size: "md", asForm: true, children: [{ type: "Text", value: "Hello", unknownProp: { deep: [1] } }, { type: "Row", children: [] }], onClickAction: { type: "do", payload: null, loadingBehavior: "auto" } },
      copy_text: "Hello",
    },
    { type: "widget", ...base("msg_widget_min"), widget: { type: "ListView", children: [] }, copy_text: null },
    { type: "generated_image", ...base("msg_img"), image: { id: "img_1", url: "https://cdn.example.com/img.png" } },
    { type: "generated_image", ...base("msg_img_pending"), image: null },
    { type: "generated_image", ...base("msg_img_absent") },
    {
      type: "structured_input",
      ...base("msg_si"),
      status: "answered",
      inputs: [
        { type: "multiple_choice", id: "q1", question: "Pick", options: [{ value: "a" }, { value: "b" }], multiple: true, answer: { values: ["a", "b"], skipped: false } },
        { type: "freeform", id: "q2", question: "Why?", description: "explain", answer: { skipped: true } },
        { type: "freeform", id: "q3", question: "Unanswered", answer: null, description: null },
      ],
    },
    { type: "structured_input", ...base("msg_si_min"), inputs: [] },
    {
      type: "workflow",
      ...base("wf_1"),
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
    { type: "workflow", ...base("wf_2"), workflow: { type: "custom", tasks: [], summary: { title: "Done", icon: "check" } } },
    { type: "workflow", ...base("wf_3"), workflow: { type: "custom", tasks: [], summary: null } },
    { type: "task", ...base("tsk_1"), task: { type: "thought", content: "a single task" } },
    { type: "task", ...base("tsk_2"), task: { type: "custom" } },
    { type: "hidden_context_item", ...base("hcx_null"), content: null },
    { type: "hidden_context_item", ...base("hcx_number"), content: 42 },
    { type: "hidden_context_item", ...base("hcx_string"), content: "" },
    { type: "hidden_context_item", ...base("hcx_object"), content: { a: null, list: [{ b: [true, false] }], text: `"quotes" and \\backslash` } },
    { type: "sdk_hidden_context", ...base("shcx_1"), content: "The user cancelled the stream. Stop responding to the prior request." },
    { type: "end_of_turn", ...base("eot_1") },
  ];
}

/** Every item `type` the samples cover; the tests assert it is all 11 (C-WIRE). */
export const SAMPLE_ITEM_TYPES = [...new Set(sampleItems("thr_x").map((i) => i.type))];
