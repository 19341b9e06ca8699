/**
 * Every request a {@link ChatKitSimulator} served, with what it answered: owned by the simulator, so it
 * works with or without msw.
 * @packageDocumentation
 */
import { snapshot } from "../model/json.js";
import type { ThreadStreamEvent } from "./protocol/events.js";

/**
 * How a request ended.
 * - `pending`: still being served;
 * - `completed`: answered (a JSON body with status 2xx, or a stream that ended normally, error events
 *   included);
 * - `rejected`: answered with an error body (status 4xx/5xx);
 * - `failed`: a stream aborted by an error outside the event pipeline (upstream aborts the byte stream);
 * - `cancelled`: the client went away mid-stream;
 * - `disconnected`: the simulator dropped the connection (`ctx.disconnect()`, `StreamController.abort()`).
 */
export type RequestOutcome = "pending" | "completed" | "rejected" | "failed" | "cancelled" | "disconnected";

/** One request and what the simulator answered. Fields fill in as the request is served. */
export interface RecordedRequest {
  /** 0-based position in the recorder. */
  readonly index: number;
  /** The request `type` as sent (`""` when the body had none). */
  readonly type: string;
  /** `params` exactly as sent (a deep copy). */
  readonly params: unknown;
  /** `metadata` as sent. */
  readonly metadata: unknown;
  /** Whether the answer is an event stream. */
  readonly streaming: boolean;
  /** The HTTP status of the answer. */
  readonly status: number;
  /** The JSON body of a non-streaming answer or of an error answer; `undefined` for streams. */
  readonly body: unknown;
  /** The events sent on the stream, in their wire form, in order. Hidden `thread.item.done` events are not sent. */
  readonly events: readonly ThreadStreamEvent[];
  /** Errors the simulator caught while serving (a responder's throw, a store failure), in order. */
  readonly errors: readonly unknown[];
  readonly outcome: RequestOutcome;
  /** Resolves when the request is fully served, cancellation handling included. Never rejects. */
  readonly done: Promise<void>;
}

/** @internal the writable side of a record */
export type MutableRecord = {
  -readonly [K in keyof RecordedRequest]: K extends "events" ? ThreadStreamEvent[] : K extends "errors" ? unknown[] : RecordedRequest[K];
};

/** The list of recorded requests, with lookups. */
export class RequestRecorder {
  private readonly list: MutableRecord[] = [];
  private readonly finishers = new Map<MutableRecord, () => void>();

  /** Every request, oldest first. */
  get all(): readonly RecordedRequest[] {
    return this.list;
  }

  /** The requests of one type, oldest first. */
  ofType(type: string): RecordedRequest[] {
    return this.list.filter((r) => r.type === type);
  }

  /** The newest request (of `type`, when given). */
  last(type?: string): RecordedRequest | undefined {
    for (let i = this.list.length - 1; i >= 0; i--) if (type === undefined || this.list[i]!.type === type) return this.list[i];
    return undefined;
  }

  /** Forgets every recorded request (requests still being served finish normally). */
  clear(): void {
    this.list.length = 0;
  }

  /** Resolves when every request being served now (cleared ones included) is done. */
  async settled(): Promise<void> {
    while (this.finishers.size > 0) await Promise.all([...this.finishers.keys()].map((r) => r.done));
  }

  /** @internal */
  begin(type: string, params: unknown, metadata: unknown, streaming: boolean): MutableRecord {
    let finish!: () => void;
    const done = new Promise<void>((r) => (finish = r));
    const record: MutableRecord = {
      index: this.list.length,
      type,
      params: snapshot(params),
      metadata: snapshot(metadata),
      streaming,
      status: 0,
      body: undefined,
      events: [],
      errors: [],
      outcome: "pending",
      done,
    };
    this.list.push(record);
    this.finishers.set(record, finish);
    return record;
  }

  /** @internal */
  finish(record: MutableRecord, outcome: Exclude<RequestOutcome, "pending">): void {
    if (record.outcome === "pending") record.outcome = outcome;
    const f = this.finishers.get(record);
    this.finishers.delete(record);
    f?.();
  }
}
