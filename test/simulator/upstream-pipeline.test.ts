/**
 * The event pipeline where it was found to differ from upstream's Python ChatKit SDK by replaying its
 * server tests (docs/server-flows.md, "Matching upstream's pipeline"): task updates of a pending
 * workflow, annotations without `type`, and how `created_at` goes out on the wire.
 */
import { describe, expect, it } from "vitest";
import type { Assistant, RespondContext, Task, ThreadItem, ThreadMetadata, WorkflowItem } from "chatkit-testkit";
import { backends, createdThreadId, setup, shape, storedItems, text, type Ctx } from "./support.js";

const search: Task = { type: "web_search", title: "Searching", queries: ["q"], sources: [], status_indicator: "loading" };
const thought: Task = { type: "thought", content: "Thinking", status_indicator: "none" };
const image: Task = { type: "image", title: "Drawing", status_indicator: "none" };

function workflow(thread: ThreadMetadata, ctx: RespondContext<Ctx>, tasks: Task[], id = "wf_1"): WorkflowItem {
  return { type: "workflow", id, thread_id: thread.id, created_at: ctx.now(), workflow: { type: "custom", tasks: structuredClone(tasks), expanded: false } };
}

const url = { type: "url" as const, title: "Example", url: "https://example.com/" };

describe.each(backends)("matching upstream's pipeline on $name", (backend) => {
  describe("workflow.task.added on a pending workflow", () => {
    it("appends the task whatever its task_index says, as a custom handleStreamCancelled sees it", async () => {
      const seen: ThreadItem[][] = [];
      const assistant: Partial<Assistant<Ctx>> = {
        async *respond(thread, _input, ctx) {
          yield { type: "thread.item.added", item: workflow(thread, ctx, [search]) };
          // task_index 0 would put the thought first if it were an insert; upstream appends it
          yield { type: "thread.item.updated", item_id: "wf_1", update: { type: "workflow.task.added", task_index: 0, task: thought } };
          // an index far past the end is appended too
          yield { type: "thread.item.updated", item_id: "wf_1", update: { type: "workflow.task.added", task_index: 7, task: image } };
          ctx.disconnect();
        },
        handleStreamCancelled: async (_thread, pending) => void seen.push(structuredClone(pending)),
      };
      const { client, sim } = await setup(backend, { assistant });
      await expect(client.request("threads.create", { input: text("Hi") })).rejects.toThrow();
      await sim.settled();
      expect(seen).toHaveLength(1);
      expect(seen[0]!.map((i) => i.id)).toEqual(["wf_1"]);
      expect((seen[0]![0] as WorkflowItem).workflow.tasks).toEqual([search, thought, image]);
    });

    it("changes only the pipeline's pending copy: the events go out as the handler yielded them", async () => {
      const { client, store } = await setup(backend, {
        assistant: {
          async *respond(thread, _input, ctx) {
            yield { type: "thread.item.added", item: workflow(thread, ctx, [search]) };
            yield { type: "thread.item.updated", item_id: "wf_1", update: { type: "workflow.task.added", task_index: 0, task: thought } };
            yield { type: "thread.item.done", item: workflow(thread, ctx, [thought, search]) };
          },
        },
      });
      const events = await client.request("threads.create", { input: text("Hi") });
      expect(events[4]).toEqual({ type: "thread.item.updated", item_id: "wf_1", update: { type: "workflow.task.added", task_index: 0, task: thought } });
      const stored = await storedItems(store, createdThreadId(events));
      expect((stored[1] as WorkflowItem).workflow.tasks).toEqual([thought, search]); // the done item is what is stored
    });
  });

  describe("workflow.task.updated on a pending workflow", () => {
    it("with a task_index past the end fails the stream: error event, and the later done item is never stored", async () => {
      const { client, sim, store } = await setup(backend, {
        assistant: {
          async *respond(thread, _input, ctx) {
            yield { type: "thread.item.added", item: workflow(thread, ctx, [search]) };
            yield { type: "thread.item.updated", item_id: "wf_1", update: { type: "workflow.task.updated", task_index: 1, task: thought } };
            yield { type: "thread.item.done", item: workflow(thread, ctx, [search, thought]) };
          },
        },
      });
      const events = await client.request("threads.create", { input: text("Hi") });
      expect(shape(events)).toEqual(["thread.created", "thread.item.done:user_message", "stream_options", "thread.item.added:workflow", "error"]);
      expect(events.at(-1)).toEqual({ type: "error", code: "stream.error", allow_retry: true });
      expect((await storedItems(store, createdThreadId(events))).map((i) => i.type)).toEqual(["user_message"]);
      expect(sim.requests[0]!.errors).toHaveLength(1);
      expect(String(sim.requests[0]!.errors[0])).toContain("task_index 1 is out of range");
    });

    it("within range replaces the task in the pending copy", async () => {
      const seen: ThreadItem[][] = [];
      const { client, sim } = await setup(backend, {
        assistant: {
          async *respond(thread, _input, ctx) {
            yield { type: "thread.item.added", item: workflow(thread, ctx, [search, thought]) };
            yield { type: "thread.item.updated", item_id: "wf_1", update: { type: "workflow.task.updated", task_index: 1, task: image } };
            ctx.disconnect();
          },
          handleStreamCancelled: async (_thread, pending) => void seen.push(structuredClone(pending)),
        },
      });
      await expect(client.request("threads.create", { input: text("Hi") })).rejects.toThrow();
      await sim.settled();
      expect((seen[0]![0] as WorkflowItem).workflow.tasks).toEqual([search, image]);
    });

    it("on a workflow that is not pending touches nothing: the event is sent, whatever its index", async () => {
      const { client, store } = await setup(backend, {
        assistant: {
          async *respond(thread, _input, ctx) {
            yield { type: "thread.item.done", item: workflow(thread, ctx, [search]) };
            yield { type: "thread.item.updated", item_id: "wf_1", update: { type: "workflow.task.updated", task_index: 5, task: thought } };
          },
        },
      });
      const events = await client.request("threads.create", { input: text("Hi") });
      expect(shape(events).slice(2)).toEqual(["stream_options", "thread.item.done:workflow", "thread.item.updated:workflow.task.updated"]);
      expect((await storedItems(store, createdThreadId(events))).map((i) => i.type)).toEqual(["user_message", "workflow"]);
    });
  });

  describe("an annotation without type", () => {
    it("defaults to type \"annotation\": the stream goes on, the wire carries the default, the store keeps what it was given", async () => {
      const { client, sim, store } = await setup(backend, {
        assistant: {
          async *respond(thread, _input, ctx) {
            const base = { type: "assistant_message" as const, id: "msg_a", thread_id: thread.id, created_at: ctx.now() };
            yield { type: "thread.item.added", item: { ...base, content: [] } };
            yield {
              type: "thread.item.updated",
              item_id: "msg_a",
              update: { type: "assistant_message.content_part.annotation_added", content_index: 0, annotation_index: 0, annotation: { source: url, index: 2 } },
            };
            yield { type: "thread.item.done", item: { ...base, content: [{ type: "output_text", text: "See", annotations: [{ source: url }] }] } };
          },
        },
      });
      const events = await client.request("threads.create", { input: text("Hi") });
      expect(shape(events).slice(2)).toEqual(["stream_options", "thread.item.added:assistant_message", "thread.item.updated:assistant_message.content_part.annotation_added", "thread.item.done:assistant_message"]);
      expect(sim.requests[0]!.errors).toEqual([]);
      expect(events[4]).toMatchObject({ update: { annotation: { type: "annotation", source: url, index: 2 } } });
      expect(events[5]).toMatchObject({ item: { content: [{ type: "output_text", text: "See", annotations: [{ type: "annotation", source: url }] }] } });
      const threadId = createdThreadId(events);
      const [, stored] = await storedItems(store, threadId);
      expect(stored).toMatchObject({ content: [{ annotations: [{ source: url }] }] });
      expect((stored as { content: { annotations: object[] }[] }).content[0]!.annotations[0]).not.toHaveProperty("type");
      const thread = await client.request("threads.get_by_id", { thread_id: threadId });
      expect(thread.items.data[1]).toMatchObject({ content: [{ annotations: [{ type: "annotation", source: url }] }] });
    });

    it("with another type is still rejected (stream.error)", async () => {
      const { client } = await setup(backend, {
        assistant: {
          async *respond(thread, _input, ctx) {
            yield { type: "thread.item.done", item: { type: "assistant_message", id: "msg_b", thread_id: thread.id, created_at: ctx.now(), content: [{ text: "x", annotations: [{ type: "citation", source: url }] }] } } as never;
          },
        },
      });
      const events = await client.request("threads.create", { input: text("Hi") });
      expect(events.at(-1)).toEqual({ type: "error", code: "stream.error", allow_retry: true });
    });
  });

  describe("created_at on the wire (a kept difference)", () => {
    // What the stores hold or the responder yielded, and what upstream would send for it: it parses the
    // value into a datetime and writes it back (6 fractional digits or none, `Z` for a zero offset, no
    // offset for a naive time). The simulator sends the first column, unchanged: see
    // docs/server-flows.md, "Matching upstream's pipeline", for why.
    const forms: [stored: string, upstream: string][] = [
      ["2026-01-02T03:04:06.5", "2026-01-02T03:04:06.500000"],
      ["2026-01-02T03:04:06.123Z", "2026-01-02T03:04:06.123000Z"],
      ["2026-01-02T03:04:06.000Z", "2026-01-02T03:04:06Z"],
      ["2026-01-02T03:04:06+00:00", "2026-01-02T03:04:06Z"],
      ["2026-01-02T03:04:06.25-0530", "2026-01-02T03:04:06.250000-05:30"],
      ["2026-01-02 03:04", "2026-01-02T03:04:00"],
      ["2026-01-02T03:04:06.1234567Z", "2026-01-02T03:04:06.123456Z"],
    ];

    it.each(forms)("%s is sent as stored (upstream would send %s)", async (stored) => {
      const { client, store, ctx } = await setup(backend, {
        clock: () => stored,
        assistant: {
          async *respond(thread, _input, c) {
            yield { type: "thread.item.done", item: { type: "end_of_turn", id: "eot_1", thread_id: thread.id, created_at: c.now() } };
          },
        },
      });
      const events = await client.request("threads.create", { input: text("Hi") });
      const threadId = createdThreadId(events);
      const sent = events.flatMap((e) => ("thread" in e ? [e.thread.created_at] : "item" in e ? [e.item.created_at] : []));
      expect(sent).toEqual([stored, stored, stored]);
      expect((await store.loadThread(threadId, ctx)).created_at).toBe(stored);
      const thread = await client.request("threads.get_by_id", { thread_id: threadId });
      expect([thread.created_at, ...thread.items.data.map((i) => i.created_at)]).toEqual([stored, stored, stored]);
    });
  });
});

