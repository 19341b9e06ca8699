import { describe, expect, it } from "vitest";
import {
  THREAD_ITEM_TYPES,
  ValidationError,
  parseAttachment,
  parseAttachmentCreateParams,
  parseThread,
  parseThreadItem,
  parseThreadMetadata,
} from "chatkit-testkit";
import { sampleAttachments, sampleItems, sampleThreads } from "../../src/harness/checks/samples.js";

/** The ValidationError thrown by `f`. */
function failure(f: () => unknown): ValidationError {
  try {
    f();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return error as ValidationError;
  }
  throw new Error("expected a ValidationError");
}
const paths = (f: () => unknown) => failure(f).issues.map((i) => i.path);

const base = { id: "msg_1", thread_id: "thr_1", created_at: "2026-01-01T00:00:00Z" };

describe("parse…: every variant is accepted and returned as given (C-WIRE, C-ROUNDTRIP)", () => {
  // What the samples cover is asserted in test/harness/samples.test.ts.
  it.each(sampleItems("thr_1").map((i) => [i.id, i] as const))("C-ROUNDTRIP: parseThreadItem accepts %s and returns a deep copy as given", (_id, value) => {
    const parsed = parseThreadItem(value);
    expect(parsed).toStrictEqual(value);
    expect(parsed).not.toBe(value);
  });

  it.each(sampleThreads().map((t) => [t.id, t] as const))("C-ROUNDTRIP: parseThreadMetadata accepts %s as given", (_id, value) => {
    expect(parseThreadMetadata(value)).toStrictEqual(value);
  });

  it.each(sampleAttachments().map((a) => [a.id, a] as const))("C-ROUNDTRIP: parseAttachment accepts %s as given", (_id, value) => {
    expect(parseAttachment(value)).toStrictEqual(value);
  });

  it("C-ROUNDTRIP: unknown keys are kept at every level and no defaults are filled in", () => {
    const item = { ...base, type: "user_message", content: [{ type: "input_text", text: "x", future: 1 }], inference_options: { future: true }, extra: { a: [1] } };
    expect(parseThreadItem(item)).toStrictEqual(item);
    const thread = { id: "t", created_at: "2026-01-01T00:00:00", brand_new: null };
    const parsed = parseThreadMetadata(thread);
    expect(parsed).toStrictEqual(thread);
    expect(parsed).not.toHaveProperty("status"); // upstream's default {type: "active"} is not filled in
    const widget = { ...base, type: "widget", widget: { type: "Card", camelCaseProp: 1, children: [{ type: "Text", weird: { x: [] } }] } };
    expect(parseThreadItem(widget)).toStrictEqual(widget);
  });

  it("parseThread accepts a thread with a page of items; parseAttachmentCreateParams accepts upload params", () => {
    const thread = { ...sampleThreads()[1]!, items: { data: sampleItems("thr_full"), has_more: true, after: "eot_1" } };
    expect(parseThread(thread)).toStrictEqual(thread);
    const noAfter = { id: "t", created_at: "2026-01-01T00:00:00Z", items: { data: [], has_more: false } };
    expect(parseThread(noAfter)).toStrictEqual(noAfter);
    expect(parseAttachmentCreateParams({ name: "a.txt", size: 0, mime_type: "text/plain" })).toEqual({ name: "a.txt", size: 0, mime_type: "text/plain" });
  });
});

describe("parse…: errors name the path (C-ERR)", () => {
  it("C-ERR: a wrong content part type is reported at content[0].type", () => {
    const e = failure(() => parseThreadItem({ ...base, type: "user_message", content: [{ type: "input_txt", text: "x" }], inference_options: {} }));
    expect(e.issues.map((i) => i.path)).toEqual(["content[0].type"]);
    expect(e.model).toBe("ThreadItem");
    expect(e.message).toMatch(/^\[chatkit-testkit\] invalid ThreadItem: content\[0\]\.type: /);
  });

  it("C-ERR: a path prefix is prepended (item.content[1].text)", () => {
    const value = { ...base, type: "user_message", content: [{ type: "input_text", text: "ok" }, { type: "input_text", text: 5 }], inference_options: {} };
    expect(paths(() => parseThreadItem(value, "item"))).toEqual(["item.content[1].text"]);
    expect(paths(() => parseThreadItem(value, "items[3]"))).toEqual(["items[3].content[1].text"]);
  });

  it.each([
    ["an unknown type", { ...base, type: "bogus" }, ["type"]],
    ["no type", { ...base }, ["type"]],
    ["a user_message without inference_options", { ...base, type: "user_message", content: [] }, ["inference_options"]],
    ["an empty id", { ...base, id: "", type: "end_of_turn" }, ["id"]],
    ["no thread_id", { id: "m", created_at: "2026-01-01T00:00:00Z", type: "end_of_turn" }, ["thread_id"]],
    ["a bad created_at", { ...base, created_at: "2026-02-30T00:00:00Z", type: "end_of_turn" }, ["created_at"]],
    ["a bad task type", { ...base, type: "task", task: { type: "nope" } }, ["task.type"]],
    ["a bad workflow task", { ...base, type: "workflow", workflow: { type: "custom", tasks: [{ type: "thought" }] } }, ["workflow.tasks[0].content"]],
    ["a bad annotation source", { ...base, type: "assistant_message", content: [{ text: "x", annotations: [{ type: "annotation", source: { type: "url", title: "t" } }] }] }, ["content[0].annotations[0].source.url"]],
    ["a bad structured input", { ...base, type: "structured_input", inputs: [{ type: "freeform", id: "q", question: 1 }] }, ["inputs[0].question"]],
    ["a bad tool status", { ...base, type: "client_tool_call", call_id: "c", name: "n", arguments: {}, status: "done" }, ["status"]],
    ["a widget without a root type", { ...base, type: "widget", widget: {} }, ["widget.type"]],
    ["a bad attachment in a message", { ...base, type: "user_message", content: [], inference_options: {}, attachments: [{ type: "file", id: "a", name: "n" }] }, ["attachments[0].mime_type"]],
  ])("C-ERR: parseThreadItem with %s names %j", (_what, value, want) => {
    expect(paths(() => parseThreadItem(value))).toEqual(want);
  });

  it("C-ERR: several problems are all reported", () => {
    const e = failure(() => parseThreadItem({ ...base, type: "client_tool_call", call_id: 1, name: 2, arguments: [] }));
    expect(e.issues.map((i) => i.path).sort()).toEqual(["arguments", "call_id", "name"]);
  });

  it("C-ERR: thread metadata, thread and attachment errors name their paths", () => {
    expect(paths(() => parseThreadMetadata({ id: "t" }))).toEqual(["created_at"]);
    expect(failure(() => parseThreadMetadata({ id: "t", created_at: "2026-13-01T00:00:00Z" })).issues[0]!.message).toBe("created_at has month 13");
    expect(paths(() => parseThreadMetadata({ id: "t", created_at: "2026-01-01T00:00:00Z", status: { type: "archived" } }))).toEqual(["status.type"]);
    expect(paths(() => parseThreadMetadata({ id: "t", created_at: "2026-01-01T00:00:00Z", metadata: [] }))).toEqual(["metadata"]);
    expect(paths(() => parseThread({ id: "t", created_at: "2026-01-01T00:00:00Z", items: { data: [{ ...base, type: "nope" }], has_more: false } }))).toEqual(["items.data[0].type"]);
    expect(paths(() => parseAttachment({ type: "image", id: "a", name: "n", mime_type: "image/png" }))).toEqual(["preview_url"]);
    expect(paths(() => parseAttachment({ type: "image", id: "a", name: "n", mime_type: "image/png", preview_url: "not a url" }))).toEqual(["preview_url"]);
    expect(paths(() => parseAttachment({ type: "file", id: "a", name: "n", mime_type: "m", upload_descriptor: { url: "https://u", method: "GET" } }))).toEqual(["upload_descriptor.method"]);
    expect(paths(() => parseAttachmentCreateParams({ name: "a", size: -1, mime_type: "m" }))).toEqual(["size"]);
  });

  it("C-ERR: non-JSON input is a ValidationError naming the path, before the schema runs", () => {
    expect(paths(() => parseThreadItem({ ...base, type: "end_of_turn", when: new Date() }))).toEqual(["$.when"]);
    expect(paths(() => parseThreadItem({ ...base, type: "end_of_turn", when: new Date() }, "item"))).toEqual(["item.when"]);
    expect(paths(() => parseThreadMetadata(null))).toEqual(["$"]);
    expect(paths(() => parseThreadMetadata("thr_1"))).toEqual(["$"]);
  });

  it("C-ERR: keys that are not identifiers are quoted in paths", () => {
    const value = { ...base, type: "client_tool_call", call_id: "c", name: "n", arguments: {}, status: "pending", "odd key": 1 };
    expect(parseThreadItem(value)).toStrictEqual(value);
    expect(paths(() => parseThreadItem({ ...base, type: "hidden_context_item", content: { "a b": [NaN] } }))).toEqual(['$.content["a b"][0]']);
  });
});

describe("hidden_context_item.content is required (any JSON, null included)", () => {
  const base = { type: "hidden_context_item", id: "hcx_1", thread_id: "thr_1", created_at: "2026-01-01T00:00:00Z" };
  it("accepts null, a number and an object, and rejects a missing content naming the path", () => {
    for (const content of [null, 42, { a: [1, null] }]) expect(parseThreadItem({ ...base, content })).toEqual({ ...base, content });
    expect(() => parseThreadItem(base)).toThrow(/content: /);
  });
});
