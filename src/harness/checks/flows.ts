/**
 * Server flows: the store driven by ChatKitSimulator exactly as the Python server drives it, where ties
 * and cursor bugs bite (docs/upstream.md §3.2, §4.3).
 * @internal
 */
import { reply, type Responder } from "../../simulator/assistant.js";
import { ChatKitSimulator } from "../../simulator/ChatKitSimulator.js";
import { chatkitClient } from "../../simulator/client.js";
import type { Store } from "../../store/Store.js";
import { CheckFailure, defineChecks } from "../Check.js";
import { describeError, expectEqual, expectOk } from "../expect.js";

const T0 = "2026-01-01T00:00:00Z";
const URL_ = "http://chatkit.test/chatkit";

/** A simulator over the store whose clock never moves: every thread, message and reply ties. */
function simulate<TContext>(store: unknown, context: TContext, respond: Responder<TContext>) {
  const sim = new ChatKitSimulator<TContext>({ store: store as Store<TContext>, context: () => context, clock: () => T0, assistant: { respond } });
  return chatkitClient({ url: URL_, fetch: sim.fetch });
}

type Client = ReturnType<typeof chatkitClient>;

async function request<T>(client: Client, what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw new CheckFailure({ expected: `${what} succeeds through the simulated server`, seen: `it failed: ${describeError(error)}`, cause: error });
  }
}

/** The visible items of a thread, oldest first, as `{type, text}` (via items.list, paged in asc). */
async function visibleItems(client: Client, threadId: string): Promise<{ id: string; type: string; text?: string }[]> {
  const out: { id: string; type: string; text?: string }[] = [];
  let after: string | undefined;
  for (let guard = 0; guard < 50; guard++) {
    const page = await request(client, "items.list", () => client.request("items.list", { thread_id: threadId, order: "asc", limit: 3, ...(after ? { after } : {}) }));
    for (const item of page.data) {
      const text = item.type === "assistant_message" ? item.content.map((c) => c.text).join("") : item.type === "user_message" ? item.content.map((c) => ("text" in c ? c.text : "")).join("") : undefined;
      out.push({ id: item.id, type: item.type, ...(text === undefined ? {} : { text }) });
    }
    if (!page.has_more) return out;
    after = page.after ?? undefined;
  }
  throw new CheckFailure({ expected: "items.list paging ends", seen: "more than 50 pages" });
}

const userInput = (text: string) => ({ content: [{ type: "input_text" as const, text }], attachments: [], inference_options: {} });

/** Server flows through the simulator. */
export const checks = defineChecks("flows", [
  {
    id: "flows.retry-after-item-ties",
    statement: "threads.retry_after_item through a ChatKit server deletes every item after the user message — also replies with the same created_at — and answers again",
    rules: ["C-ORDER", "C-PAGE", "C-DELETE"],
    kind: "example",
    async run(env) {
      const { store, contexts } = await env.fresh();
      let turn = 0;
      const client = simulate(store, contexts[0], async function* (thread, input, ctx) {
        turn++;
        yield* reply.text<typeof contexts[0]>(turn === 1 ? "first answer" : "second answer")(thread, input, ctx);
      });
      const created = await request(client, "threads.create", () => client.request("threads.create", { input: userInput("question") }));
      const threadId = created[0]?.type === "thread.created" ? created[0].thread.id : null;
      if (!threadId) throw new CheckFailure({ expected: "threads.create emits thread.created first", seen: created.map((e) => e.type).join(", ") });
      await request(client, "threads.add_user_message", () => client.request("threads.add_user_message", { thread_id: threadId, input: userInput("follow-up") }));
      const before = await visibleItems(client, threadId);
      expectEqual(before.map((i) => i.text), ["question", "first answer", "follow-up", "second answer"], "items after two turns, all at one created_at (insertion order)");
      turn = 2;
      await request(client, "threads.retry_after_item", () => client.request("threads.retry_after_item", { thread_id: threadId, item_id: before[0]!.id }));
      const after = await visibleItems(client, threadId);
      expectEqual(after.map((i) => i.text), ["question", "second answer"], "items after retrying the first user message (every later item deleted, one new answer)");
    },
  },
  {
    id: "flows.client-tool-output-hidden-after",
    statement: "threads.add_client_tool_output through a ChatKit server completes the pending call even when a hidden item with the same created_at was written after it",
    rules: ["C-ORDER", "C-ITEM-SAVE"],
    kind: "example",
    async run(env) {
      const { store, contexts } = await env.fresh();
      let turn = 0;
      const client = simulate(store, contexts[0], async function* (thread, input, ctx) {
        turn++;
        if (turn === 1) {
          yield* reply.clientToolCall<typeof contexts[0]>("get_weather", { city: "Zürich" }, { callId: "call_1" })(thread, input, ctx);
          yield* reply.hiddenContext<typeof contexts[0]>({ note: "written after the tool call" })(thread, input, ctx);
        } else {
          yield* reply.text<typeof contexts[0]>("It is sunny.")(thread, input, ctx);
        }
      });
      const created = await request(client, "threads.create", () => client.request("threads.create", { input: userInput("weather?") }));
      const threadId = created[0]?.type === "thread.created" ? created[0].thread.id : "";
      const events = await request(client, "threads.add_client_tool_output", () => client.request("threads.add_client_tool_output", { thread_id: threadId, result: { temperature: 21 } }));
      const types = events.map((e) => e.type);
      if (types.includes("error")) {
        throw new CheckFailure({ expected: "threads.add_client_tool_output streams an answer", seen: `events ${types.join(", ")}` });
      }
      const page = await expectOk(() => store.loadThreadItems(threadId, null, 20, "asc", contexts[0]));
      const calls = page.data.filter((i) => (i as { type: string }).type === "client_tool_call") as { status?: string; output?: unknown }[];
      expectEqual(calls.map((c) => ({ status: c.status, output: c.output })), [{ status: "completed", output: { temperature: 21 } }], "the one client tool call, completed with the output");
      expectEqual((await visibleItems(client, threadId)).map((i) => i.type), ["user_message", "client_tool_call", "assistant_message"], "visible items: message, completed call, answer");
    },
  },
]);
