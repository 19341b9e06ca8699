/** chatkitClient against the bare simulator (no msw): typed answers, errors, raw posts, aborts. */
import { describe, expect, it } from "vitest";
import { ChatKitHttpError, StreamController, reply } from "chatkit-testkit";
import { backends, createdThreadId, setup, text, type Ctx } from "./support.js";

describe("chatkitClient", () => {
  const backend = backends[0]!;

  it("request resolves JSON bodies and whole streams; stream yields events as they come", async () => {
    const { client } = await setup(backend, { assistant: { respond: reply.text("hey") } });
    const events = await client.request("threads.create", { input: text("Hi") });
    expect(events.map((e) => e.type)).toEqual(["thread.created", "thread.item.done", "stream_options", "thread.item.done"]);
    const threadId = createdThreadId(events);
    const thread = await client.request("threads.get_by_id", { thread_id: threadId });
    expect(thread.items.data.map((i) => i.type)).toEqual(["user_message", "assistant_message"]);
    const types: string[] = [];
    for await (const e of client.stream("threads.add_user_message", { thread_id: threadId, input: text("more") })) types.push(e.type);
    expect(types).toEqual(["thread.item.done", "stream_options", "thread.item.done"]);
  });

  it("a non-2xx answer throws ChatKitHttpError with the status and the error body", async () => {
    const { client } = await setup(backend);
    const error = await client.request("threads.get_by_id", { thread_id: "nope" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChatKitHttpError);
    expect(error).toMatchObject({ status: 404, body: { error: { code: "CHATKIT_NOT_FOUND" } } });
    expect((error as Error).message).toMatch(/^\[chatkit-testkit\] threads\.get_by_id: status 404: \[chatkit-testkit\] .*"nope" not found$/); // the store's own message follows
  });

  it("post sends any body and returns the raw response; headers and metadata travel", async () => {
    const { client, sim } = await setup(backend);
    expect((await client.post("not json")).status).toBe(400);
    await client.request("threads.list", {}, { metadata: { m: 1 }, headers: { "x-user": "carol" } });
    expect(sim.requests.at(-1)).toMatchObject({ metadata: { m: 1 } });
  });

  it("an aborted streaming request rejects with the abort reason and the simulator cancels", async () => {
    const stream = new StreamController<Ctx>();
    const { client, sim } = await setup(backend, { assistant: { respond: stream.respond } });
    const abort = new AbortController();
    const pending = client.request("threads.create", { input: text("Hi") }, { signal: abort.signal });
    await stream.started;
    abort.abort(new Error("user left"));
    await expect(pending).rejects.toThrow("user left");
    await sim.settled();
    expect(sim.requests[0]!.outcome).toBe("cancelled");
  });
});
