/**
 * Request validation and the non-streaming hooks: malformed requests get a 400 error body and store
 * nothing; NotFoundError is a 404; the hooks of items.feedback, input.transcribe,
 * threads.sync_custom_action; threads.update; threads.add_structured_input.
 */
import { describe, expect, it } from "vitest";
import { STREAMING_REQUEST_TYPES, NON_STREAMING_REQUEST_TYPES, reply, type StructuredInputItem, type Store } from "chatkit-testkit";
import { alice, backends, bob, createdThreadId, dump, setup, shape, storedItems, text, type Ctx } from "./support.js";

const post = (sim: { fetch: (u: string, i?: RequestInit) => Promise<Response> }, body: string, init: RequestInit = {}) =>
  sim.fetch("http://localhost/chatkit", { method: "POST", body, ...init });

describe.each(backends)("malformed requests on $name", (backend) => {
  const cases: [string, string, number, string, string, RegExp][] = [
    ["not JSON", "{type: threads.list", 400, "CHATKIT_INVALID_REQUEST", "$", /the body is not valid JSON/],
    ["an array", "[]", 400, "CHATKIT_INVALID_REQUEST", "$", /must be a JSON object \{type, params\}, got \[\]/],
    ["no type", "{}", 400, "CHATKIT_INVALID_REQUEST", "type", /type must be one of threads\.get_by_id, .*, got nothing/],
    ["an unknown type", '{"type":"threads.nuke","params":{}}', 400, "CHATKIT_INVALID_REQUEST", "type", /got "threads\.nuke"/],
    ["no params", '{"type":"threads.create"}', 400, "CHATKIT_INVALID_REQUEST", "params", /threads\.create: params/],
    ["a missing input", '{"type":"threads.create","params":{}}', 400, "CHATKIT_INVALID_REQUEST", "params.input", /params\.input/],
    [
      "bad content",
      '{"type":"threads.create","params":{"input":{"content":[{"type":"input_text"}],"attachments":[],"inference_options":{}}}}',
      400,
      "CHATKIT_INVALID_REQUEST",
      "params.input.content[0].text",
      /params\.input\.content\[0\]\.text .*got nothing/,
    ],
    [
      "missing attachments (required upstream)",
      '{"type":"threads.add_user_message","params":{"thread_id":"thr_a","input":{"content":[],"inference_options":{}}}}',
      400,
      "CHATKIT_INVALID_REQUEST",
      "params.input.attachments",
      /attachments/,
    ],
    ["a numeric thread_id", '{"type":"items.list","params":{"thread_id":5}}', 400, "CHATKIT_INVALID_REQUEST", "params.thread_id", /expected string, received number, got 5/],
    ["a negative limit", '{"type":"threads.list","params":{"limit":-1}}', 400, "CHATKIT_INVALID_REQUEST", "params.limit", /got -1/],
    ["a fractional limit", '{"type":"items.list","params":{"thread_id":"thr_a","limit":1.5}}', 400, "CHATKIT_INVALID_REQUEST", "params.limit", /got 1\.5/],
    ["order ASC", '{"type":"threads.list","params":{"order":"ASC"}}', 400, "CHATKIT_INVALID_REQUEST", "params.order", /got "ASC"/],
    ["bad base64", '{"type":"input.transcribe","params":{"audio_base64":"@@@","mime_type":"audio/webm"}}', 400, "CHATKIT_INVALID_REQUEST", "params.audio_base64", /base64/],
    [
      "a bad structured-input status",
      '{"type":"threads.add_structured_input","params":{"thread_id":"t","item_id":"i","input":{"status":"maybe"}}}',
      400,
      "CHATKIT_INVALID_REQUEST",
      "params.input.status",
      /got "maybe"/,
    ],
    ["an action without type", '{"type":"threads.custom_action","params":{"thread_id":"t","action":{}}}', 400, "CHATKIT_INVALID_REQUEST", "params.action.type", /action\.type/],
  ];

  it.each(cases)("400 for %s: an error body naming the path, and nothing stored or even read", async (_name, body, status, code, path, message) => {
    const { sim, store, inner } = await setup(backend, { assistant: { respond: reply.text("never") } });
    await inner.saveThread({ id: "thr_a", created_at: "2026-01-01T00:00:00Z", title: "kept" }, alice);
    await inner.addThreadItem("thr_a", { type: "end_of_turn", id: "e1", thread_id: "thr_a", created_at: "2026-01-01T00:00:01Z" }, alice);
    const before = await dump(inner);
    const response = await post(sim, body);
    expect(response.status).toBe(status);
    expect(response.headers.get("content-type")).toBe("application/json");
    const json = (await response.json()) as { error: { code: string; message: string; path: string } };
    expect(Object.keys(json)).toEqual(["error"]);
    expect(json.error.code).toBe(code);
    expect(json.error.path).toBe(path);
    expect(json.error.message).toMatch(/^\[chatkit-testkit\] /);
    expect(json.error.message).toMatch(message);
    expect(store.calls).toEqual([]);
    expect(await dump(inner)).toEqual(before);
    expect(sim.requests).toHaveLength(1);
    expect(sim.requests[0]).toMatchObject({ outcome: "rejected", status, body: json, events: [] });
  });

  it("405 for a GET; unknown extra keys are ignored as pydantic does", async () => {
    const { sim, client } = await setup(backend);
    const get = await sim.fetch("http://localhost/chatkit");
    expect(get.status).toBe(405);
    expect(await get.json()).toMatchObject({ error: { code: "CHATKIT_METHOD_NOT_ALLOWED", path: null } });
    const response = await post(sim, JSON.stringify({ type: "threads.list", params: { limit: 5, extra: 1 }, metadata: { trace: "x" }, other: true }));
    expect(response.status).toBe(200);
    expect(sim.requests.at(-1)).toMatchObject({ type: "threads.list", params: { limit: 5, extra: 1 }, metadata: { trace: "x" } });
    expect(await client.request("threads.list", {})).toEqual({ data: [], has_more: false });
  });

  it("C-ERR: NotFoundError in a JSON request is a 404 body; a store's InvalidArgumentError is a 400 (CHATKIT_INVALID_ARGUMENT)", async () => {
    const { sim } = await setup(backend);
    const missing = await post(sim, JSON.stringify({ type: "threads.update", params: { thread_id: "thr_nope", title: "x" } }));
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: { code: "CHATKIT_NOT_FOUND", path: null } });
    const cursor = await post(sim, JSON.stringify({ type: "threads.list", params: { after: "thr_nope" } }));
    expect(cursor.status).toBe(404); // C-CURSOR: an unknown cursor is NotFoundError
    const empty = await post(sim, JSON.stringify({ type: "threads.get_by_id", params: { thread_id: "" } }));
    expect(empty.status).toBe(400);
    expect(await empty.json()).toMatchObject({ error: { code: "CHATKIT_INVALID_ARGUMENT" } });
  });

  it("a streaming request that fails before the pipeline (unknown thread) is an aborted stream, recorded as failed", async () => {
    const { sim, client } = await setup(backend);
    const response = await post(sim, JSON.stringify({ type: "threads.add_user_message", params: { thread_id: "thr_nope", input: text("x") } }));
    expect(response.status).toBe(200);
    await expect(response.text()).rejects.toThrow(/thread "thr_nope" not found/);
    await sim.settled();
    expect(sim.requests.at(-1)).toMatchObject({ outcome: "failed", events: [] });
    await expect(client.request("threads.retry_after_item", { thread_id: "thr_nope", item_id: "x" })).rejects.toThrow();
  });
});

describe.each(backends)("hooks and the remaining request types on $name", (backend) => {
  it("threads.update sets the title ('' allowed), saves, and answers the thread with an empty page and no event", async () => {
    const { client, store } = await setup(backend, { assistant: { respond: reply.text("a") } });
    const threadId = createdThreadId(await client.request("threads.create", { input: text("Hi") }));
    store.clear();
    const updated = await client.request("threads.update", { thread_id: threadId, title: "" });
    expect(updated).toMatchObject({ id: threadId, title: "", metadata: {}, items: { data: [], has_more: false } });
    expect(store.methods()).toEqual(["loadThread", "saveThread"]);
    expect(await store.inner.loadThread(threadId, alice)).toMatchObject({ title: "" });
  });

  it("items.feedback calls addFeedback and answers {}; no store call", async () => {
    const seen: unknown[] = [];
    const { client, store } = await setup(backend, { assistant: { addFeedback: (threadId, ids, kind, ctx) => void seen.push([threadId, ids, kind, ctx.context]) } });
    expect(await client.request("items.feedback", { thread_id: "thr_x", item_ids: ["a", "b"], kind: "negative" })).toEqual({});
    expect(seen).toEqual([["thr_x", ["a", "b"], "negative", alice]]);
    expect(store.calls).toEqual([]);
    const { client: plain } = await setup(backend);
    expect(await plain.request("items.feedback", { thread_id: "thr_x", item_ids: [], kind: "positive" })).toEqual({});
  });

  it("input.transcribe decodes the audio and passes media_type; without a hook it is a 500", async () => {
    const heard: unknown[] = [];
    const { client } = await setup(backend, {
      assistant: { transcribe: (audio) => (heard.push([[...audio.data], audio.mime_type, audio.media_type]), { text: "hello" }) },
    });
    expect(await client.request("input.transcribe", { audio_base64: btoa("\x01\x02\xff"), mime_type: "audio/webm;codecs=opus" })).toEqual({ text: "hello" });
    expect(heard).toEqual([[[1, 2, 255], "audio/webm;codecs=opus", "audio/webm"]]);
    const { client: plain } = await setup(backend);
    await expect(plain.request("input.transcribe", { audio_base64: "", mime_type: "audio/wav" })).rejects.toMatchObject({ status: 500 });
  });

  it("threads.sync_custom_action answers {updated_item} without persisting it; a non-widget sender is a 500", async () => {
    const widget = { type: "Card", children: [] };
    const { client, store } = await setup(backend, {
      assistant: {
        respond: reply.widget(widget),
        syncAction: (_thread, action, sender) => ({ updated_item: { ...sender!, widget: { type: "Card", children: [{ type: "Text", value: String(action.payload) }] }, copy_text: null } }),
      },
    });
    const threadId = createdThreadId(await client.request("threads.create", { input: text("Hi") }));
    const [user, card] = await storedItems(store, threadId);
    const answer = await client.request("threads.sync_custom_action", { thread_id: threadId, item_id: card!.id, action: { type: "set", payload: 7 } });
    expect(answer).toEqual({ updated_item: { ...card, widget: { type: "Card", children: [{ type: "Text", value: "7" }] } } });
    expect(await store.inner.loadItem(threadId, card!.id, alice)).toEqual(card); // not persisted (UPSTREAM §6.18)
    await expect(client.request("threads.sync_custom_action", { thread_id: threadId, item_id: user!.id, action: { type: "set" } })).rejects.toMatchObject({
      status: 500,
      message: expect.stringContaining("must be a widget, got user_message"),
    });
    const { client: plain } = await setup(backend, { store: store.inner });
    expect(await plain.request("threads.sync_custom_action", { thread_id: threadId, action: { type: "x" } }).catch((e: { status: number }) => e.status)).toBe(500);
  });

  it("threads.add_structured_input records answers (single choice keeps one value, empty is skipped), replaces the item, then responds", async () => {
    const inputs = [
      { type: "multiple_choice" as const, id: "size", question: "Size?", options: [{ value: "S" }, { value: "M" }] },
      { type: "multiple_choice" as const, id: "toppings", question: "Toppings?", options: [{ value: "a" }, { value: "b" }], multiple: true },
      { type: "freeform" as const, id: "note", question: "Note?" },
      { type: "freeform" as const, id: "unanswered", question: "?" },
    ];
    const { client, store, sim } = await setup(backend, { assistant: { respond: reply.structuredInput(inputs) } });
    const threadId = createdThreadId(await client.request("threads.create", { input: text("Order") }));
    const [, pending] = await storedItems(store, threadId);
    sim.respondWith(reply.text("thanks"));
    const events = await client.request("threads.add_structured_input", {
      thread_id: threadId,
      item_id: pending!.id,
      input: { answers: { size: { values: ["M", "S"] }, toppings: { values: ["a", "b"] }, note: { values: [] }, ghost: { values: ["x"] } } },
    });
    expect(shape(events)).toEqual(["stream_options", "thread.item.replaced:structured_input", "thread.item.done:assistant_message"]);
    const answered = (await store.inner.loadItem(threadId, pending!.id, alice)) as StructuredInputItem;
    expect(answered.status).toBe("answered");
    expect(answered.inputs.map((i) => [i.id, i.answer])).toEqual([
      ["size", { values: ["M"], skipped: false }],
      ["toppings", { values: ["a", "b"], skipped: false }],
      ["note", { values: [], skipped: true }],
      ["unanswered", { values: [], skipped: true }],
    ]);
    // Answered already: the stream is aborted.
    await expect(client.request("threads.add_structured_input", { thread_id: threadId, item_id: pending!.id, input: {} })).rejects.toThrow();
    await sim.settled();
    expect(String(sim.requests.at(-1)!.errors[0])).toContain("must be pending, got answered");
  });

  it("threads.add_structured_input with status skipped skips every input", async () => {
    const { client, store, sim } = await setup(backend, { assistant: { respond: reply.structuredInput([{ type: "freeform", id: "q", question: "?" }]) } });
    const threadId = createdThreadId(await client.request("threads.create", { input: text("Go") }));
    const [, pending] = await storedItems(store, threadId);
    sim.respondWith(reply.none());
    await client.request("threads.add_structured_input", { thread_id: threadId, item_id: pending!.id, input: { status: "skipped", answers: { q: { values: ["x"] } } } });
    expect(await store.inner.loadItem(threadId, pending!.id, alice)).toMatchObject({ status: "skipped", inputs: [{ answer: { values: [], skipped: true } }] });
  });

  it("C-SCOPE: the context function scopes every request (another user sees nothing and cannot load the thread)", async () => {
    const { client, store } = await setup(backend, { assistant: { respond: reply.text("yo") } });
    const threadId = createdThreadId(await client.request("threads.create", { input: text("mine") }));
    const asBob = { headers: { "x-user": bob.user_id } };
    expect(await client.request("threads.list", {}, asBob)).toEqual({ data: [], has_more: false });
    expect(await client.request("items.list", { thread_id: threadId }, asBob)).toEqual({ data: [], has_more: false });
    await expect(client.request("threads.get_by_id", { thread_id: threadId }, asBob)).rejects.toMatchObject({ status: 404 });
    expect((await dump(store as Store<Ctx>, bob)).length).toBe(0);
    expect((await dump(store as Store<Ctx>, alice)).length).toBe(1);
  });

  it("§4.1: every request type is dispatched: streaming ones answer text/event-stream, the others JSON", async () => {
    const params: Record<string, unknown> = {
      "threads.get_by_id": { thread_id: "t" },
      "threads.list": {},
      "items.list": { thread_id: "t" },
      "items.feedback": { thread_id: "t", item_ids: [], kind: "positive" },
      "attachments.create": { name: "a", size: 1, mime_type: "text/plain" },
      "attachments.delete": { attachment_id: "a" },
      "threads.update": { thread_id: "t", title: "x" },
      "threads.delete": { thread_id: "t" },
      "input.transcribe": { audio_base64: "", mime_type: "audio/wav" },
      "threads.sync_custom_action": { thread_id: "t", action: { type: "x" } },
      "threads.create": { input: text("x") },
      "threads.add_user_message": { thread_id: "t", input: text("x") },
      "threads.add_client_tool_output": { thread_id: "t", result: null },
      "threads.add_structured_input": { thread_id: "t", item_id: "i", input: {} },
      "threads.retry_after_item": { thread_id: "t", item_id: "i" },
      "threads.custom_action": { thread_id: "t", action: { type: "x" } },
    };
    expect(Object.keys(params).sort()).toEqual([...STREAMING_REQUEST_TYPES, ...NON_STREAMING_REQUEST_TYPES].sort());
    const { sim } = await setup(backend);
    for (const [type, p] of Object.entries(params)) {
      const response = await post(sim, JSON.stringify({ type, params: p }));
      const streaming = (STREAMING_REQUEST_TYPES as readonly string[]).includes(type);
      expect([type, response.headers.get("content-type")]).toEqual([type, streaming ? "text/event-stream" : "application/json"]);
      expect([type, response.status === 400]).toEqual([type, false]);
      await response.text().catch(() => "");
    }
    await sim.settled();
    expect(sim.requests.map((r) => r.type)).toEqual(Object.keys(params));
  });
});
