/**
 * Model-based testing: one fast-check command per store method (all 14), each run against the store
 * under test and against the {@link ReferenceStore}, comparing every result and every error. Each
 * command prints as a readable call, so a shrunk counterexample reads as a script.
 * @internal
 */
import * as fc from "fast-check";
import { isNotFoundError } from "../../store/errors.js";
import type { Order } from "../../store/Store.js";
import { CheckFailure, type AnyStore } from "../Check.js";
import { describeError, describeValue, firstDifference, jsonEqual } from "../expect.js";
import { ReferenceStore, type Outcome } from "./ReferenceStore.js";

/** The model side of a model-based run. */
export interface Model {
  readonly ref: ReferenceStore;
}

/** The real side: the store under test and one context per scope. */
export interface Real<TContext> {
  readonly store: AnyStore<TContext>;
  readonly contexts: readonly TContext[];
}

/** Ids that are prefixes of each other and carry LIKE/glob metacharacters. */
export const THREAD_POOL = ["thr_a", "thr_ab", "thr_a%", "thr_b"] as const;
export const ITEM_POOL = ["m1", "m1_", "m10", "m2", "m%", "x'"] as const;
export const ATTACHMENT_POOL = ["atc_1", "atc_1%", "atc_2"] as const;
/** Few instants, many spellings: ties are common, and text order differs from instant order. */
export const TIMESTAMP_POOL = [
  "2026-01-01T00:00:00",
  "2026-01-01T00:00:00Z",
  "2026-01-01T02:00:00+02:00",
  "2026-01-01T00:00:00.000001Z",
  "2026-01-01T00:00:00.5",
  "2025-12-31T23:59:59.999999Z",
  "2025-12-31T19:00:01-05:00",
] as const;

type Scoped = { scope: number };
const SCOPE_NAMES = "ABCDEFGH";

function classify(error: unknown): Outcome {
  return isNotFoundError(error) ? { kind: "not-found" } : { kind: "invalid", argument: error instanceof Error ? error.message : String(error) };
}

function describeOutcome(o: Outcome): string {
  if (o.kind === "not-found") return "NotFoundError";
  if (o.kind === "invalid") return "an argument error";
  return o.value === undefined ? "success" : describeValue(o.value);
}

function normalize(value: unknown): unknown {
  if (value && typeof value === "object" && "has_more" in value && Array.isArray((value as { data?: unknown }).data)) {
    const p = value as { data: unknown[]; has_more: unknown; after?: unknown };
    return { data: p.data, has_more: p.has_more, after: p.after ?? null };
  }
  return value;
}

/** One store call, run on both sides. */
class StoreCommand<TContext> implements fc.AsyncCommand<Model, Real<TContext>> {
  constructor(
    private readonly label: string,
    private readonly pre: (m: Readonly<Model>) => boolean,
    private readonly onModel: (ref: ReferenceStore) => Outcome,
    private readonly onReal: (r: Real<TContext>) => Promise<unknown>,
  ) {}

  check(m: Readonly<Model>): boolean {
    return this.pre(m);
  }

  async run(m: Model, r: Real<TContext>): Promise<void> {
    const expected = this.onModel(m.ref);
    let seen: Outcome;
    let error: unknown;
    try {
      seen = { kind: "ok", value: normalize(await this.onReal(r)) };
    } catch (e) {
      error = e;
      seen = classify(e);
    }
    if (seen.kind !== expected.kind) {
      throw new CheckFailure({
        expected: `${this.label} → ${describeOutcome(expected)}`,
        seen: error === undefined ? `it returned ${describeOutcome(seen)}` : `it threw ${describeError(error)}`,
        ...(error === undefined ? {} : { cause: error }),
      });
    }
    if (expected.kind === "ok" && expected.value !== undefined && !jsonEqual(seen.kind === "ok" ? seen.value : undefined, expected.value)) {
      const got = seen.kind === "ok" ? seen.value : undefined;
      throw new CheckFailure({
        expected: `${this.label} → ${describeValue(expected.value)}`,
        seen: `${describeValue(got)} (first difference at ${firstDifference(got, expected.value)})`,
      });
    }
  }

  toString(): string {
    return this.label;
  }
}

function itemOf(threadId: string, id: string, created_at: string, kind: string, text: string): Record<string, unknown> {
  if (kind === "end_of_turn") return { type: "end_of_turn", id, thread_id: threadId, created_at };
  if (kind === "hidden") return { type: "hidden_context_item", id, thread_id: threadId, created_at, content: { note: text, n: null } };
  return { type: "assistant_message", id, thread_id: threadId, created_at, content: [{ type: "output_text", text, annotations: [] }] };
}

function short(item: Record<string, unknown>): string {
  return `{ type: "${String(item.type)}", id: ${JSON.stringify(item.id)}, created_at: "${String(item.created_at)}" }`;
}

/** Options of {@link storeCommands}. */
export interface CommandOptions {
  /** How many scopes (contexts) commands use. */
  scopes: number;
  /** Whether attachment commands are generated. */
  attachments: boolean;
}

/** Arbitraries of all 14 commands. */
export function storeCommands<TContext>(options: CommandOptions): fc.Arbitrary<fc.AsyncCommand<Model, Real<TContext>>>[] {
  const scope = fc.nat({ max: options.scopes - 1 });
  const threadId = fc.constantFrom(...THREAD_POOL);
  const itemId = fc.constantFrom(...ITEM_POOL);
  const attachmentId = fc.constantFrom(...ATTACHMENT_POOL);
  const createdAt = fc.constantFrom(...TIMESTAMP_POOL);
  const limit = fc.oneof({ weight: 12, arbitrary: fc.integer({ min: 1, max: 4 }) }, { weight: 1, arbitrary: fc.constantFrom(0, -1, 1.5) });
  const order = fc.oneof({ weight: 12, arbitrary: fc.constantFrom<Order>("asc", "desc") }, { weight: 1, arbitrary: fc.constant("ASC" as Order) });
  const itemAfter = fc.oneof({ weight: 3, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.constant("") }, { weight: 4, arbitrary: itemId.map(String) });
  const threadAfter = fc.oneof({ weight: 3, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.constant("") }, { weight: 4, arbitrary: threadId.map(String) });
  const item = fc.record({ scope, threadId, id: itemId, created_at: createdAt, kind: fc.constantFrom("message", "end_of_turn", "hidden"), text: fc.constantFrom("hi", "über 😀", "'; --") });
  const at = (s: Scoped) => `@${SCOPE_NAMES[s.scope]}`;
  type C = fc.AsyncCommand<Model, Real<TContext>>;
  const always = () => true;

  const commands: fc.Arbitrary<C>[] = [
    fc.record({ scope }).map((a): C => new StoreCommand(`generateThreadId() ${at(a)}`, always, () => ({ kind: "ok", value: undefined }), async (r) => {
      const id = r.store.generateThreadId(r.contexts[a.scope]!);
      if (typeof id !== "string" || id === "") throw new CheckFailure({ expected: "generateThreadId() returns a non-empty string", seen: describeValue(id) });
    })),
    fc.record({ scope, type: fc.constantFrom("message", "tool_call", "task", "workflow", "sdk_hidden_context" as const) }).map((a): C =>
      new StoreCommand(`generateItemId("${a.type}") ${at(a)}`, always, () => ({ kind: "ok", value: undefined }), async (r) => {
        const id = r.store.generateItemId(a.type, { id: "thr_a", created_at: TIMESTAMP_POOL[0] }, r.contexts[a.scope]!);
        if (typeof id !== "string" || id === "") throw new CheckFailure({ expected: `generateItemId("${a.type}") returns a non-empty string`, seen: describeValue(id) });
      })),
    fc.record({ scope, threadId }).map((a): C => new StoreCommand(`loadThread("${a.threadId}") ${at(a)}`, always, (ref) => ref.loadThread(a.scope, a.threadId), (r) => r.store.loadThread(a.threadId, r.contexts[a.scope]!))),
    fc.record({ scope, threadId, created_at: createdAt, title: fc.option(fc.constantFrom("t1", "Ünï"), { nil: undefined }), withItems: fc.boolean() }).map((a): C => {
      const t: Record<string, unknown> = { id: a.threadId, created_at: a.created_at, status: { type: "active" }, metadata: { v: a.title ?? null } };
      if (a.title !== undefined) t.title = a.title;
      const arg = a.withItems ? { ...t, items: { data: [], has_more: false, after: null } } : t;
      return new StoreCommand(`saveThread({ id: "${a.threadId}", created_at: "${a.created_at}"${a.withItems ? ", items: …" : ""} }) ${at(a)}`, always, (ref) => ref.saveThread(a.scope, arg), (r) => r.store.saveThread(arg as never, r.contexts[a.scope]!));
    }),
    fc.record({ scope, limit, after: threadAfter, order }).map((a): C =>
      new StoreCommand(`loadThreads(${a.limit}, ${JSON.stringify(a.after)}, "${a.order}") ${at(a)}`, always, (ref) => ref.loadThreads(a.scope, a.limit, a.after, a.order), (r) => r.store.loadThreads(a.limit, a.after, a.order, r.contexts[a.scope]!))),
    fc.record({ scope, threadId, after: itemAfter, limit, order }).map((a): C =>
      new StoreCommand(
        `loadThreadItems("${a.threadId}", ${JSON.stringify(a.after)}, ${a.limit}, "${a.order}") ${at(a)}`,
        // A cursor on a missing thread: the contract leaves NotFoundError vs an empty page open; not generated.
        (m) => a.after === null || a.after === "" || m.ref.hasThread(a.scope, a.threadId),
        (ref) => ref.loadThreadItems(a.scope, a.threadId, a.after, a.limit, a.order),
        (r) => r.store.loadThreadItems(a.threadId, a.after, a.limit, a.order, r.contexts[a.scope]!),
      )),
    item.map((a): C => {
      const it = itemOf(a.threadId, a.id, a.created_at, a.kind, a.text);
      // Adding to a missing thread is not specified by the contract; only existing threads get items.
      return new StoreCommand(`addThreadItem("${a.threadId}", ${short(it)}) ${at(a)}`, (m) => m.ref.hasThread(a.scope, a.threadId), (ref) => ref.putItem(a.scope, a.threadId, it), (r) => r.store.addThreadItem(a.threadId, it as never, r.contexts[a.scope]!));
    }),
    item.map((a): C => {
      const it = itemOf(a.threadId, a.id, a.created_at, a.kind, a.text);
      return new StoreCommand(`saveItem("${a.threadId}", ${short(it)}) ${at(a)}`, (m) => m.ref.hasThread(a.scope, a.threadId), (ref) => ref.putItem(a.scope, a.threadId, it), (r) => r.store.saveItem(a.threadId, it as never, r.contexts[a.scope]!));
    }),
    fc.record({ scope, threadId, id: itemId }).map((a): C =>
      new StoreCommand(`loadItem("${a.threadId}", "${a.id}") ${at(a)}`, always, (ref) => ref.loadItem(a.scope, a.threadId, a.id), (r) => r.store.loadItem(a.threadId, a.id, r.contexts[a.scope]!))),
    fc.record({ scope, threadId }).map((a): C =>
      new StoreCommand(`deleteThread("${a.threadId}") ${at(a)}`, always, (ref) => ref.deleteThread(a.scope, a.threadId), (r) => r.store.deleteThread(a.threadId, r.contexts[a.scope]!))),
    fc.record({ scope, threadId, id: itemId }).map((a): C =>
      new StoreCommand(`deleteThreadItem("${a.threadId}", "${a.id}") ${at(a)}`, always, (ref) => ref.deleteThreadItem(a.scope, a.threadId, a.id), (r) => r.store.deleteThreadItem(a.threadId, a.id, r.contexts[a.scope]!))),
  ];
  if (options.attachments) {
    commands.push(
      fc.record({ scope, id: attachmentId, threadId: fc.option(threadId, { nil: null }), image: fc.boolean() }).map((a): C => {
        const att: Record<string, unknown> = a.image
          ? { type: "image", id: a.id, name: "p.png", mime_type: "image/png", preview_url: "https://cdn.example.com/p.png", thread_id: a.threadId }
          : { type: "file", id: a.id, name: "f.txt", mime_type: "text/plain", thread_id: a.threadId, metadata: { by: SCOPE_NAMES[a.scope] } };
        return new StoreCommand(`saveAttachment({ type: "${String(att.type)}", id: "${a.id}", thread_id: ${JSON.stringify(a.threadId)} }) ${at(a)}`, always, (ref) => ref.saveAttachment(a.scope, att), (r) => r.store.saveAttachment(att as never, r.contexts[a.scope]!));
      }),
      fc.record({ scope, id: attachmentId }).map((a): C =>
        new StoreCommand(`loadAttachment("${a.id}") ${at(a)}`, always, (ref) => ref.loadAttachment(a.scope, a.id), (r) => r.store.loadAttachment(a.id, r.contexts[a.scope]!))),
      fc.record({ scope, id: attachmentId }).map((a): C =>
        new StoreCommand(`deleteAttachment("${a.id}") ${at(a)}`, always, (ref) => ref.deleteAttachment(a.scope, a.id), (r) => r.store.deleteAttachment(a.id, r.contexts[a.scope]!))),
    );
  }
  return commands;
}
