/**
 * startChatKitServer on an ephemeral loopback port, driven through `fetch` exactly as a browser client
 * drives a ChatKit backend: JSON posts, event streams, two-phase uploads, CORS, aborts and shutdown.
 */
import { connect } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { InMemoryStore, InvalidArgumentError, readEvents, type Attachment, type Thread, type ThreadItem, type ThreadStreamEvent, type WirePage } from "chatkit-testkit";
import { echoAssistant, startChatKitServer, type RunningChatKitServer } from "chatkit-testkit/server";

const running: RunningChatKitServer[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.close()));
});

async function start(options: Parameters<typeof startChatKitServer>[0] = {}): Promise<RunningChatKitServer> {
  const server = await startChatKitServer({ assistant: echoAssistant({ delayMs: 0 }), ...options });
  running.push(server);
  return server;
}

const input = (text: string, attachments: string[] = []) => ({ content: [{ type: "input_text", text }], attachments, inference_options: {} });

function post(server: RunningChatKitServer, type: string, params: unknown, init: RequestInit = {}): Promise<Response> {
  return fetch(server.url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ type, params }), ...init });
}

async function json<T>(response: Response): Promise<T> {
  expect(response.headers.get("content-type")).toContain("application/json");
  return (await response.json()) as T;
}

async function events(response: Response): Promise<ThreadStreamEvent[]> {
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toBe("text/event-stream");
  const out: ThreadStreamEvent[] = [];
  for await (const event of readEvents(response)) out.push(event);
  return out;
}

const textOf = (item: ThreadItem | undefined) => (item?.type === "assistant_message" ? item.content.map((c) => c.text).join("") : undefined);

describe("startChatKitServer", () => {
  it("serves a whole session as a browser client runs it: upload, stream, list, page back, retry, delete", async () => {
    const server = await start();
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/chatkit$/);

    // Two-phase upload: the descriptor's URL is absolute, on this server.
    const attachment = await json<Attachment>(await post(server, "attachments.create", { name: "cat.png", size: 3, mime_type: "image/png" }));
    const descriptor = attachment.upload_descriptor!;
    expect(descriptor.url).toBe(`${server.origin}/uploads/${attachment.id}`);
    const uploaded = await fetch(descriptor.url, { method: descriptor.method, headers: descriptor.headers, body: new Uint8Array([1, 2, 3]) });
    expect(uploaded.status).toBe(201);
    expect(new Uint8Array(await (await fetch(descriptor.url)).arrayBuffer())).toEqual(new Uint8Array([1, 2, 3]));

    const created = await events(await post(server, "threads.create", { input: input("Look at my cat", [attachment.id]) }));
    expect(created[0]?.type).toBe("thread.created");
    const threadId = (created[0] as Extract<ThreadStreamEvent, { type: "thread.created" }>).thread.id;
    const done = created.filter((e): e is Extract<ThreadStreamEvent, { type: "thread.item.done" }> => e.type === "thread.item.done");
    expect(done.map((e) => e.item.type)).toEqual(["user_message", "assistant_message"]);
    expect(textOf(done[1]!.item)).toBe("You said: Look at my cat");
    expect(created.filter((e) => e.type === "thread.item.updated").length).toBeGreaterThan(5); // word by word

    const second = await events(await post(server, "threads.add_user_message", { thread_id: threadId, input: input("And now?") }));
    expect(second.map((e) => e.type)).toContain("thread.item.done");

    const threads = await json<WirePage<Thread>>(await post(server, "threads.list", { limit: 10 }));
    expect(threads.data.map((t) => t.id)).toEqual([threadId]);

    // Page back through the items, one at a time, newest first.
    const seen: string[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await json<WirePage<ThreadItem>>(await post(server, "items.list", { thread_id: threadId, limit: 1, order: "desc", ...(after ? { after } : {}) }));
      seen.push(...page.data.map((i) => i.type));
      if (!page.has_more) break;
      after = page.after;
    }
    expect(seen).toEqual(["assistant_message", "user_message", "assistant_message", "user_message"]);

    // Retry after the last user message: the reply after it is replaced.
    const items = await json<WirePage<ThreadItem>>(await post(server, "items.list", { thread_id: threadId, limit: 10, order: "asc" }));
    const lastUser = items.data.filter((i) => i.type === "user_message").at(-1)!;
    const retried = await events(await post(server, "threads.retry_after_item", { thread_id: threadId, item_id: lastUser.id }));
    expect(retried.some((e) => e.type === "thread.item.done" && textOf(e.item) === "You said: And now?")).toBe(true);
    const after2 = await json<WirePage<ThreadItem>>(await post(server, "items.list", { thread_id: threadId, limit: 10, order: "asc" }));
    expect(after2.data.map((i) => i.type)).toEqual(["user_message", "assistant_message", "user_message", "assistant_message"]);

    expect((await post(server, "threads.delete", { thread_id: threadId })).status).toBe(200);
    const gone = await post(server, "threads.get_by_id", { thread_id: threadId });
    expect(gone.status).toBe(404);
    expect((await json<{ error: { code: string } }>(gone)).error.code).toBe("CHATKIT_NOT_FOUND");
  });

  it("serves several clients at once, one of them aborting mid-stream: the others' streams are complete", async () => {
    const server = await start({ assistant: echoAssistant({ delayMs: 5 }) });
    const clients = Array.from({ length: 6 }, (_, i) => i);
    const results = await Promise.all(
      clients.map(async (i) => {
        const abort = new AbortController();
        const response = await post(server, "threads.create", { input: input(`client ${i} says a few words`) }, { signal: abort.signal });
        if (i === 0) {
          const reader = response.body!.getReader();
          await reader.read();
          abort.abort();
          return "aborted";
        }
        const stream = await events(response);
        const last = stream.at(-1)!;
        return last.type === "thread.item.done" ? textOf(last.item) : last.type;
      }),
    );
    expect(results).toEqual(clients.map((i) => (i === 0 ? "aborted" : `You said: client ${i} says a few words`)));
    await expect.poll(() => server.simulator.recorder.all.filter((r) => r.outcome === "pending").length, { timeout: 5_000 }).toBe(0);
    expect(server.simulator.recorder.all.map((r) => r.outcome).sort()).toEqual(["cancelled", "completed", "completed", "completed", "completed", "completed"]);
    const threads = await json<WirePage<Thread>>(await post(server, "threads.list", { limit: 50 }));
    expect(threads.data).toHaveLength(6);
  });

  it("cancels a stream whose client aborts mid-way, as upstream: the partial reply and the cancellation marker are stored", async () => {
    const store = new InMemoryStore({ scope: "single-tenant" });
    let reached!: () => void;
    const midway = new Promise<void>((resolve) => (reached = resolve));
    const server = await start({
      store,
      assistant: {
        async *respond(thread, _input, ctx) {
          const id = ctx.itemId("message");
          yield { type: "thread.item.added", item: { type: "assistant_message", id, thread_id: thread.id, created_at: ctx.now(), content: [] } };
          yield { type: "thread.item.updated", item_id: id, update: { type: "assistant_message.content_part.added", content_index: 0, content: { type: "output_text", text: "", annotations: [] } } };
          yield { type: "thread.item.updated", item_id: id, update: { type: "assistant_message.content_part.text_delta", content_index: 0, delta: "Partial" } };
          reached();
          await new Promise((resolve) => ctx.signal.addEventListener("abort", resolve, { once: true }));
        },
      },
    });
    const abort = new AbortController();
    const response = await post(server, "threads.create", { input: input("Tell me a long story") }, { signal: abort.signal });
    const reader = response.body!.getReader();
    await midway;
    await reader.read();
    abort.abort();
    await reader.read().catch(() => undefined);
    // The server learns of the abort from the socket; the simulator then runs the cancellation handling.
    await expect.poll(() => server.simulator.recorder.all.at(-1)?.outcome, { timeout: 5_000 }).toBe("cancelled");
    await server.simulator.settled();
    const threads = await store.loadThreads(10, null, "asc", undefined);
    const items = await store.loadThreadItems(threads.data[0]!.id, null, 10, "asc", undefined);
    expect(items.data.map((i) => i.type)).toEqual(["user_message", "assistant_message", "sdk_hidden_context"]);
    expect(textOf(items.data[1])).toBe("Partial");
  });

  it("answers malformed requests, unknown types, other paths and methods with the simulator's error bodies, storing nothing", async () => {
    const store = new InMemoryStore({ scope: "single-tenant" });
    const server = await start({ store, maxBodyBytes: 1024 });
    const malformed = await fetch(server.url, { method: "POST", body: "{not json" });
    expect(malformed.status).toBe(400);
    expect((await json<{ error: { code: string; path: string } }>(malformed)).error).toMatchObject({ code: "CHATKIT_INVALID_REQUEST", path: "$" });
    const unknown = await post(server, "threads.explode", {});
    expect(unknown.status).toBe(400);
    expect((await json<{ error: { code: string; path: string } }>(unknown)).error).toMatchObject({ code: "CHATKIT_INVALID_REQUEST", path: "type" });
    const wrongMethod = await fetch(server.url);
    expect(wrongMethod.status).toBe(405);
    const elsewhere = await fetch(`${server.origin}/nope`, { method: "POST", body: "{}" });
    expect(elsewhere.status).toBe(404);
    expect((await json<{ error: { code: string; message: string } }>(elsewhere)).error.message).toContain("POST /chatkit");

    const big = await post(server, "threads.create", { input: input("x".repeat(2048)) });
    expect(big.status).toBe(413);
    const body = await json<{ error: { code: string; message: string } }>(big);
    expect(body.error.code).toBe("CHATKIT_PAYLOAD_TOO_LARGE");
    expect(body.error.message).toContain("1024 bytes");

    expect((await store.loadThreads(10, null, "asc", undefined)).data).toEqual([]);
    expect(await json<{ status: string }>(await fetch(`${server.origin}/health`))).toEqual({ status: "ok" });
  });

  it("drops a request whose client disconnects before its body is complete, and keeps serving", async () => {
    const store = new InMemoryStore({ scope: "single-tenant" });
    const server = await start({ store });
    const { port } = new URL(server.origin);
    await new Promise<void>((resolve, reject) => {
      const socket = connect(Number(port), "127.0.0.1", () => {
        socket.write(`POST /chatkit HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\ncontent-length: 500\r\n\r\n{"type":"threads.create",`);
        setTimeout(() => {
          socket.destroy();
          resolve();
        }, 50);
      });
      socket.on("error", reject);
    });
    const listed = await json<WirePage<Thread>>(await post(server, "threads.list", {}));
    expect(listed.data).toEqual([]);
    expect(server.simulator.recorder.all.map((r) => r.type)).toEqual(["threads.list"]);
  });

  it("allows any origin by default, a listed one when told, and answers the preflight", async () => {
    const open = await start();
    const preflight = await fetch(open.url, { method: "OPTIONS", headers: { origin: "http://localhost:5173", "access-control-request-method": "POST", "access-control-request-headers": "content-type,x-user" } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe("http://localhost:5173");
    expect(preflight.headers.get("access-control-allow-headers")).toBe("content-type,x-user");
    expect(preflight.headers.get("access-control-allow-methods")).toContain("POST");
    const answered = await post(open, "threads.list", {}, { headers: { origin: "http://localhost:5173" } });
    expect(answered.headers.get("access-control-allow-origin")).toBe("http://localhost:5173");

    const strict = await start({ cors: ["http://app.test"] });
    const refused = await post(strict, "threads.list", {}, { headers: { origin: "http://evil.test" } });
    expect(refused.headers.get("access-control-allow-origin")).toBeNull();
    const allowed = await post(strict, "threads.list", {}, { headers: { origin: "http://app.test" } });
    expect(allowed.headers.get("access-control-allow-origin")).toBe("http://app.test");
  });

  it("shuts down cleanly with a stream and idle keep-alive connections open", async () => {
    const server = await startChatKitServer({
      assistant: {
        async *respond(thread, _input, ctx) {
          yield { type: "thread.item.done", item: { type: "assistant_message", id: ctx.itemId("message"), thread_id: thread.id, created_at: ctx.now(), content: [{ type: "output_text", text: "waiting", annotations: [] }] } };
          await new Promise((resolve) => ctx.signal.addEventListener("abort", resolve, { once: true }));
        },
      },
    });
    await post(server, "threads.list", {}).then((r) => r.text()); // leaves an idle keep-alive connection
    const open = await post(server, "threads.create", { input: input("hold on") });
    const reader = open.body!.getReader();
    await reader.read();
    const started = Date.now();
    await server.close();
    expect(Date.now() - started).toBeLessThan(3_000);
    // The open stream ended (cleanly or cut), and nothing listens any more.
    for (;;) {
      const chunk = await reader.read().catch(() => ({ done: true }));
      if (chunk.done) break;
    }
    await expect(fetch(`${server.origin}/health`)).rejects.toThrow();
    expect(server.simulator.recorder.all.at(-1)?.outcome).toBe("cancelled");
    await server.close(); // again: a no-op
  });

  it("logs one line per request", async () => {
    const lines: string[] = [];
    const server = await start({ log: (line) => lines.push(line) });
    await post(server, "threads.list", {}).then((r) => r.text());
    await fetch(`${server.origin}/health`).then((r) => r.text());
    await expect.poll(() => lines.length).toBe(2);
    expect(lines[0]).toMatch(/^\d{4}-\d\d-\d\dT\S+Z POST \/chatkit threads\.list 200 \d+ ms$/);
    expect(lines[1]).toMatch(/ GET \/health - 200 \d+ ms$/);
  });

  it("rejects bad options with a typed error naming the option", async () => {
    await expect(startChatKitServer({ port: -1 })).rejects.toThrow(InvalidArgumentError);
    await expect(startChatKitServer({ port: 1.5 })).rejects.toThrow(/options\.port must be an integer from 0 to 65535, got 1\.5/);
    await expect(startChatKitServer({ path: "chatkit" })).rejects.toThrow(/options\.path/);
    await expect(startChatKitServer({ maxBodyBytes: 0 })).rejects.toThrow(/options\.maxBodyBytes must be a positive integer/);
    await expect(startChatKitServer({ cors: 5 as never })).rejects.toThrow(/options\.cors/);
    const server = await start();
    const { port } = new URL(server.origin);
    await expect(startChatKitServer({ port: Number(port) })).rejects.toMatchObject({ code: "EADDRINUSE" });
  });
});
