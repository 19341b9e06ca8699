/**
 * The simulator mounted on msw, driven through the global fetch exactly as a browser client drives a
 * ChatKit backend.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { setupServer } from "msw/node";
import { http, HttpResponse } from "msw";
import {
  ChatKitSimulator,
  FakeAttachmentStore,
  InMemoryStore,
  StreamController,
  readEvents,
  reply,
  type Attachment,
  type Thread,
  type ThreadItem,
  type ThreadStreamEvent,
  type WirePage,
} from "chatkit-testkit";
import { chatkitHandlers, uploadHandlers } from "chatkit-testkit/msw";

const URL_ = "http://localhost/chatkit";
// The simulator runs every request with the context `undefined`: both stores opt into one shared scope.
const store = new InMemoryStore({ scope: "single-tenant" });
const attachments = new FakeAttachmentStore({ baseUrl: "http://localhost/uploads", scope: "single-tenant" });
let n = 0;
const sim = new ChatKitSimulator({
  store,
  attachmentStore: attachments,
  clock: () => new Date(Date.UTC(2026, 4, 1, 12, 0, n++)).toISOString(),
  assistant: { respond: reply.stream(["Nice ", "picture!"]) },
});
const server = setupServer(...chatkitHandlers(sim, { url: URL_ }));

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

/** What a browser does: POST JSON to the one endpoint. */
const post = (type: string, params: unknown, signal?: AbortSignal) =>
  fetch(URL_, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ type, params }), signal });

/** The JSON body of an answer, typed by the test. */
const json = async <T>(response: Response): Promise<T> => (await response.json()) as T;

async function streamed(response: Response): Promise<ThreadStreamEvent[]> {
  expect(response.headers.get("content-type")).toBe("text/event-stream");
  const events: ThreadStreamEvent[] = [];
  for await (const e of readEvents(response)) events.push(e);
  return events;
}

describe("chatkitHandlers", () => {
  it("a browser session: upload an attachment, create a thread with it, stream a reply, list, page back, retry, delete", async () => {
    // 1. attachments.create → PUT the bytes to upload_descriptor.url
    const created = await json<Attachment & { upload_descriptor: { url: string; method: string; headers: Record<string, string> }; preview_url: string }>(
      await post("attachments.create", { name: "cat.png", size: 4, mime_type: "image/png" }),
    );
    expect(created).toMatchObject({ type: "image", name: "cat.png", upload_descriptor: { method: "PUT", headers: {} } });
    expect(created).not.toHaveProperty("metadata");
    const upload = await fetch(created.upload_descriptor.url, { method: created.upload_descriptor.method, headers: created.upload_descriptor.headers, body: new Uint8Array([137, 80, 78, 71]) });
    expect(upload.status).toBe(201);
    expect([...attachments.bytes(created.id, undefined)!]).toEqual([137, 80, 78, 71]);
    const preview = await fetch(created.preview_url);
    expect(preview.headers.get("content-type")).toBe("image/png");

    // 2. threads.create with the attachment id, streamed
    const events = await streamed(await post("threads.create", { input: { content: [{ type: "input_text", text: "Look" }], attachments: [created.id], inference_options: {} } }));
    expect(events.map((e) => e.type)).toEqual([
      "thread.created",
      "thread.item.done",
      "stream_options",
      "thread.item.added",
      "thread.item.updated",
      "thread.item.updated",
      "thread.item.updated",
      "thread.item.updated",
      "thread.item.done",
    ]);
    const threadId = (events[0] as Extract<ThreadStreamEvent, { type: "thread.created" }>).thread.id;
    expect(events[1]).toMatchObject({ item: { type: "user_message", attachments: [{ id: created.id, thread_id: threadId }] } });
    expect(events.at(-1)).toMatchObject({ item: { type: "assistant_message", content: [{ text: "Nice picture!" }] } });

    // 3. more turns, then list threads and items, paging back
    for (const word of ["two", "three"]) {
      await streamed(await post("threads.add_user_message", { thread_id: threadId, input: { content: [{ type: "input_text", text: word }], attachments: [], inference_options: {} } }));
    }
    const threads = await json<WirePage<Thread>>(await post("threads.list", { limit: 10 }));
    expect(threads).toEqual({ data: [expect.objectContaining({ id: threadId, metadata: {} })], has_more: false });
    const page1 = await json<WirePage<ThreadItem>>(await post("items.list", { thread_id: threadId, limit: 4 }));
    expect(page1.data.map((i) => i.type)).toEqual(["assistant_message", "user_message", "assistant_message", "user_message"]);
    expect(page1.has_more).toBe(true);
    const page2 = await json<WirePage<ThreadItem>>(await post("items.list", { thread_id: threadId, limit: 4, after: page1.after }));
    expect(page2).toEqual({ data: [expect.objectContaining({ type: "assistant_message" }), expect.objectContaining({ type: "user_message" })], has_more: false });
    const firstUser = page2.data[1] as Extract<ThreadItem, { type: "user_message" }>;
    expect(firstUser.attachments![0]).not.toHaveProperty("metadata");

    // 4. retry after the first user message: everything newer goes, one new reply comes
    sim.respondWith(reply.text("Retried."));
    const retried = await streamed(await post("threads.retry_after_item", { thread_id: threadId, item_id: firstUser.id }));
    expect(retried.map((e) => e.type)).toEqual(["stream_options", "thread.item.done"]);
    const thread = await json<Thread>(await post("threads.get_by_id", { thread_id: threadId }));
    expect(thread.items.data.map((i) => `${i.type}:${(i as { content: { text: string }[] }).content[0]!.text}`)).toEqual(["user_message:Look", "assistant_message:Retried."]);

    // 5. delete the thread and the attachment
    expect(await (await post("threads.delete", { thread_id: threadId })).json()).toEqual({});
    expect((await post("threads.get_by_id", { thread_id: threadId })).status).toBe(404);
    expect(await (await post("attachments.delete", { attachment_id: created.id })).json()).toEqual({});
    expect(attachments.bytes(created.id, undefined)).toBeUndefined();
    expect(sim.requests.map((r) => r.type).filter((t) => t.startsWith("threads.")).slice(0, 2)).toEqual(["threads.create", "threads.add_user_message"]);
  });

  it("a browser abort mid-stream runs the cancellation handling on the simulator", async () => {
    const stream = new StreamController();
    sim.respondWith(stream.respond);
    const abort = new AbortController();
    const response = await post("threads.create", { input: { content: [{ type: "input_text", text: "stop me" }], attachments: [], inference_options: {} } }, abort.signal);
    const { thread } = await stream.started;
    stream.push(reply.stream("half", { finish: false }));
    const reader = readEvents(response);
    for (let i = 0; i < 5; i++) await reader.next();
    abort.abort();
    await sim.settled();
    expect(sim.recorder.last()!.outcome).toBe("cancelled");
    const items = (await store.loadThreadItems(thread.id, null, 10, "asc", undefined)).data;
    expect(items.map((i) => i.type)).toEqual(["user_message", "assistant_message", "sdk_hidden_context"]);
  });

  it("malformed requests get the JSON error body through msw too", async () => {
    const response = await fetch(URL_, { method: "POST", body: "{" });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: "CHATKIT_INVALID_REQUEST", path: "$" } });
  });

  it("uploads: false leaves the upload URLs unhandled; uploadHandlers mounts them alone; url is required", async () => {
    server.resetHandlers(...chatkitHandlers(sim, { url: URL_, uploads: false }));
    const printed = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      await expect(fetch("http://localhost/uploads/atc_x", { method: "PUT", body: "x" })).rejects.toThrow();
      expect(String(printed.mock.calls[0]?.[0])).toContain("without a matching request handler");
    } finally {
      printed.mockRestore();
    }
    server.resetHandlers(...uploadHandlers(attachments), http.get("http://localhost/other", () => HttpResponse.text("ok")));
    expect((await fetch("http://localhost/uploads/atc_x", { method: "PUT", body: "x" })).status).toBe(404);
    expect(() => chatkitHandlers(sim, { url: "" })).toThrow(/options\.url must be a non-empty string/);
  });
});
