/**
 * Shared by the simulator tests: the store backends every flow runs on, a deterministic clock, request
 * builders and store dumps that use only the Store API (so they work on every backend).
 */
import { expect } from "vitest";
import {
  ChatKitSimulator,
  InMemoryStore,
  chatkitClient,
  recordingStore,
  type Assistant,
  type AttachmentStore,
  type ChatKitClient,
  type RecordingStore,
  type Store,
  type ThreadItem,
  type ThreadMetadata,
  type ThreadStreamEvent,
  type UserMessageInput,
} from "chatkit-testkit";
import { createPgMemStore } from "chatkit-testkit/postgres";

/** A store backend the flows run against. */
export interface Backend {
  readonly name: string;
  create(): Promise<Store<Ctx>>;
}

/** The context every test request carries (the default scope reads `user_id`). */
export type Ctx = { user_id: string };
export const alice: Ctx = { user_id: "alice" };
export const bob: Ctx = { user_id: "bob" };

/** Every flow suite is `describe.each(backends)`: InMemoryStore and PostgresStore on pg-mem. */
export const backends: Backend[] = [
  { name: "InMemoryStore", create: async () => new InMemoryStore<Ctx>() },
  { name: "PostgresStore on pg-mem", create: async () => createPgMemStore<Ctx>() },
];

/** A clock that advances one second per call from `start`: distinct, ordered, readable timestamps. */
export function steppingClock(start = "2026-03-01T10:00:00.000Z"): () => string {
  let t = Date.parse(start);
  return () => {
    const s = new Date(t).toISOString();
    t += 1000;
    return s;
  };
}

/** A clock that always says the same instant: every thread, message and reply ties. */
export const frozenClock = (at = "2026-03-01T10:00:00.000Z") => () => at;

/** A user message input with one text part. */
export function text(value: string, attachments: string[] = []): UserMessageInput {
  return { content: [{ type: "input_text", text: value }], attachments, inference_options: {} };
}

/** A simulator on a fresh store of `backend`, wrapped in a recording store, with a client that uses `sim.fetch`. */
export async function setup(
  backend: Backend,
  options: { assistant?: Partial<Assistant<Ctx>>; attachmentStore?: AttachmentStore<Ctx>; clock?: () => string; context?: Ctx; store?: Store<Ctx> } = {},
): Promise<{ sim: ChatKitSimulator<Ctx>; store: RecordingStore<Ctx>; inner: Store<Ctx>; client: ChatKitClient; ctx: Ctx }> {
  const inner = options.store ?? (await backend.create());
  const store = recordingStore(inner);
  const ctx = options.context ?? alice;
  const sim = new ChatKitSimulator<Ctx>({
    store,
    attachmentStore: options.attachmentStore,
    assistant: options.assistant,
    clock: options.clock ?? steppingClock(),
    context: (request) => ({ user_id: request.headers.get("x-user") ?? ctx.user_id }),
  });
  const client = chatkitClient({ url: "http://localhost/chatkit", fetch: sim.fetch });
  return { sim, store, inner, client, ctx };
}

/** The innermost store of a recordingStore/faultyStore, so reading state records no calls. */
export function unwrap(store: Store<Ctx>): Store<Ctx> {
  let s = store;
  while ((s as unknown as { inner?: Store<Ctx> }).inner) s = (s as unknown as { inner: Store<Ctx> }).inner;
  return s;
}

/** Every item of a thread, oldest first, straight from the store. */
export async function storedItems(store: Store<Ctx>, threadId: string, ctx: Ctx = alice): Promise<ThreadItem[]> {
  const page = await unwrap(store).loadThreadItems(threadId, null, 10_000, "asc", ctx);
  expect(page.has_more).toBe(false);
  return page.data;
}

/** Every thread of a scope, oldest first, with its items: a backend-independent dump of the store. */
export async function dump(store: Store<Ctx>, ctx: Ctx = alice): Promise<{ thread: ThreadMetadata; items: ThreadItem[] }[]> {
  const threads = await unwrap(store).loadThreads(10_000, null, "asc", ctx);
  return Promise.all(threads.data.map(async (thread) => ({ thread, items: await storedItems(store, thread.id, ctx) })));
}

/** The `type`s of some events; `thread.item.*` events also name their item type (`thread.item.done:user_message`). */
export function shape(events: readonly ThreadStreamEvent[]): string[] {
  return events.map((e) => ("item" in e ? `${e.type}:${e.item.type}` : "update" in e ? `${e.type}:${e.update.type}` : e.type));
}

/** The thread id announced by a `threads.create` stream. */
export function createdThreadId(events: readonly ThreadStreamEvent[]): string {
  const created = events.find((e) => e.type === "thread.created");
  if (!created || created.type !== "thread.created") throw new Error(`no thread.created in ${shape(events).join(", ")}`);
  return created.thread.id;
}

/** Seeds a thread with `n` end_of_turn items, one second apart (store calls only). */
export async function seedThread(store: Store<Ctx>, id: string, n: number, ctx: Ctx = alice, extra: Partial<ThreadMetadata> = {}): Promise<string[]> {
  await store.saveThread({ id, created_at: "2026-01-01T00:00:00Z", ...extra }, ctx);
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const itemId = `${id}_item_${String(i).padStart(2, "0")}`;
    ids.push(itemId);
    await store.addThreadItem(id, { type: "end_of_turn", id: itemId, thread_id: id, created_at: new Date(Date.UTC(2026, 0, 1, 0, 0, i + 1)).toISOString() }, ctx);
  }
  return ids;
}
