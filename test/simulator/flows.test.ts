/**
 * The server-level flows of docs/upstream.md §5.5 (1–15), replayed through the simulator on every backend,
 * with their event sequences, the store state they leave and their wire details.
 */
import { describe, expect, it } from "vitest";
import {
  CustomStreamError,
  FakeAttachmentStore,
  InMemoryStore,
  STORE_METHODS,
  StreamController,
  StreamError,
  faultyStore,
  isNotFoundError,
  readEvents,
  reply,
  type Attachment,
  type AttachmentStore,
  type ClientToolCallItem,
  type Store,
  type ThreadItem,
  type ThreadMetadata,
  type ThreadStreamEvent,
} from "chatkit-testkit";
import { alice, backends, createdThreadId, frozenClock, seedThread, setup, shape, storedItems, text, type Ctx } from "./support.js";

const widget = { type: "Card", children: [{ type: "Text", value: "Pick one", id: "t1" }] };

/** Every attachment object anywhere in a JSON value. */
function attachmentsIn(value: unknown, out: Record<string, unknown>[] = []): Record<string, unknown>[] {
  if (Array.isArray(value)) value.forEach((v) => attachmentsIn(v, out));
  else if (value !== null && typeof value === "object") {
    const v = value as Record<string, unknown>;
    if (Array.isArray(v.attachments)) out.push(...(v.attachments as Record<string, unknown>[]));
    if ((v.type === "file" || v.type === "image") && typeof v.mime_type === "string") out.push(v);
    Object.values(v).forEach((x) => attachmentsIn(x, out));
  }
  return out;
}

describe.each(backends)("UPSTREAM §5.5 server flows on $name", (backend) => {
  it("§5.5-1 threads.create: thread.created, the user message, stream_options, then the reply; the thread is loadable before thread.created", async () => {
    let eventsWhenSaved = -1;
    let loadedWhenSaved: ThreadMetadata | null = null;
    const inner = await backend.create();
    const { sim, store, client } = await setup(backend, {
      store: {
        ...Object.fromEntries(STORE_METHODS.map((m) => [m, (inner[m] as (...a: unknown[]) => unknown).bind(inner)])),
        async saveThread(thread: ThreadMetadata, ctx: Ctx) {
          await inner.saveThread(thread, ctx);
          if (eventsWhenSaved === -1) {
            loadedWhenSaved = await inner.loadThread(thread.id, ctx);
            eventsWhenSaved = sim.requests.at(-1)!.events.length;
          }
        },
      } as Store<Ctx>,
      assistant: { respond: reply.text("Hello!") },
    });
    const events = await client.request("threads.create", { input: text("Hi") });
    expect(shape(events)).toEqual(["thread.created", "thread.item.done:user_message", "stream_options", "thread.item.done:assistant_message"]);
    expect(eventsWhenSaved).toBe(0);
    expect(loadedWhenSaved!.id).toBe(createdThreadId(events));
    expect(events[2]).toEqual({ type: "stream_options", stream_options: { allow_cancel: true } });
    const threadId = createdThreadId(events);
    const items = await storedItems(store, threadId);
    expect(items.map((i) => i.type)).toEqual(["user_message", "assistant_message"]);
    expect(items[0]).toMatchObject({ thread_id: threadId, content: [{ type: "input_text", text: "Hi" }], attachments: [], inference_options: {} });
    expect(store.methods()).toEqual(["generateThreadId", "saveThread", "generateItemId", "addThreadItem", "generateItemId", "addThreadItem"]);
  });

  it("§5.5-1 (C-ATTACH): attachments are re-saved with thread_id, embedded whole in the stored message, and sent without metadata", async () => {
    const attachments = new FakeAttachmentStore<Ctx>({ metadata: (p) => ({ owner: "integrator", name: p.name }) });
    const { store, client } = await setup(backend, { attachmentStore: attachments, assistant: { respond: reply.none() } });
    const created = await client.request("attachments.create", { name: "a.png", size: 3, mime_type: "image/png" });
    expect(created).not.toHaveProperty("metadata");
    expect((await store.inner.loadAttachment(created.id, alice)).metadata).toEqual({ owner: "integrator", name: "a.png" });
    const events = await client.request("threads.create", { input: text("see attached", [created.id]) });
    const threadId = createdThreadId(events);
    expect(store.methods()).toEqual([
      "saveAttachment",
      "generateThreadId",
      "saveThread",
      "generateItemId",
      "loadAttachment",
      "saveAttachment",
      "addThreadItem",
    ]);
    const saved = await store.loadAttachment(created.id, alice);
    expect(saved.thread_id).toBe(threadId);
    expect(saved.metadata).toEqual({ owner: "integrator", name: "a.png" });
    const [message] = await storedItems(store, threadId);
    expect(message).toMatchObject({ type: "user_message", attachments: [{ id: created.id, thread_id: threadId, metadata: { owner: "integrator", name: "a.png" } }] });
    const byId = await client.request("threads.get_by_id", { thread_id: threadId });
    const page = await client.request("items.list", { thread_id: threadId });
    const sent = attachmentsIn([created, events, byId, page]);
    expect(sent.length).toBeGreaterThanOrEqual(4);
    for (const a of sent) {
      expect(a).not.toHaveProperty("metadata");
      expect(a.id).toBe(created.id);
    }
    expect(attachmentsIn(events)[0]).toMatchObject({ thread_id: threadId, upload_descriptor: { method: "PUT" } });
  });

  it("§5.5-2 (C-PAGE): 25 threads; threads.list{limit:20} is the newest 20 with has_more and after; the next page has 5 and no after", async () => {
    const { store, client } = await setup(backend);
    const ids: string[] = [];
    for (let i = 0; i < 25; i++) {
      const id = `thr_${String(i).padStart(2, "0")}`;
      ids.push(id);
      await store.saveThread({ id, created_at: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString(), metadata: { i } }, alice);
    }
    const first = await client.request("threads.list", { limit: 20 });
    expect(first.data.map((t) => t.id)).toEqual([...ids].reverse().slice(0, 20));
    expect(first.has_more).toBe(true);
    expect(first.after).toBe("thr_05");
    for (const t of first.data) expect(t).toMatchObject({ metadata: {}, items: { data: [], has_more: false }, status: { type: "active" } });
    const second = await client.request("threads.list", { after: first.after! });
    expect(second.data.map((t) => t.id)).toEqual(["thr_04", "thr_03", "thr_02", "thr_01", "thr_00"]);
    expect(second.has_more).toBe(false);
    expect(second).not.toHaveProperty("after");
    const asc = await client.request("threads.list", { limit: 0, order: "asc" });
    expect(asc.data.map((t) => t.id)).toEqual(ids.slice(0, 20)); // limit 0 means the default, 20
    expect(store.callsTo("loadThreads").map((c) => c.args)).toEqual([
      [20, null, "desc"],
      [20, "thr_05", "desc"],
      [20, null, "asc"],
    ]);
  });

  it("§5.5-3 (C-PAGE): 26 items; items.list defaults to 20 newest first, the next page holds 6; no load_thread", async () => {
    const { store, client } = await setup(backend);
    const ids = await seedThread(store, "thr_a", 26);
    store.clear();
    const first = await client.request("items.list", { thread_id: "thr_a" });
    expect(first.data.map((i) => i.id)).toEqual([...ids].reverse().slice(0, 20));
    expect(first.has_more).toBe(true);
    const second = await client.request("items.list", { thread_id: "thr_a", after: first.after });
    expect(second.data.map((i) => i.id)).toEqual([...ids].reverse().slice(20));
    expect(second).toEqual({ data: second.data, has_more: false });
    expect(store.methods()).toEqual(["loadThreadItems", "loadThreadItems"]);
    expect(await client.request("items.list", { thread_id: "thr_missing" })).toEqual({ data: [], has_more: false }); // C-MISSING-THREAD
  });

  it("§5.5-4: threads.get_by_id is the oldest 20 items ascending, hidden ones removed, metadata {}, null title and domains omitted", async () => {
    const { store, client } = await setup(backend);
    const ids = await seedThread(store, "thr_a", 24, alice, { metadata: { secret: "never sent" }, title: null, allowed_image_domains: null });
    await store.saveItem("thr_a", { type: "hidden_context_item", id: ids[3]!, thread_id: "thr_a", created_at: "2026-01-01T00:00:04Z", content: { a: null } }, alice);
    await store.saveItem("thr_a", { type: "sdk_hidden_context", id: ids[7]!, thread_id: "thr_a", created_at: "2026-01-01T00:00:08Z", content: "x" }, alice);
    store.clear();
    const thread = await client.request("threads.get_by_id", { thread_id: "thr_a" });
    expect(thread.items.data.map((i) => i.id)).toEqual(ids.slice(0, 20).filter((_, k) => k !== 3 && k !== 7));
    expect(thread.items.has_more).toBe(true);
    expect(thread.items.after).toBe(ids[19]);
    expect(thread.metadata).toEqual({});
    expect(thread).not.toHaveProperty("title");
    expect(thread).not.toHaveProperty("allowed_image_domains");
    expect(thread.status).toEqual({ type: "active" });
    expect(store.calls.map((c) => [c.method, ...c.args])).toEqual([
      ["loadThread", "thr_a"],
      ["loadThreadItems", "thr_a", null, 20, "asc"],
    ]);
    await store.saveThread({ id: "thr_a", created_at: "2026-01-01T00:00:00Z", title: "Named", allowed_image_domains: ["img.example"] }, alice);
    expect(await client.request("threads.get_by_id", { thread_id: "thr_a" })).toMatchObject({ title: "Named", allowed_image_domains: ["img.example"] });
  });

  it("§5.5-5: a hidden thread.item.done is stored, not forwarded, and absent from items.list and get_by_id (a page can be empty with has_more)", async () => {
    const { store, client } = await setup(backend, {
      assistant: { respond: reply.sequence(reply.text("visible"), reply.hiddenContext({ note: null }), reply.hiddenContext(1), reply.hiddenContext("last")) },
    });
    const events = await client.request("threads.create", { input: text("Hi") });
    expect(shape(events)).toEqual(["thread.created", "thread.item.done:user_message", "stream_options", "thread.item.done:assistant_message"]);
    const threadId = createdThreadId(events);
    const items = await storedItems(store, threadId);
    expect(items.map((i) => i.type)).toEqual(["user_message", "assistant_message", "hidden_context_item", "hidden_context_item", "hidden_context_item"]);
    expect(items[2]).toMatchObject({ content: { note: null } });
    const page = await client.request("items.list", { thread_id: threadId, limit: 2 });
    expect(page).toEqual({ data: [], has_more: true, after: items[3]!.id });
    const next = await client.request("items.list", { thread_id: threadId, limit: 2, after: page.after });
    expect(next.data.map((i) => i.type)).toEqual(["assistant_message"]);
    const thread = await client.request("threads.get_by_id", { thread_id: threadId });
    expect(thread.items.data.map((i) => i.type)).toEqual(["user_message", "assistant_message"]);
  });

  it("§5.5-6: removed deletes, replaced replaces in place (type change included), added + updated stores nothing", async () => {
    const { store, client, sim } = await setup(backend, { assistant: { respond: reply.sequence(reply.text("one"), reply.text("two")) } });
    const threadId = createdThreadId(await client.request("threads.create", { input: text("Hi") }));
    const [user, one, two] = await storedItems(store, threadId);
    sim.respondWith(
      reply.events(
        { type: "thread.item.removed", item_id: one!.id },
        { type: "thread.item.replaced", item: { type: "widget", id: two!.id, thread_id: threadId, created_at: two!.created_at, widget } },
        { type: "thread.item.added", item: { type: "assistant_message", id: "msg_pending", thread_id: threadId, created_at: "2026-03-01T11:00:00Z", content: [] } },
        { type: "thread.item.updated", item_id: "msg_pending", update: { type: "assistant_message.content_part.text_delta", content_index: 0, delta: "never stored" } },
      ),
    );
    store.clear();
    const events = await client.request("threads.add_user_message", { thread_id: threadId, input: text("again") });
    expect(shape(events)).toEqual([
      "thread.item.done:user_message",
      "stream_options",
      "thread.item.removed",
      "thread.item.replaced:widget",
      "thread.item.added:assistant_message",
      "thread.item.updated:assistant_message.content_part.text_delta",
    ]);
    const after = await storedItems(store, threadId);
    expect(after.map((i) => [i.id, i.type])).toEqual([
      [user!.id, "user_message"],
      [two!.id, "widget"],
      [after[2]!.id, "user_message"],
    ]);
    expect(store.methods()).toEqual(["loadThread", "generateItemId", "addThreadItem", "deleteThreadItem", "saveItem"]);
  });

  it("§5.5-7 cancellation: a pending assistant message keeps its text, then an sdk_hidden_context marker is the newest item; no error event", async () => {
    const stream = new StreamController<Ctx>();
    const { store, client, sim } = await setup(backend, { assistant: { respond: stream.respond } });
    const abort = new AbortController();
    const seen: ThreadStreamEvent[] = [];
    const reading = (async () => {
      for await (const e of client.stream("threads.create", { input: text("Hi") }, { signal: abort.signal })) {
        seen.push(e);
        if (e.type === "thread.item.updated") abort.abort();
      }
    })();
    const { thread, ctx } = await stream.started;
    stream.push(
      { type: "thread.item.added", item: { type: "assistant_message", id: "msg_partial", thread_id: thread.id, created_at: ctx.now(), content: [] } },
      { type: "thread.item.added", item: { type: "assistant_message", id: "msg_blank", thread_id: thread.id, created_at: ctx.now(), content: [{ type: "output_text", text: "  " }] } },
      { type: "thread.item.added", item: { type: "widget", id: "w_pending", thread_id: thread.id, created_at: ctx.now(), widget } },
      { type: "thread.item.updated", item_id: "msg_partial", update: { type: "assistant_message.content_part.text_delta", content_index: 0, delta: "Half an ans" } },
    );
    await expect(reading).rejects.toThrow();
    await sim.settled();
    expect(sim.requests[0]!.outcome).toBe("cancelled");
    expect(seen.some((e) => e.type === "error")).toBe(false);
    const items = await storedItems(store, thread.id);
    expect(items.map((i) => i.type)).toEqual(["user_message", "assistant_message", "sdk_hidden_context"]);
    expect(items[1]).toMatchObject({ id: "msg_partial", content: [{ text: "Half an ans" }] });
    expect(items[2]).toMatchObject({ content: "The user cancelled the stream. Stop responding to the prior request." });
    expect(items[2]!.id).toMatch(/^shcx_/);
  });

  it("§5.5-7: cancelling with only an empty pending message stores just the marker", async () => {
    const stream = new StreamController<Ctx>();
    const { store, client, sim } = await setup(backend, { assistant: { respond: stream.respond } });
    const abort = new AbortController();
    const reading = (async () => {
      for await (const e of client.stream("threads.create", { input: text("Hi") }, { signal: abort.signal })) if (e.type === "thread.item.added") abort.abort();
    })();
    const { thread } = await stream.started;
    stream.push({ type: "thread.item.added", item: { type: "assistant_message", id: "msg_empty", thread_id: thread.id, created_at: "2026-03-01T11:00:00Z", content: [] } });
    await expect(reading).rejects.toThrow();
    await sim.settled();
    expect((await storedItems(store, thread.id)).map((i) => i.type)).toEqual(["user_message", "sdk_hidden_context"]);
  });

  it("§5.5-8: mutating the thread in respond saves it and emits thread.updated after that event and at the end; metadata is still sent as {}", async () => {
    const respond = async function* (thread: ThreadMetadata, _input: unknown, ctx: { itemId(t: "message"): string; now(): string }): AsyncGenerator<ThreadStreamEvent> {
      yield { type: "progress_update", text: "thinking" };
      thread.title = "Named by respond";
      thread.metadata = { topic: "tests" };
      yield { type: "thread.item.done", item: { type: "assistant_message", id: ctx.itemId("message"), thread_id: thread.id, created_at: ctx.now(), content: [{ text: "ok" }] } };
      yield { type: "notice", level: "info", message: "no change here" };
      thread.status = { type: "locked", reason: "done" };
      thread.allowed_image_domains = ["cdn.example"];
    };
    const { store, client } = await setup(backend, { assistant: { respond } });
    const events = await client.request("threads.create", { input: text("Hi") });
    expect(shape(events)).toEqual([
      "thread.created",
      "thread.item.done:user_message",
      "stream_options",
      "progress_update",
      "thread.item.done:assistant_message",
      "thread.updated",
      "notice",
      "thread.updated",
    ]);
    const [first, last] = events.filter((e) => e.type === "thread.updated") as Extract<ThreadStreamEvent, { type: "thread.updated" }>[];
    expect(first!.thread).toMatchObject({ title: "Named by respond", metadata: {}, status: { type: "active" } });
    expect(last!.thread).toMatchObject({ title: "Named by respond", metadata: {}, status: { type: "locked", reason: "done" }, allowed_image_domains: ["cdn.example"] });
    const threadId = createdThreadId(events);
    expect(await store.loadThread(threadId, alice)).toMatchObject({
      title: "Named by respond",
      metadata: { topic: "tests" },
      status: { type: "locked", reason: "done" },
      allowed_image_domains: ["cdn.example"],
    });
    expect(store.callsTo("saveThread")).toHaveLength(3);
    expect((await storedItems(store, threadId)).length).toBe(2); // saving a Thread never touches its items (C-THREAD-SAVE)
  });

  it("§5.5-9: a throwing responder ends the stream with error(stream.error, allow_retry: true); CustomStreamError and StreamError pick the event", async () => {
    const { sim, client } = await setup(backend, { assistant: { respond: reply.sequence(reply.text("before"), reply.error(new TypeError("boom")), reply.text("never")) } });
    const events = await client.request("threads.create", { input: text("Hi") });
    expect(shape(events)).toEqual(["thread.created", "thread.item.done:user_message", "stream_options", "thread.item.done:assistant_message", "error"]);
    expect(events.at(-1)).toEqual({ type: "error", code: "stream.error", allow_retry: true });
    expect(sim.requests[0]!.errors).toEqual([new TypeError("boom")]);
    expect(sim.requests[0]!.outcome).toBe("completed");
    const threadId = createdThreadId(events);

    sim.respondWith(reply.error(new CustomStreamError("Quota exceeded, try later", { allowRetry: true })));
    expect((await client.request("threads.add_user_message", { thread_id: threadId, input: text("again") })).at(-1)).toEqual({
      type: "error",
      code: "custom",
      message: "Quota exceeded, try later",
      allow_retry: true,
    });
    sim.respondWith(reply.error(new CustomStreamError("plain")));
    expect((await client.request("threads.add_user_message", { thread_id: threadId, input: text("again") })).at(-1)).toEqual({
      type: "error",
      code: "custom",
      message: "plain",
      allow_retry: false,
    });
    sim.respondWith(reply.error(new StreamError()));
    expect((await client.request("threads.add_user_message", { thread_id: threadId, input: text("again") })).at(-1)).toEqual({
      type: "error",
      code: "stream.error",
      allow_retry: true,
    });
  });

  it("§5.5-9, §4.4 step 5: a store write that fails inside the pipeline becomes an error event; the failed event and later ones are not sent", async () => {
    const store = faultyStore(await backend.create(), { method: "addThreadItem", nth: 2 });
    const { sim, client } = await setup(backend, { store, assistant: { respond: reply.sequence(reply.text("lost"), reply.text("dropped")) } });
    const events = await client.request("threads.create", { input: text("Hi") });
    expect(shape(events)).toEqual(["thread.created", "thread.item.done:user_message", "stream_options", "error"]);
    expect(events.at(-1)).toEqual({ type: "error", code: "stream.error", allow_retry: true });
    expect((sim.requests[0]!.errors[0] as Error).name).toBe("InjectedFault");
    expect((await storedItems(store, createdThreadId(events))).map((i) => i.type)).toEqual(["user_message"]);
  });

  it("§5.5-10: retry_after_item deletes every newer item (hidden ones too, no events) and responds to that message again", async () => {
    const { store, client, sim } = await setup(backend, { assistant: { respond: reply.sequence(reply.text("first answer"), reply.hiddenContext("memo"), reply.text("more")) } });
    const events = await client.request("threads.create", { input: text("Question") });
    const threadId = createdThreadId(events);
    const [question, ...older] = await storedItems(store, threadId);
    expect(older.map((i) => i.type)).toEqual(["assistant_message", "hidden_context_item", "assistant_message"]);
    sim.respondWith(reply.text((input) => `retry of ${input!.content[0]!.type === "input_text" ? input!.content[0]!.text : ""}`));
    store.clear();
    const retried = await client.request("threads.retry_after_item", { thread_id: threadId, item_id: question!.id });
    expect(shape(retried)).toEqual(["stream_options", "thread.item.done:assistant_message"]);
    const after = await storedItems(store, threadId);
    expect(after.map((i) => i.id).slice(0, 1)).toEqual([question!.id]);
    expect(after.map((i) => i.type)).toEqual(["user_message", "assistant_message"]);
    expect(after[1]).toMatchObject({ content: [{ text: "retry of Question" }] });
    expect(store.methods()).toEqual(["loadThread", "loadThreadItems", "deleteThreadItem", "deleteThreadItem", "deleteThreadItem", "generateItemId", "addThreadItem"]);
    expect(store.callsTo("deleteThreadItem").map((c) => c.args[1])).toEqual(older.map((i) => i.id).reverse());
  });

  it("§5.5-10 (C-ORDER contract fix): a reply with the SAME created_at as the user message is deleted by a retry (upstream keeps it)", async () => {
    const { store, client, sim } = await setup(backend, { clock: frozenClock(), assistant: { respond: reply.text("old reply") } });
    const threadId = createdThreadId(await client.request("threads.create", { input: text("Q") }));
    const [question, oldReply] = await storedItems(store, threadId);
    expect(oldReply!.created_at).toBe(question!.created_at);
    sim.respondWith(reply.text("new reply"));
    await client.request("threads.retry_after_item", { thread_id: threadId, item_id: question!.id });
    const after = await storedItems(store, threadId);
    expect(after.map((i) => i.id)).not.toContain(oldReply!.id);
    expect(after.map((i) => (i.type === "assistant_message" ? i.content[0]!.text : i.type))).toEqual(["user_message", "new reply"]);
  });

  it("§5.5-10: retry_after_item pages back in steps of 20 to find an old message", async () => {
    const { store, client, sim } = await setup(backend, { assistant: { respond: reply.none() } });
    const threadId = createdThreadId(await client.request("threads.create", { input: text("Q") }));
    const [question] = await storedItems(store, threadId);
    for (let i = 0; i < 45; i++) {
      await store.addThreadItem(threadId, { type: "end_of_turn", id: `eot_${i}`, thread_id: threadId, created_at: new Date(Date.UTC(2026, 3, 1, 0, 0, i)).toISOString() }, alice);
    }
    sim.respondWith(reply.text("again"));
    store.clear();
    await client.request("threads.retry_after_item", { thread_id: threadId, item_id: question!.id });
    expect(store.callsTo("loadThreadItems").map((c) => c.args.slice(1))).toEqual([
      [null, 20, "desc"],
      ["eot_25", 20, "desc"],
      ["eot_5", 20, "desc"],
    ]);
    expect((await storedItems(store, threadId)).map((i) => i.type)).toEqual(["user_message", "assistant_message"]);
  });

  it("§5.5-10: an unknown item_id gives an empty stream; a non-user item aborts the stream and deletes nothing", async () => {
    const { store, client, sim } = await setup(backend, { assistant: { respond: reply.text("answer") } });
    const threadId = createdThreadId(await client.request("threads.create", { input: text("Q") }));
    const before = await storedItems(store, threadId);
    expect(await client.request("threads.retry_after_item", { thread_id: threadId, item_id: "msg_nope" })).toEqual([]);
    expect(sim.requests.at(-1)!.outcome).toBe("completed");
    await expect(client.request("threads.retry_after_item", { thread_id: threadId, item_id: before[1]!.id })).rejects.toThrow();
    await sim.settled();
    expect(sim.requests.at(-1)!.outcome).toBe("failed");
    expect(String(sim.requests.at(-1)!.errors[0])).toContain("must be a user_message, got assistant_message");
    expect(await storedItems(store, threadId)).toEqual(before);
  });

  it("§5.5-11: add_client_tool_output completes the pending call via saveItem, deletes other pending calls among the newest 20, then responds", async () => {
    const { store, client, sim } = await setup(backend, { assistant: { respond: reply.sequence(reply.clientToolCall("get_location", { precise: null }, { callId: "call_1" })) } });
    const threadId = createdThreadId(await client.request("threads.create", { input: text("Where am I?") }));
    const [, call] = await storedItems(store, threadId);
    await store.addThreadItem(
      threadId,
      { type: "client_tool_call", id: "tc_stale", thread_id: threadId, created_at: "2026-03-01T09:00:00Z", status: "pending", call_id: "stale", name: "x", arguments: {} },
      alice,
    );
    sim.respondWith(reply.text((_, thread) => `resumed in ${thread.id}`));
    store.clear();
    const events = await client.request("threads.add_client_tool_output", { thread_id: threadId, result: { lat: 1, lon: null } });
    expect(shape(events)).toEqual(["stream_options", "thread.item.done:assistant_message"]);
    const items = await storedItems(store, threadId);
    const done = items.find((i) => i.id === call!.id) as ClientToolCallItem;
    expect(done).toMatchObject({ status: "completed", output: { lat: 1, lon: null }, call_id: "call_1", arguments: { precise: null } });
    expect(items.map((i) => i.id)).not.toContain("tc_stale");
    expect(store.calls.map((c) => [c.method, ...c.args.slice(0, 1), ...(c.method === "loadThreadItems" ? c.args.slice(1) : [])])).toEqual([
      ["loadThread", threadId],
      ["loadThreadItems", threadId, null, 20, "desc"],
      ["saveItem", threadId],
      ["loadThreadItems", threadId, null, 20, "desc"],
      ["deleteThreadItem", threadId],
      ["generateItemId", "message"],
      ["addThreadItem", threadId],
    ]);
  });

  it("§5.5-11 (contract fix, UPSTREAM §6.16): a hidden item written after the call does not break add_client_tool_output", async () => {
    const { store, client, sim } = await setup(backend, { assistant: { respond: reply.sequence(reply.clientToolCall("confirm"), reply.hiddenContext({ awaiting: "confirm" })) } });
    const threadId = createdThreadId(await client.request("threads.create", { input: text("Do it") }));
    const items = await storedItems(store, threadId);
    expect(items.map((i) => i.type)).toEqual(["user_message", "client_tool_call", "hidden_context_item"]);
    sim.respondWith(reply.text("confirmed"));
    const events = await client.request("threads.add_client_tool_output", { thread_id: threadId, result: true });
    expect(shape(events)).toEqual(["stream_options", "thread.item.done:assistant_message"]);
    expect(await store.loadItem(threadId, items[1]!.id, alice)).toMatchObject({ status: "completed", output: true });
  });

  it("§5.5-11: without a pending call the stream is aborted and nothing changes", async () => {
    const { store, client, sim } = await setup(backend, { assistant: { respond: reply.text("no tools") } });
    const threadId = createdThreadId(await client.request("threads.create", { input: text("Hi") }));
    const before = await storedItems(store, threadId);
    await expect(client.request("threads.add_client_tool_output", { thread_id: threadId, result: 1 })).rejects.toThrow();
    await sim.settled();
    expect(sim.requests.at(-1)!.outcome).toBe("failed");
    expect(String(sim.requests.at(-1)!.errors[0])).toContain("no pending client_tool_call among the newest 20 items");
    expect(await storedItems(store, threadId)).toEqual(before);
  });

  it("§5.5-12: custom_action with a non-widget item_id yields exactly one error(stream.error, allow_retry: false); a widget sender reaches `action`", async () => {
    const senders: unknown[] = [];
    const { store, client } = await setup(backend, {
      assistant: {
        respond: reply.widget(widget, { copyText: "Pick one" }),
        action: async function* (thread, action, sender, ctx) {
          senders.push(sender?.id ?? null);
          yield { type: "thread.item.replaced", item: { ...sender!, widget: { type: "Card", children: [{ type: "Text", value: `chose ${String((action.payload as { pick: string }).pick)}` }] } } };
          yield { type: "client_effect", name: "confetti", data: { at: null } };
          void thread;
          void ctx;
        },
      },
    });
    const events = await client.request("threads.create", { input: text("Show options") });
    const threadId = createdThreadId(events);
    const [user, card] = await storedItems(store, threadId);
    expect(card).toMatchObject({ type: "widget", copy_text: "Pick one", widget });
    expect(await client.request("threads.custom_action", { thread_id: threadId, item_id: user!.id, action: { type: "pick", payload: { pick: "a" } } })).toEqual([
      { type: "error", code: "stream.error", allow_retry: false },
    ]);
    const acted = await client.request("threads.custom_action", { thread_id: threadId, item_id: card!.id, action: { type: "pick", payload: { pick: "b" } } });
    expect(shape(acted)).toEqual(["stream_options", "thread.item.replaced:widget", "client_effect"]);
    expect(acted[2]).toEqual({ type: "client_effect", name: "confetti", data: { at: null } });
    expect(senders).toEqual([card!.id]);
    expect(await store.loadItem(threadId, card!.id, alice)).toMatchObject({ widget: { children: [{ value: "chose b" }] } });
  });

  it("§5.5-13: threads.delete then threads.get_by_id is a NotFoundError (404 here); deleting an unknown thread returns {}", async () => {
    const { store, client, sim } = await setup(backend, { assistant: { respond: reply.text("hi") } });
    const threadId = createdThreadId(await client.request("threads.create", { input: text("Hi") }));
    expect(await client.request("threads.delete", { thread_id: threadId })).toEqual({});
    const error = await client.request("threads.get_by_id", { thread_id: threadId }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "ChatKitHttpError", status: 404, body: { error: { code: "CHATKIT_NOT_FOUND", path: null } } });
    expect(isNotFoundError(sim.requests.at(-1)!.errors[0])).toBe(true);
    expect(await client.request("threads.delete", { thread_id: "thr_unknown" })).toEqual({});
    expect(store.callsTo("loadThread").map((c) => c.args[0])).toEqual([threadId]); // delete never loads
    expect(await storedItems(store, threadId)).toEqual([]);
  });

  it("§5.5-14: attachments.* without an AttachmentStore fail (status 500) before touching the store", async () => {
    const { store, client } = await setup(backend);
    for (const [type, params] of [
      ["attachments.create", { name: "a.txt", size: 1, mime_type: "text/plain" }],
      ["attachments.delete", { attachment_id: "atc_1" }],
    ] as const) {
      const error = await client.request(type, params as never).catch((e: unknown) => e);
      expect(error).toMatchObject({ status: 500, body: { error: { code: "CHATKIT_SERVER_ERROR" } } });
      expect((error as Error).message).toContain("no attachmentStore");
    }
    expect(store.calls).toEqual([]);
  });

  it("§5.5-14: with an AttachmentStore, create carries upload_descriptor (URL normalised, method, headers) and no metadata; delete removes bytes then record", async () => {
    const calls: string[] = [];
    const attachmentStore: AttachmentStore<Ctx> = {
      generateAttachmentId: () => "atc_fixed",
      async createAttachment(params) {
        calls.push("createAttachment");
        return {
          type: "image",
          id: "atc_fixed",
          name: params.name,
          mime_type: params.mime_type,
          preview_url: "https://CDN.Example.com",
          upload_descriptor: { url: "https://Uploads.Example.com", method: "POST", headers: { "x-token": "t" } },
          metadata: { bucket: "b" },
          thread_id: null,
        } satisfies Attachment;
      },
      async deleteAttachment(id) {
        calls.push(`deleteAttachment ${id}`);
      },
    };
    const { store, client } = await setup(backend, { attachmentStore });
    const created = await client.request("attachments.create", { name: "cat.png", size: 10, mime_type: "image/png" });
    expect(created).toEqual({
      type: "image",
      id: "atc_fixed",
      name: "cat.png",
      mime_type: "image/png",
      preview_url: "https://cdn.example.com/",
      upload_descriptor: { url: "https://uploads.example.com/", method: "POST", headers: { "x-token": "t" } },
    });
    expect(await store.loadAttachment("atc_fixed", alice)).toMatchObject({ metadata: { bucket: "b" } });
    expect(await client.request("attachments.delete", { attachment_id: "atc_fixed" })).toEqual({});
    expect(calls).toEqual(["createAttachment", "deleteAttachment atc_fixed"]);
    await expect(store.loadAttachment("atc_fixed", alice)).rejects.toSatisfy(isNotFoundError);
    expect(store.methods()).toEqual(["saveAttachment", "loadAttachment", "deleteAttachment", "loadAttachment"]);
  });

  it("§5.5-15: SSE framing: every chunk is one `data: {json}\\n\\n` frame without a raw newline, and no event: lines", async () => {
    const { sim } = await setup(backend, { assistant: { respond: reply.sequence(reply.stream(["line one\n", "line two\r\n", "\u2028end"]), reply.text("a\n\nb")) } });
    const response = await sim.fetch("http://localhost/chatkit", { method: "POST", body: JSON.stringify({ type: "threads.create", params: { input: text("multi\nline") } }) });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/event-stream");
    const chunks: string[] = [];
    const decoder = new TextDecoder();
    for await (const chunk of response.body!) chunks.push(decoder.decode(chunk));
    expect(chunks.length).toBe(sim.requests[0]!.events.length);
    expect(chunks.length).toBe(11); // created, user done, stream_options, added, part added, 3 deltas, part done, done, done
    for (const chunk of chunks) {
      expect(chunk).toMatch(/^data: \{.*\}\n\n$/s);
      expect(chunk.slice(0, -2)).not.toMatch(/[\n\r]/);
      expect(JSON.parse(chunk.slice(6))).toEqual(sim.requests[0]!.events[chunks.indexOf(chunk)]);
    }
  });
});

describe("wire details", () => {
  it("§2.1: server output omits null model fields, keeps nulls inside free-form values, strips attachment metadata, sends thread metadata as {}", async () => {
    const store = new InMemoryStore<Ctx>();
    await store.saveThread({ id: "thr_w", created_at: "2026-01-01T00:00:00Z", title: null, metadata: { private: true }, status: { type: "closed", reason: null } }, alice);
    const items: ThreadItem[] = [
      {
        type: "user_message",
        id: "u1",
        thread_id: "thr_w",
        created_at: "2026-01-01T00:00:01Z",
        content: [{ type: "input_tag", id: "tag", text: "@x", data: { k: null } }],
        attachments: [{ type: "file", id: "atc_1", name: "f", mime_type: "text/plain", metadata: { m: 1 }, upload_descriptor: null, thread_id: "thr_w" }],
        quoted_text: null,
        inference_options: { tool_choice: null, model: null },
      },
      { type: "client_tool_call", id: "c1", thread_id: "thr_w", created_at: "2026-01-01T00:00:02Z", call_id: "c", name: "n", arguments: { a: null }, output: null },
      {
        type: "assistant_message",
        id: "a1",
        thread_id: "thr_w",
        created_at: "2026-01-01T00:00:03Z",
        content: [{ text: "t", annotations: [{ type: "annotation", index: null, source: { type: "entity", id: "e", title: "E", label: null } }] }],
      },
      { type: "workflow", id: "w1", thread_id: "thr_w", created_at: "2026-01-01T00:00:04Z", workflow: { type: "reasoning", tasks: [{ type: "web_search", title: null }], summary: null } },
      { type: "widget", id: "wd", thread_id: "thr_w", created_at: "2026-01-01T00:00:05Z", widget: { type: "Card", key: null, children: [{ type: "Text", value: null, extra: { deep: null } }] }, copy_text: null },
      { type: "structured_input", id: "s1", thread_id: "thr_w", created_at: "2026-01-01T00:00:06Z", inputs: [{ type: "multiple_choice", id: "q", question: "?", options: [{ value: "a" }], answer: null }] },
    ];
    for (const item of items) await store.addThreadItem("thr_w", item, alice);
    const { client } = await setup(backends[0]!, { store });
    const thread = await client.request("threads.get_by_id", { thread_id: "thr_w" });
    expect(thread).toEqual({
      id: "thr_w",
      created_at: "2026-01-01T00:00:00Z",
      status: { type: "closed" },
      metadata: {},
      items: {
        data: [
          {
            type: "user_message",
            id: "u1",
            thread_id: "thr_w",
            created_at: "2026-01-01T00:00:01Z",
            content: [{ type: "input_tag", id: "tag", text: "@x", data: { k: null }, interactive: false }],
            attachments: [{ type: "file", id: "atc_1", name: "f", mime_type: "text/plain", thread_id: "thr_w" }],
            inference_options: {},
          },
          { type: "client_tool_call", id: "c1", thread_id: "thr_w", created_at: "2026-01-01T00:00:02Z", call_id: "c", name: "n", arguments: { a: null }, status: "pending" },
          {
            type: "assistant_message",
            id: "a1",
            thread_id: "thr_w",
            created_at: "2026-01-01T00:00:03Z",
            content: [{ text: "t", type: "output_text", annotations: [{ type: "annotation", source: { type: "entity", id: "e", title: "E", interactive: false, data: {} } }] }],
          },
          {
            type: "workflow",
            id: "w1",
            thread_id: "thr_w",
            created_at: "2026-01-01T00:00:04Z",
            workflow: { type: "reasoning", tasks: [{ type: "web_search", status_indicator: "none", queries: [], sources: [] }], expanded: false },
          },
          { type: "widget", id: "wd", thread_id: "thr_w", created_at: "2026-01-01T00:00:05Z", widget: { type: "Card", children: [{ type: "Text", extra: {} }] } },
          {
            type: "structured_input",
            id: "s1",
            thread_id: "thr_w",
            created_at: "2026-01-01T00:00:06Z",
            status: "pending",
            inputs: [{ type: "multiple_choice", id: "q", question: "?", options: [{ value: "a" }], multiple: false }],
          },
        ],
        has_more: false,
      },
    });
  });

  it("§2.1: a hidden item's content keeps its nulls in thread.item.added and replaced events (which are not filtered, as upstream)", async () => {
    const { client } = await setup(backends[0]!, {
      assistant: {
        respond: (thread, _input, ctx) => [
          { type: "thread.item.added", item: { type: "hidden_context_item", id: "h1", thread_id: thread.id, created_at: ctx.now(), content: { a: null } } },
          { type: "thread.item.replaced", item: { type: "hidden_context_item", id: "h1", thread_id: thread.id, created_at: ctx.now(), content: [null] } },
        ],
      },
    });
    const events = await client.request("threads.create", { input: text("Hi") });
    expect(events.slice(3)).toMatchObject([{ item: { content: { a: null } } }, { item: { content: [null] } }]);
  });

  it("§5.1-2: the store's id generators decide thread and message ids", async () => {
    let n = 0;
    const store = new InMemoryStore<Ctx>({ generateId: (type) => `${type}_custom_${++n}` });
    const { client } = await setup(backends[0]!, { store, assistant: { respond: reply.none() } });
    const events = await client.request("threads.create", { input: text("Hi") });
    expect(createdThreadId(events)).toBe("thread_custom_1");
    expect(events[1]).toMatchObject({ type: "thread.item.done", item: { id: "message_custom_2", thread_id: "thread_custom_1" } });
  });

  it("readEvents reads a simulator stream as typed events", async () => {
    const { sim } = await setup(backends[0]!, { assistant: { respond: reply.text("yo") } });
    const response = await sim.fetch("http://localhost/chatkit", { method: "POST", body: JSON.stringify({ type: "threads.create", params: { input: text("Hi") } }) });
    const types: string[] = [];
    for await (const e of readEvents(response)) types.push(e.type);
    expect(types).toEqual(["thread.created", "thread.item.done", "stream_options", "thread.item.done"]);
  });
});
