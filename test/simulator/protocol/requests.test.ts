/** The request union (docs/upstream.md §4.1–4.3) and the event union (§4.5) as schemas. */
import { describe, expect, it } from "vitest";
import { ThreadStreamEventSchema, isStreamingRequestType, parseChatKitRequest } from "chatkit-testkit";

describe("parseChatKitRequest", () => {
  it("§4.1: parses each request type and drops unknown keys, as pydantic ignores them", () => {
    const r = parseChatKitRequest({ type: "threads.list", params: { limit: null, order: "asc", junk: 1 }, metadata: { a: 1 } });
    expect(r).toEqual({ ok: true, request: { type: "threads.list", params: { limit: null, order: "asc" }, metadata: { a: 1 } } });
  });

  it("names the first bad path and counts the others", () => {
    const r = parseChatKitRequest({ type: "items.feedback", params: { thread_id: 1, item_ids: "x", kind: "meh" } });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problem.path).toBe("params.thread_id");
    expect(r.problem.message).toMatch(/^items\.feedback: params\.thread_id .*got 1 \(and 2 more: params\.item_ids, params\.kind\)$/);
  });

  it("knows which types stream", () => {
    expect(["threads.create", "threads.custom_action", "threads.sync_custom_action", "items.list"].map(isStreamingRequestType)).toEqual([true, true, false, false]);
  });
});

describe("ThreadStreamEventSchema", () => {
  it("§4.5: accepts every event type and rejects an unknown one", () => {
    const thread = { id: "t", created_at: "2026-01-01T00:00:00Z", items: { data: [], has_more: false } };
    const item = { type: "end_of_turn", id: "e", thread_id: "t", created_at: "2026-01-01T00:00:00Z" };
    const events = [
      { type: "thread.created", thread },
      { type: "thread.updated", thread },
      { type: "thread.item.added", item },
      { type: "thread.item.updated", item_id: "e", update: { type: "widget.streaming_text.value_delta", component_id: "c", delta: "x", done: false } },
      { type: "thread.item.done", item },
      { type: "thread.item.removed", item_id: "e" },
      { type: "thread.item.replaced", item },
      { type: "stream_options", stream_options: { allow_cancel: true } },
      { type: "progress_update", text: "x", icon: "sparkle" },
      { type: "client_effect", name: "n" },
      { type: "error", code: "stream.error", allow_retry: true },
      { type: "notice", level: "danger", message: "m", title: null },
    ];
    for (const e of events) expect([e.type, ThreadStreamEventSchema.safeParse(e).success]).toEqual([e.type, true]);
    expect(ThreadStreamEventSchema.safeParse({ type: "thread.deleted" }).success).toBe(false);
    expect(ThreadStreamEventSchema.safeParse({ type: "thread.item.updated", item_id: "e", update: { type: "workflow.task.added", task_index: -1, task: { type: "image" } } }).success).toBe(false);
  });
});
