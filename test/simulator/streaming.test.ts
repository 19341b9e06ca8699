/**
 * Driving a stream from a test: StreamController (push, hold/release, end, fail, abort), client aborts,
 * the recorder, and what the pipeline does with bad responder output.
 */
import { describe, expect, it } from "vitest";
import { ChatKitSimulator, CustomStreamError, InMemoryStore, StreamController, chatkitClient, reply, type ThreadStreamEvent } from "chatkit-testkit";
import { alice, backends, createdThreadId, setup, shape, storedItems, text, type Ctx } from "./support.js";

/** Reads a stream in the background, keeping every event; `next(n)` waits until n events arrived. */
function collect(iterable: AsyncIterable<ThreadStreamEvent>) {
  const events: ThreadStreamEvent[] = [];
  const waiters: { n: number; resolve: () => void }[] = [];
  const done = (async () => {
    for await (const e of iterable) {
      events.push(e);
      for (const w of waiters.filter((w) => events.length >= w.n)) w.resolve();
    }
  })();
  done.catch(() => {});
  const next = (n: number) => (events.length >= n ? Promise.resolve() : new Promise<void>((resolve) => waiters.push({ n, resolve })));
  return { events, done, next };
}

describe.each(backends)("StreamController on $name", (backend) => {
  it("push delivers events as the test pushes them; end finishes the stream", async () => {
    const stream = new StreamController<Ctx>();
    const { client } = await setup(backend, { assistant: { respond: stream.respond } });
    const reader = collect(client.stream("threads.create", { input: text("Hi") }));
    const { thread, input } = await stream.started;
    expect(input).toMatchObject({ type: "user_message", content: [{ text: "Hi" }] });
    await reader.next(3);
    expect(shape(reader.events)).toEqual(["thread.created", "thread.item.done:user_message", "stream_options"]);
    stream.push({ type: "progress_update", text: "step 1" });
    await reader.next(4);
    expect(reader.events[3]).toEqual({ type: "progress_update", text: "step 1" });
    stream.push(reply.text("done")).end();
    await reader.done;
    expect(shape(reader.events).slice(4)).toEqual(["thread.item.done:assistant_message"]);
    expect(stream.delivered.map((e) => e.type)).toEqual(["progress_update", "thread.item.done"]);
    await stream.finished;
    expect(reader.events[4]).toMatchObject({ item: { thread_id: thread.id } });
  });

  it("hold keeps pushed events (and a source's) back until release", async () => {
    const stream = new StreamController<Ctx>({ source: reply.stream(["a", "b", "c"]), held: true });
    const { client, sim } = await setup(backend, { assistant: { respond: stream.respond } });
    const reader = collect(client.stream("threads.create", { input: text("Hi") }));
    await stream.started;
    await reader.next(3);
    expect(stream.isHeld).toBe(true);
    expect(stream.delivered).toEqual([]);
    stream.release();
    await reader.next(5); // added, content_part.added
    stream.hold();
    stream.push({ type: "notice", level: "info", message: "later" });
    for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r)); // let everything runnable run
    // Held: at most the event already in flight got through; the rest of the source and the notice wait.
    expect(stream.delivered.length).toBeLessThanOrEqual(3);
    expect(stream.delivered.some((e) => e.type === "notice")).toBe(false);
    stream.release().end();
    await reader.done;
    expect(shape(reader.events).slice(3)).toEqual([
      "thread.item.added:assistant_message",
      "thread.item.updated:assistant_message.content_part.added",
      "thread.item.updated:assistant_message.content_part.text_delta",
      "thread.item.updated:assistant_message.content_part.text_delta",
      "thread.item.updated:assistant_message.content_part.text_delta",
      "thread.item.updated:assistant_message.content_part.done",
      "thread.item.done:assistant_message",
      "notice",
    ]);
    expect(sim.requests[0]!.outcome).toBe("completed");
  });

  it("fail ends the stream with the matching error event after what was queued", async () => {
    const stream = new StreamController<Ctx>();
    const { client } = await setup(backend, { assistant: { respond: stream.respond } });
    const reader = collect(client.stream("threads.create", { input: text("Hi") }));
    await stream.started;
    stream.push({ type: "progress_update", text: "working" }).fail(new CustomStreamError("Sorry, try again", { allowRetry: true }));
    await reader.done;
    expect(reader.events.slice(-2)).toEqual([
      { type: "progress_update", text: "working" },
      { type: "error", code: "custom", message: "Sorry, try again", allow_retry: true },
    ]);
    expect(() => stream.push({ type: "progress_update", text: "x" })).toThrow(/StreamController\.push: the stream was already failed/);
  });

  it("abort drops the connection: the client's read fails, the pending reply is saved with the marker, the request is 'disconnected'", async () => {
    const stream = new StreamController<Ctx>();
    const { client, sim, store } = await setup(backend, { assistant: { respond: stream.respond } });
    const reader = collect(client.stream("threads.create", { input: text("Hi") }));
    const { ctx, thread } = await stream.started;
    stream.push(reply.stream(["Partial ", "answer"], { finish: false, id: "msg_live" }));
    await reader.next(3 + 4);
    await stream.abort("network down");
    await expect(reader.done).rejects.toThrow();
    expect(ctx.signal.aborted).toBe(true);
    expect(sim.requests[0]!.outcome).toBe("disconnected");
    const items = await storedItems(store, thread.id);
    expect(items.map((i) => i.type)).toEqual(["user_message", "assistant_message", "sdk_hidden_context"]);
    expect(items[1]).toMatchObject({ id: "msg_live", content: [{ text: "Partial answer" }] });
  });

  it("a controller drives one stream: a second respond call fails that stream with a clear error event", async () => {
    const stream = new StreamController<Ctx>();
    const { client, sim } = await setup(backend, { assistant: { respond: stream.respond } });
    const first = collect(client.stream("threads.create", { input: text("1") }));
    const { thread } = await stream.started;
    const second = await client.request("threads.add_user_message", { thread_id: thread.id, input: text("2") });
    expect(second.at(-1)).toEqual({ type: "error", code: "stream.error", allow_retry: true });
    expect(String(sim.requests[1]!.errors[0])).toContain("respond was called a second time");
    stream.end();
    await first.done;
  });
});

describe.each(backends)("the pipeline and the recorder on $name", (backend) => {
  it("records every request with its params as sent, events as sent, errors and outcome", async () => {
    const { client, sim } = await setup(backend, { assistant: { respond: reply.sequence(reply.text("ok"), reply.hiddenContext("h")) } });
    const events = await client.request("threads.create", { input: text("Hi") }, { metadata: { trace: 1 } });
    await client.request("threads.list", { limit: 3 });
    expect(sim.recorder.all.map((r) => [r.type, r.streaming, r.status, r.outcome])).toEqual([
      ["threads.create", true, 200, "completed"],
      ["threads.list", false, 200, "completed"],
    ]);
    const [create, list] = sim.requests;
    expect(create!.params).toEqual({ input: text("Hi") });
    expect(create!.metadata).toEqual({ trace: 1 });
    expect(create!.events).toEqual(events); // the hidden done is neither sent nor recorded
    expect(create!.body).toBeUndefined();
    expect(list!.body).toMatchObject({ data: [{ id: createdThreadId(events) }], has_more: false });
    expect(sim.recorder.last("threads.create")).toBe(create);
    expect(sim.recorder.ofType("threads.list")).toEqual([list]);
    sim.recorder.clear();
    expect(sim.requests).toEqual([]);
  });

  it("an event that is not a valid ThreadStreamEvent ends the stream with stream.error and is recorded as a ValidationError naming the path", async () => {
    const { client, sim } = await setup(backend, {
      assistant: { respond: () => [{ type: "thread.item.done", item: { type: "assistant_message", id: "m", thread_id: "t", created_at: "yesterday", content: [] } }] as never },
    });
    const events = await client.request("threads.create", { input: text("Hi") });
    expect(events.at(-1)).toEqual({ type: "error", code: "stream.error", allow_retry: true });
    const error = sim.requests[0]!.errors[0] as Error & { issues: { path: string }[] };
    expect(error.name).toBe("ValidationError");
    expect(error.issues[0]!.path).toBe("event.item.created_at");
  });

  it("an invalid event's paths are spelled alike whether copyJson or the schema finds the problem (a header key is not an identifier)", async () => {
    const withHeader = (value: unknown) => ({
      type: "thread.item.done",
      item: {
        type: "user_message",
        id: "u",
        thread_id: "t",
        created_at: "2026-01-01T00:00:00Z",
        content: [{ type: "input_text", text: "x" }],
        attachments: [{ type: "file", id: "atc_1", name: "a.txt", mime_type: "text/plain", upload_descriptor: { url: "https://example.com/u", method: "PUT", headers: { "Content-Type": value } } }],
        inference_options: {},
      },
    });
    const paths: string[] = [];
    for (const value of [() => 0, 1]) {
      const { client, sim } = await setup(backend, { assistant: { respond: () => [withHeader(value)] as never } });
      const events = await client.request("threads.create", { input: text("Hi") });
      expect(events.at(-1)).toEqual({ type: "error", code: "stream.error", allow_retry: true });
      const error = sim.requests[0]!.errors[0] as Error & { issues: { path: string }[] };
      expect(error.name).toBe("ValidationError");
      paths.push(error.issues[0]!.path);
    }
    // copyJson (a function) and the schema (a number where a string is due) name the same place, the same way
    expect(paths).toEqual(Array(2).fill('event.item.attachments[0].upload_descriptor.headers["Content-Type"]'));
  });

  it("respond may return a plain array, a generator or an async generator", async () => {
    function* sync() {
      yield { type: "progress_update" as const, text: "sync" };
    }
    const { client, sim } = await setup(backend, { assistant: { respond: () => sync() } });
    expect(shape(await client.request("threads.create", { input: text("a") }))).toContain("progress_update");
    sim.respondWith(() => [{ type: "notice", level: "warning", message: "array" }]);
    const threadId = createdThreadId(sim.requests[0]!.events as ThreadStreamEvent[]);
    expect((await sim.fetch("http://localhost/chatkit", { method: "POST", body: JSON.stringify({ type: "threads.add_user_message", params: { thread_id: threadId, input: text("b") } }) }).then((r) => r.text()))).toContain('"message":"array"');
  });

  it("the default assistant echoes the user's text; setAssistant replaces every hook", async () => {
    const store = new InMemoryStore<Ctx>();
    const sim = new ChatKitSimulator<Ctx>({ store, context: () => alice });
    const client = chatkitClient({ url: "http://x/chatkit", fetch: sim.fetch });
    const events = await client.request("threads.create", { input: text("echo me") });
    expect(events.at(-1)).toMatchObject({ type: "thread.item.done", item: { type: "assistant_message", content: [{ text: "echo me" }] } });
    expect(events[0]).toMatchObject({ thread: { created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/) } });
    sim.setAssistant({ streamOptions: () => ({ allow_cancel: false }) });
    const again = await client.request("threads.add_user_message", { thread_id: createdThreadId(events), input: text("twice") });
    expect(again[1]).toEqual({ type: "stream_options", stream_options: { allow_cancel: false } });
    expect(again.at(-1)).toMatchObject({ item: { content: [{ text: "twice" }] } });
  });

  it("a custom handleStreamCancelled replaces upstream's default", async () => {
    const stream = new StreamController<Ctx>();
    const cancelled: string[][] = [];
    const { client, sim, store } = await setup(backend, {
      assistant: { respond: stream.respond, handleStreamCancelled: async (_t, pending) => void cancelled.push(pending.map((i) => i.id)) },
    });
    const abort = new AbortController();
    const reader = collect(client.stream("threads.create", { input: text("Hi") }, { signal: abort.signal }));
    const { thread, ctx } = await stream.started;
    stream.push({ type: "thread.item.added", item: { type: "assistant_message", id: "m1", thread_id: thread.id, created_at: ctx.now(), content: [] } });
    await reader.next(4);
    abort.abort();
    await sim.settled();
    expect(cancelled).toEqual([["m1"]]);
    expect((await storedItems(store, thread.id)).map((i) => i.type)).toEqual(["user_message"]);
  });
});

describe("a store that throws synchronously inside a streaming flow", () => {
  async function outcomeOf(response: Response): Promise<string> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const outcome = await Promise.race([
      response.text().then(
        (body) => `closed: ${body.slice(-120)}`,
        (error: unknown) => `errored: ${(error as Error).message}`,
      ),
      new Promise<string>((resolve) => (timer = setTimeout(() => resolve("still waiting after 2 s"), 2000))),
    ]);
    clearTimeout(timer);
    return outcome;
  }
  const post = (sim: ChatKitSimulator<Ctx>, body: unknown) => sim.fetch("http://chatkit.test/chatkit", { method: "POST", body: JSON.stringify(body) });

  it.each(["generateThreadId", "generateItemId"] as const)("ends the stream instead of leaving the client waiting when %s throws (threads.create)", async (method) => {
    const store = new InMemoryStore<Ctx>();
    (store as unknown as Record<string, () => never>)[method] = () => {
      throw new Error("id service down");
    };
    const sim = new ChatKitSimulator<Ctx>({ store, context: () => alice });
    const outcome = await outcomeOf(await post(sim, { type: "threads.create", params: { input: text("Hi") } }));
    expect(outcome).not.toBe("still waiting after 2 s");
    expect(outcome).toMatch(/id service down|stream\.error/);
  });

  it("ends the stream when the responder's itemId throws (threads.add_user_message)", async () => {
    const store = new InMemoryStore<Ctx>();
    const sim = new ChatKitSimulator<Ctx>({
      store,
      context: () => alice,
      assistant: {
        respond: (_thread, _input, ctx) => {
          store.generateItemId = () => {
            throw new Error("id service down");
          };
          ctx.itemId("message");
          return [];
        },
      },
    });
    const outcome = await outcomeOf(await post(sim, { type: "threads.create", params: { input: text("Hi") } }));
    expect(outcome).not.toBe("still waiting after 2 s");
  });
});
