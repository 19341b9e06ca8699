/**
 * chatkit-node-backend-sdk's own ChatKitServer, run for real on InMemoryStore and on PostgresStore
 * (pg-mem), typed with NodeSdkModel and no cast: the way a user writes it (issue 13). `npm run typecheck`
 * checks the types of this file; vitest runs it.
 */
import { ChatKitServer, NonStreamingResult, StreamingResult, type ThreadMetadata, type ThreadStreamEvent, type UserMessageItem } from "chatkit-node-backend-sdk";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  InMemoryStore,
  makeAssistantMessage,
  makeClientToolCall,
  makeThread,
  makeUserMessage,
  toNodeSdkData,
  toNodeSdkItem,
  toNodeSdkThread,
  type NodeSdkModel,
  type Store,
} from "chatkit-testkit";
import { createPgMemStore } from "chatkit-testkit/postgres";

type Ctx = { user_id: string };
const alice: Ctx = { user_id: "alice" };

/** A server that answers every message with one assistant message. */
class EchoServer extends ChatKitServer<Ctx> {
  async *respond(thread: ThreadMetadata, input: UserMessageItem | null, context: Ctx): AsyncGenerator<ThreadStreamEvent> {
    const text = input?.content.map((part) => part.text).join(" ") ?? "";
    yield {
      type: "thread.item.done",
      item: {
        type: "assistant_message",
        id: this.store.generateItemId("message", thread, context),
        thread_id: thread.id,
        created_at: new Date(Date.parse(input?.created_at ?? new Date().toISOString()) + 1).toISOString(),
        content: [{ type: "output_text", text: `echo: ${text}`, annotations: [] }],
      },
    };
  }
}

async function stream(server: ChatKitServer<Ctx>, request: object, context: Ctx): Promise<ThreadStreamEvent[]> {
  const result = await server.process(JSON.stringify(request), context);
  expect(result).toBeInstanceOf(StreamingResult);
  const events: ThreadStreamEvent[] = [];
  for await (const frame of result as StreamingResult) {
    expect(frame).toMatch(/^data: .*\n\n$/s);
    events.push(JSON.parse(frame.slice("data: ".length)) as ThreadStreamEvent);
  }
  return events;
}

async function json(server: ChatKitServer<Ctx>, request: object, context: Ctx): Promise<any> {
  const result = await server.process(JSON.stringify(request), context);
  expect(result).toBeInstanceOf(NonStreamingResult);
  return JSON.parse(String(result));
}

const userInput = (text: string) => ({ content: [{ type: "input_text", text }], attachments: [], inference_options: {} });

const backends: [string, () => Promise<Store<Ctx, NodeSdkModel>>][] = [
  ["InMemoryStore", async () => new InMemoryStore<Ctx, NodeSdkModel>()],
  ["PostgresStore (pg-mem)", () => createPgMemStore<Ctx, NodeSdkModel>()],
];

describe.each(backends)("chatkit-node-backend-sdk's ChatKitServer on %s<Ctx, NodeSdkModel>", (_name, make) => {
  beforeEach(() => {
    // the SDK logs every request (and threads.create prints a DEBUG line) to the console
    vi.spyOn(console, "log").mockImplementation(() => {});
    vi.spyOn(console, "info").mockImplementation(() => {});
    vi.spyOn(console, "debug").mockImplementation(() => {});
  });
  afterEach(() => vi.restoreAllMocks());

  it("threads.create streams thread.created and both items, stores them; threads.list and threads.get_by_id read them back", async () => {
    const store = await make();
    const server = new EchoServer(store);

    const events = await stream(server, { type: "threads.create", params: { input: userInput("hello") } }, alice);
    expect(events.map((e) => e.type)).toEqual(["thread.created", "thread.item.done", "thread.item.done"]);
    expect(events.some((e) => e.type === "error")).toBe(false);
    const created = events[0] as Extract<ThreadStreamEvent, { type: "thread.created" }>;
    const threadId = created.thread.id;
    expect(threadId).toMatch(/^thr_[0-9a-f]{32}$/); // ids come from the store (C-ID), not the SDK's 8-digit default
    expect(created.thread.status).toEqual({ type: "active" });

    const stored = await store.loadThreadItems(threadId, null, 10, "asc", alice);
    expect(stored.data.map((item) => item.type)).toEqual(["user_message", "assistant_message"]);
    expect(stored.data[1]).toMatchObject({ content: [{ type: "output_text", text: "echo: hello", annotations: [] }] });

    const listed = await json(server, { type: "threads.list", params: { limit: 10 } }, alice);
    expect(listed.data.map((t: { id: string }) => t.id)).toEqual([threadId]);
    expect(listed.has_more).toBe(false);
    expect(listed.data[0]).toMatchObject({ id: threadId, status: { type: "active" }, metadata: {} });

    const full = await json(server, { type: "threads.get_by_id", params: { thread_id: threadId } }, alice);
    expect(full.items.data.map((item: { type: string }) => item.type)).toEqual(["user_message", "assistant_message"]);

    // scoped per user by the store
    expect((await json(server, { type: "threads.list", params: { limit: 10 } }, { user_id: "bob" })).data).toEqual([]);
  });

  it("a thread made with the builders (through toNodeSdkThread / toNodeSdkItem) takes the next message", async () => {
    const store = await make();
    await store.saveThread(toNodeSdkThread(makeThread({ id: "thr_1", created_at: "2026-03-01T09:00:00Z", title: "Seeded" })), alice);
    await store.addThreadItem("thr_1", toNodeSdkItem(makeUserMessage({ id: "msg_1", thread_id: "thr_1", created_at: "2026-03-01T09:00:01Z" })), alice);
    await store.addThreadItem("thr_1", toNodeSdkItem(makeAssistantMessage({ id: "msg_2", thread_id: "thr_1", created_at: "2026-03-01T09:00:02Z" })), alice);
    const server = new EchoServer(store);

    const events = await stream(server, { type: "threads.add_user_message", params: { thread_id: "thr_1", input: userInput("again") } }, alice);
    expect(events.map((e) => e.type)).toEqual(["thread.item.done", "thread.item.done"]);
    const page = await store.loadThreadItems("thr_1", null, 10, "asc", alice);
    expect(page.data.map((item) => item.id).slice(0, 2)).toEqual(["msg_1", "msg_2"]);
    expect(page.data).toHaveLength(4);

    const listed = await json(server, { type: "threads.list", params: { limit: 10 } }, alice);
    expect(listed.data).toEqual([{ id: "thr_1", title: "Seeded", created_at: "2026-03-01T09:00:00Z", status: { type: "active" }, metadata: {}, items: { data: [], has_more: false } }]);
  });

  it("threads.add_client_tool_output finds the pending call a builder made (status filled in by toNodeSdkItem) and completes it", async () => {
    const store = await make();
    await store.saveThread(toNodeSdkThread(makeThread({ id: "thr_1", created_at: "2026-03-01T09:00:00Z" })), alice);
    const call = makeClientToolCall({ id: "tc_1", thread_id: "thr_1", created_at: "2026-03-01T09:00:01Z", status: undefined }); // status absent: upstream default
    expect("status" in call).toBe(false);
    await store.addThreadItem("thr_1", toNodeSdkItem(call), alice);
    const server = new EchoServer(store);

    const events = await stream(server, { type: "threads.add_client_tool_output", params: { thread_id: "thr_1", result: { temperature: 21 } } }, alice);
    expect(events[0]).toMatchObject({ type: "thread.item.replaced", item: { id: "tc_1", status: "completed", output: { temperature: 21 } } });
    expect(await store.loadItem("thr_1", "tc_1", alice)).toMatchObject({ status: "completed", output: { temperature: 21 } });
  });
});

describe("InMemoryStore<Ctx, NodeSdkModel>: seed with the builders", () => {
  beforeEach(() => vi.spyOn(console, "log").mockImplementation(() => {}));
  afterEach(() => vi.restoreAllMocks());

  it("seed(toNodeSdkData({ … builders … })) gives threads and items the SDK's server serves", async () => {
    const store = new InMemoryStore<Ctx, NodeSdkModel>();
    await store.seed(
      toNodeSdkData({
        threads: [makeThread({ id: "thr_1", created_at: "2026-03-01T09:00:00Z" })],
        items: { thr_1: [makeUserMessage({ id: "msg_1", thread_id: "thr_1", created_at: "2026-03-01T09:00:01Z" })] },
      }),
      alice,
    );
    const server = new EchoServer(store);
    const full = await json(server, { type: "threads.get_by_id", params: { thread_id: "thr_1" } }, alice);
    expect(full).toMatchObject({ id: "thr_1", status: { type: "active" }, metadata: {}, items: { data: [{ id: "msg_1", attachments: [] }] } });
  });
});
