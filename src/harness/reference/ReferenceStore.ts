/**
 * The reference model of the store contract (docs/contract.md): deliberately simple and slow (arrays, a full sort on every read,
 * a linear scan for the cursor), written separately from the toolkit's stores — its timestamp reading
 * included — so the model-based checks can catch InMemoryStore too.
 * @internal
 */

/** What a call returned: a value, NotFoundError, or an argument error. */
/** What a call does: succeed with a value, raise NotFoundError, or reject a bad argument (any of `arguments` may be blamed). */
export type Outcome = { kind: "ok"; value: unknown } | { kind: "not-found" } | { kind: "invalid"; arguments: readonly string[] };

interface ThreadRow { scope: number; id: string; micros: bigint; seq: number; value: Record<string, unknown> }
interface ItemRow { scope: number; threadId: string; id: string; micros: bigint; seq: number; value: Record<string, unknown> }
interface AttachmentRow { scope: number; id: string; value: Record<string, unknown> }

/**
 * Microseconds since the epoch of an ISO created_at, read with Date.UTC (naive = UTC), or null.
 * Independent of src/model/timestamp.ts on purpose.
 */
export function referenceMicros(text: unknown): bigint | null {
  if (typeof text !== "string") return null;
  const m = /^(\d{4})-(\d\d)-(\d\d)[Tt ](\d\d):(\d\d)(?::(\d\d)(?:[.,](\d+))?)?(Z|z|[+-]\d\d(?::?\d\d)?)?$/.exec(text);
  if (!m) return null;
  const [, y, mo, d, h, mi, s = "0", frac = "", zone = ""] = m;
  const ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  const check = new Date(ms);
  if (check.getUTCFullYear() !== Number(y) || check.getUTCMonth() !== Number(mo) - 1 || check.getUTCDate() !== Number(d) || Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return null;
  if (frac.length > 9) return null;
  let offsetMinutes = 0;
  if (zone && zone !== "Z" && zone !== "z") {
    const sign = zone[0] === "-" ? -1 : 1;
    const digits = zone.slice(1).replace(":", "");
    offsetMinutes = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || "0"));
  }
  const micros = frac === "" ? 0 : Number(frac.padEnd(6, "0").slice(0, 6));
  return BigInt(ms - offsetMinutes * 60_000) * 1000n + BigInt(micros);
}

function copy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

function byOrder<R extends { micros: bigint; seq: number }>(rows: R[], order: "asc" | "desc"): R[] {
  const sorted = [...rows].sort((a, b) => (a.micros < b.micros ? -1 : a.micros > b.micros ? 1 : a.seq - b.seq));
  return order === "asc" ? sorted : sorted.reverse();
}

function page<R extends { id: string; value: unknown }>(rows: R[], after: string | null | undefined, limit: unknown, order: unknown): Outcome {
  const bad = [
    ...(typeof limit !== "number" || !Number.isInteger(limit) || limit < 1 ? ["limit"] : []),
    ...(order !== "asc" && order !== "desc" ? ["order"] : []),
  ];
  if (bad.length || typeof limit !== "number" || (order !== "asc" && order !== "desc")) return { kind: "invalid", arguments: bad };
  const ordered = byOrder(rows as unknown as (R & { micros: bigint; seq: number })[], order);
  let start = 0;
  if (after !== null && after !== undefined && after !== "") {
    const at = ordered.findIndex((r) => r.id === after);
    if (at < 0) return { kind: "not-found" };
    start = at + 1;
  }
  const rest = ordered.slice(start);
  const data = rest.slice(0, limit).map((r) => copy(r.value));
  const hasMore = rest.length > limit;
  return { kind: "ok", value: { data, has_more: hasMore, after: hasMore ? (data[data.length - 1] as { id: string }).id : null } };
}

/** The reference model; scopes are numbers (the index of the context). */
export class ReferenceStore {
  private seq = 0;
  threads: ThreadRow[] = [];
  items: ItemRow[] = [];
  attachments: AttachmentRow[] = [];

  /** A scope's threads in asc contract order. */
  listThreads(scope: number): ThreadRow[] {
    return byOrder(this.threads.filter((t) => t.scope === scope), "asc");
  }

  /** A thread's items in asc contract order. */
  listItems(scope: number, threadId: string): ItemRow[] {
    return byOrder(this.items.filter((i) => i.scope === scope && i.threadId === threadId), "asc");
  }

  hasThread(scope: number, id: string): boolean {
    return this.threads.some((t) => t.scope === scope && t.id === id);
  }

  loadThread(scope: number, id: string): Outcome {
    const t = this.threads.find((r) => r.scope === scope && r.id === id);
    return t ? { kind: "ok", value: copy(t.value) } : { kind: "not-found" };
  }

  saveThread(scope: number, thread: Record<string, unknown>): Outcome {
    const micros = referenceMicros(thread.created_at);
    if (micros === null) return { kind: "invalid", arguments: ["created_at"] };
    const { items: _ignored, ...metadata } = thread;
    const existing = this.threads.find((r) => r.scope === scope && r.id === thread.id);
    if (existing) {
      existing.value = copy(metadata);
      existing.micros = micros;
    } else {
      this.threads.push({ scope, id: thread.id as string, micros, seq: ++this.seq, value: copy(metadata) });
    }
    return { kind: "ok", value: undefined };
  }

  loadThreads(scope: number, limit: unknown, after: string | null, order: unknown): Outcome {
    return page(this.threads.filter((t) => t.scope === scope), after, limit, order);
  }

  loadThreadItems(scope: number, threadId: string, after: string | null, limit: unknown, order: unknown): Outcome {
    return page(this.items.filter((i) => i.scope === scope && i.threadId === threadId), after, limit, order);
  }

  /** addThreadItem and saveItem: replace in place, or insert. The thread must exist. */
  putItem(scope: number, threadId: string, item: Record<string, unknown>): Outcome {
    const micros = referenceMicros(item.created_at);
    if (micros === null) return { kind: "invalid", arguments: ["created_at"] };
    if (!this.hasThread(scope, threadId)) return { kind: "not-found" };
    const existing = this.items.find((r) => r.scope === scope && r.threadId === threadId && r.id === item.id);
    if (existing) existing.value = copy(item);
    else this.items.push({ scope, threadId, id: item.id as string, micros, seq: ++this.seq, value: copy(item) });
    return { kind: "ok", value: undefined };
  }

  loadItem(scope: number, threadId: string, id: string): Outcome {
    const i = this.items.find((r) => r.scope === scope && r.threadId === threadId && r.id === id);
    return i ? { kind: "ok", value: copy(i.value) } : { kind: "not-found" };
  }

  deleteThread(scope: number, id: string): Outcome {
    this.threads = this.threads.filter((t) => !(t.scope === scope && t.id === id));
    this.items = this.items.filter((i) => !(i.scope === scope && i.threadId === id));
    return { kind: "ok", value: undefined };
  }

  deleteThreadItem(scope: number, threadId: string, id: string): Outcome {
    this.items = this.items.filter((i) => !(i.scope === scope && i.threadId === threadId && i.id === id));
    return { kind: "ok", value: undefined };
  }

  saveAttachment(scope: number, attachment: Record<string, unknown>): Outcome {
    const existing = this.attachments.find((a) => a.scope === scope && a.id === attachment.id);
    if (existing) existing.value = copy(attachment);
    else this.attachments.push({ scope, id: attachment.id as string, value: copy(attachment) });
    return { kind: "ok", value: undefined };
  }

  loadAttachment(scope: number, id: string): Outcome {
    const a = this.attachments.find((r) => r.scope === scope && r.id === id);
    return a ? { kind: "ok", value: copy(a.value) } : { kind: "not-found" };
  }

  deleteAttachment(scope: number, id: string): Outcome {
    this.attachments = this.attachments.filter((a) => !(a.scope === scope && a.id === id));
    return { kind: "ok", value: undefined };
  }
}
