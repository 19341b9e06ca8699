/**
 * Model-based testing: one fast-check command per store method (all 14), each run against the store
 * under test and against the {@link ReferenceStore}, comparing every result and every error. Each
 * command prints as a readable call, so a shrunk counterexample reads as a script.
 * @internal
 */
import * as fc from "fast-check";
import { isNotFoundError } from "../../errors/errors.js";
import type { ModelTypes, Order, STORE_METHODS } from "../../store/Store.js";
import { CheckFailure, type AnyStore } from "../Check.js";
import { argumentErrorProblem, describeError, describeValue, firstDifference, jsonEqual } from "../expect.js";
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
/** null, an id, or the k-th row (asc) of the listing when the command runs. */
type Cursor = string | null | { row: number };

function showCursor(c: Cursor): string {
  return c !== null && typeof c === "object" ? `<row ${c.row} of the asc listing>` : JSON.stringify(c);
}

/** Resolves a cursor against the model's current asc listing; an empty listing gives null. */
function resolveCursor(c: Cursor, rows: readonly { id: string }[]): string | null {
  if (c === null || typeof c !== "object") return c;
  return rows.length === 0 ? null : rows[c.row % rows.length]!.id;
}
const SCOPE_NAMES = "ABCDEFGH";

function classify(error: unknown): Outcome {
  return isNotFoundError(error) ? { kind: "not-found" } : { kind: "invalid", arguments: [] };
}

function describeOutcome(o: Outcome): string {
  if (o.kind === "not-found") return "NotFoundError";
  if (o.kind === "invalid") return o.arguments.length ? `an argument error naming ${o.arguments.map((a) => `\`${a}\``).join(" or ")}` : "an argument error";
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
class StoreCommand<TContext, A = undefined> implements fc.AsyncCommand<Model, Real<TContext>> {
  constructor(
    private readonly label: string,
    private readonly pre: (m: Readonly<Model>) => boolean,
    private readonly onModel: (ref: ReferenceStore, args: A) => Outcome,
    private readonly onReal: (r: Real<TContext>, args: A) => Promise<unknown>,
    /** Resolves run-time arguments from the model (e.g. "the 2nd row" → its id), the same for both sides. */
    private readonly prepare: (ref: ReferenceStore) => A = () => undefined as A,
  ) {}

  check(m: Readonly<Model>): boolean {
    return this.pre(m);
  }

  async run(m: Model, r: Real<TContext>): Promise<void> {
    const args = this.prepare(m.ref);
    const expected = this.onModel(m.ref, args);
    let seen: Outcome;
    let error: unknown;
    try {
      seen = { kind: "ok", value: normalize(await this.onReal(r, args)) };
    } catch (e) {
      error = e;
      seen = classify(e);
    }
    const call = args === undefined ? this.label : `${this.label} [after = ${JSON.stringify(args)}]`;
    if (seen.kind !== expected.kind) {
      throw new CheckFailure({
        expected: `${call} → ${describeOutcome(expected)}`,
        seen: error === undefined ? `it returned ${describeOutcome(seen)}` : `it threw ${describeError(error)}`,
        ...(error === undefined ? {} : { cause: error }),
      });
    }
    if (expected.kind === "invalid" && expected.arguments.length && expected.arguments.every((a) => argumentErrorProblem(error, a) !== null)) {
      throw new CheckFailure({
        expected: `${call} → ${describeOutcome(expected)}`,
        seen: `it threw ${describeError(error)}: ${argumentErrorProblem(error, expected.arguments[0]!)}`,
        cause: error,
      });
    }
    if (expected.kind === "ok" && expected.value !== undefined && !jsonEqual(seen.kind === "ok" ? seen.value : undefined, expected.value)) {
      const got = seen.kind === "ok" ? seen.value : undefined;
      throw new CheckFailure({
        expected: `${call} → ${describeValue(expected.value)}`,
        seen: `${describeValue(got)} (first difference at ${firstDifference(got, expected.value)})`,
      });
    }
  }

  toString(): string {
    return this.label;
  }
}

/** A JSON record that is also the given type of the store's data model: what both sides accept. */
type JsonOf<T> = T & Record<string, unknown>;

function itemOf(threadId: string, id: string, created_at: string, kind: string, text: string): JsonOf<ModelTypes["item"]> {
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
  // Biased toward one busy scope and thread, so pages with several rows, ties and cursors are common;
  // the other scopes and threads (prefixes of it, with metacharacters) still appear.
  const scope = options.scopes === 1 ? fc.constant(0) : fc.oneof({ weight: 6, arbitrary: fc.constant(0) }, { weight: 2, arbitrary: fc.integer({ min: 1, max: options.scopes - 1 }) });
  const threadId = fc.oneof({ weight: 5, arbitrary: fc.constant(THREAD_POOL[0]) }, { weight: 3, arbitrary: fc.constantFrom(...THREAD_POOL.slice(1)) });
  const itemId = fc.constantFrom(...ITEM_POOL);
  const attachmentId = fc.constantFrom(...ATTACHMENT_POOL);
  const createdAt = fc.constantFrom(...TIMESTAMP_POOL);
  const limit = fc.oneof({ weight: 12, arbitrary: fc.integer({ min: 1, max: 4 }) }, { weight: 1, arbitrary: fc.constantFrom(0, -1, 1.5) });
  const order = fc.oneof({ weight: 12, arbitrary: fc.constantFrom<Order>("asc", "desc") }, { weight: 1, arbitrary: fc.constant("ASC" as Order) });
  // A cursor is null, "", an id from the pool (often unknown or foreign), or "row k of the current listing",
  // resolved from the model when the command runs, so valid cursors inside tie groups are common.
  const cursorOf = (pool: fc.Arbitrary<string>) =>
    fc.oneof(
      { weight: 2, arbitrary: fc.constant<Cursor>(null) },
      { weight: 1, arbitrary: fc.constant<Cursor>("") },
      { weight: 2, arbitrary: pool as fc.Arbitrary<Cursor> },
      { weight: 5, arbitrary: fc.nat({ max: 7 }).map((row): Cursor => ({ row })) },
    );
  const itemAfter = cursorOf(itemId.map(String));
  const threadAfter = cursorOf(threadId.map(String));
  const item = fc.record({ scope, threadId, id: itemId, created_at: createdAt, kind: fc.constantFrom("message", "end_of_turn", "hidden"), text: fc.constantFrom("hi", "über 😀", "'; --") });
  const at = (s: Scoped) => `@${SCOPE_NAMES[s.scope]}`;
  type C = fc.AsyncCommand<Model, Real<TContext>>;
  const always = () => true;

  // One command per store method, by name (a missing or unknown method is a type error).
  const commands: { readonly [M in StoreMethod]: fc.Arbitrary<C> } = {
    generateThreadId: fc.record({ scope }).map((a): C => new StoreCommand(`generateThreadId() ${at(a)}`, always, () => ({ kind: "ok", value: undefined }), async (r) => {
      const id = r.store.generateThreadId(r.contexts[a.scope]!);
      if (typeof id !== "string" || id === "") throw new CheckFailure({ expected: "generateThreadId() returns a non-empty string", seen: describeValue(id) });
    })),
    generateItemId: fc.record({ scope, type: fc.constantFrom("message", "tool_call", "task", "workflow", "sdk_hidden_context" as const) }).map((a): C =>
      new StoreCommand(`generateItemId("${a.type}") ${at(a)}`, always, () => ({ kind: "ok", value: undefined }), async (r) => {
        const id = r.store.generateItemId(a.type, { id: "thr_a", created_at: TIMESTAMP_POOL[0] }, r.contexts[a.scope]!);
        if (typeof id !== "string" || id === "") throw new CheckFailure({ expected: `generateItemId("${a.type}") returns a non-empty string`, seen: describeValue(id) });
      })),
    loadThread: fc.record({ scope, threadId }).map((a): C => new StoreCommand(`loadThread("${a.threadId}") ${at(a)}`, always, (ref) => ref.loadThread(a.scope, a.threadId), (r) => r.store.loadThread(a.threadId, r.contexts[a.scope]!))),
    saveThread: fc.record({ scope, threadId, created_at: createdAt, title: fc.option(fc.constantFrom("t1", "Ünï"), { nil: undefined }), withItems: fc.boolean() }).map((a): C => {
      const t: JsonOf<ModelTypes["thread"]> = { id: a.threadId, created_at: a.created_at, status: { type: "active" }, metadata: { v: a.title ?? null } };
      if (a.title !== undefined) t.title = a.title;
      const arg: JsonOf<ModelTypes["thread"]> = a.withItems ? { ...t, items: { data: [], has_more: false, after: null } } : t;
      return new StoreCommand(`saveThread({ id: "${a.threadId}", created_at: "${a.created_at}"${a.withItems ? ", items: …" : ""} }) ${at(a)}`, always, (ref) => ref.saveThread(a.scope, arg), (r) => r.store.saveThread(arg, r.contexts[a.scope]!));
    }),
    loadThreads: fc.record({ scope, limit, after: threadAfter, order }).map((a): C =>
      new StoreCommand<TContext, string | null>(
        `loadThreads(${a.limit}, ${showCursor(a.after)}, "${a.order}") ${at(a)}`,
        always,
        (ref, after) => ref.loadThreads(a.scope, a.limit, after, a.order),
        (r, after) => r.store.loadThreads(a.limit, after, a.order, r.contexts[a.scope]!),
        (ref) => resolveCursor(a.after, ref.listThreads(a.scope)),
      )),
    loadThreadItems: fc.record({ scope, threadId, after: itemAfter, limit, order }).map((a): C =>
      new StoreCommand<TContext, string | null>(
        `loadThreadItems("${a.threadId}", ${showCursor(a.after)}, ${a.limit}, "${a.order}") ${at(a)}`,
        // A cursor on a missing thread: the contract leaves NotFoundError vs an empty page open; not generated.
        (m) => a.after === null || a.after === "" || m.ref.hasThread(a.scope, a.threadId),
        (ref, after) => ref.loadThreadItems(a.scope, a.threadId, after, a.limit, a.order),
        (r, after) => r.store.loadThreadItems(a.threadId, after, a.limit, a.order, r.contexts[a.scope]!),
        (ref) => resolveCursor(a.after, ref.listItems(a.scope, a.threadId)),
      )),
    addThreadItem: item.map((a): C => {
      const it = itemOf(a.threadId, a.id, a.created_at, a.kind, a.text);
      // Adding to a missing thread is not specified by the contract; only existing threads get items.
      return new StoreCommand(`addThreadItem("${a.threadId}", ${short(it)}) ${at(a)}`, (m) => m.ref.hasThread(a.scope, a.threadId), (ref) => ref.putItem(a.scope, a.threadId, it), (r) => r.store.addThreadItem(a.threadId, it, r.contexts[a.scope]!));
    }),
    saveItem: item.map((a): C => {
      const it = itemOf(a.threadId, a.id, a.created_at, a.kind, a.text);
      return new StoreCommand(`saveItem("${a.threadId}", ${short(it)}) ${at(a)}`, (m) => m.ref.hasThread(a.scope, a.threadId), (ref) => ref.putItem(a.scope, a.threadId, it), (r) => r.store.saveItem(a.threadId, it, r.contexts[a.scope]!));
    }),
    loadItem: fc.record({ scope, threadId, id: itemId }).map((a): C =>
      new StoreCommand(`loadItem("${a.threadId}", "${a.id}") ${at(a)}`, always, (ref) => ref.loadItem(a.scope, a.threadId, a.id), (r) => r.store.loadItem(a.threadId, a.id, r.contexts[a.scope]!))),
    deleteThread: fc.record({ scope, threadId }).map((a): C =>
      new StoreCommand(`deleteThread("${a.threadId}") ${at(a)}`, always, (ref) => ref.deleteThread(a.scope, a.threadId), (r) => r.store.deleteThread(a.threadId, r.contexts[a.scope]!))),
    deleteThreadItem: fc.record({ scope, threadId, id: itemId }).map((a): C =>
      new StoreCommand(`deleteThreadItem("${a.threadId}", "${a.id}") ${at(a)}`, always, (ref) => ref.deleteThreadItem(a.scope, a.threadId, a.id), (r) => r.store.deleteThreadItem(a.threadId, a.id, r.contexts[a.scope]!))),
    saveAttachment: fc.record({ scope, id: attachmentId, threadId: fc.option(threadId, { nil: null }), image: fc.boolean() }).map((a): C => {
      const att: JsonOf<ModelTypes["attachment"]> = a.image
        ? { type: "image", id: a.id, name: "p.png", mime_type: "image/png", preview_url: "https://cdn.example.com/p.png", thread_id: a.threadId }
        : { type: "file", id: a.id, name: "f.txt", mime_type: "text/plain", thread_id: a.threadId, metadata: { by: SCOPE_NAMES[a.scope] } };
      return new StoreCommand(`saveAttachment({ type: "${String(att.type)}", id: "${a.id}", thread_id: ${JSON.stringify(a.threadId)} }) ${at(a)}`, always, (ref) => ref.saveAttachment(a.scope, att), (r) => r.store.saveAttachment(att, r.contexts[a.scope]!));
    }),
    loadAttachment: fc.record({ scope, id: attachmentId }).map((a): C =>
      new StoreCommand(`loadAttachment("${a.id}") ${at(a)}`, always, (ref) => ref.loadAttachment(a.scope, a.id), (r) => r.store.loadAttachment(a.id, r.contexts[a.scope]!))),
    deleteAttachment: fc.record({ scope, id: attachmentId }).map((a): C =>
      new StoreCommand(`deleteAttachment("${a.id}") ${at(a)}`, always, (ref) => ref.deleteAttachment(a.scope, a.id), (r) => r.store.deleteAttachment(a.id, r.contexts[a.scope]!))),
  };
  return weighted(commands, options);
}

type StoreMethod = (typeof STORE_METHODS)[number];

/** The commands of the attachment methods: generated only when the store declares attachments. */
const ATTACHMENT_COMMANDS: ReadonlySet<StoreMethod> = new Set<StoreMethod>(["saveAttachment", "loadAttachment", "deleteAttachment"]);

/**
 * How often each command is drawn, by name; every other command has weight 1. Threads, adds and item
 * pages are what paging bugs need: they get more weight. fast-check draws uniformly from a list, so a
 * command of weight w is in the list w times: every command but the attachment ones once (in the order
 * of the commands above), then the extra copies in the key order here, then the attachment commands
 * (the order of the list before commands were named, so a seed replays as before).
 */
const WEIGHTS: Readonly<Partial<Record<StoreMethod, number>>> = { saveThread: 2, addThreadItem: 4, loadThreadItems: 3 };

/** The list fast-check draws from: each command (attachment ones only with `attachments`) as often as its weight. */
function weighted<C>(commands: { readonly [M in StoreMethod]: fc.Arbitrary<C> }, options: CommandOptions): fc.Arbitrary<C>[] {
  const names = (Object.keys(commands) as StoreMethod[]).filter((m) => options.attachments || !ATTACHMENT_COMMANDS.has(m));
  const core = names.filter((m) => !ATTACHMENT_COMMANDS.has(m));
  const extras = (Object.entries(WEIGHTS) as [StoreMethod, number][]).filter(([m]) => names.includes(m)).flatMap(([m, w]) => Array.from({ length: w - 1 }, () => m));
  const attachments = names.filter((m) => ATTACHMENT_COMMANDS.has(m));
  return [...core, ...extras, ...attachments].map((m) => commands[m]);
}
