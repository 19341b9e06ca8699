/**
 * What a flow gets to serve one request, and the two shapes of flow. @internal
 */
import type { ThreadMetadata } from "../../model/thread.js";
import type { AttachmentStore, Store } from "../../store/Store.js";
import type { Assistant, HookContext, RespondContext } from "../assistant.js";
import type { ThreadStreamEvent } from "../protocol/events.js";
import type { RequestParams, RequestType } from "../protocol/requests.js";
import type { MutableRecord } from "../recorder.js";
import { prefixed } from "../../errors/render.js";

/** Resolved by {@link FlowEnv.cancelled}. */
export const CANCELLED: unique symbol = Symbol("chatkit-testkit.cancelled");

/** Everything one request is served with. @internal */
export interface FlowEnv<C> {
  readonly type: string;
  readonly store: Store<C>;
  readonly attachmentStore: AttachmentStore<C> | undefined;
  readonly assistant: Assistant<C>;
  readonly context: C;
  readonly record: MutableRecord;
  now(): string;
  /** Aborted when the stream is cancelled (client abort or a simulated disconnect). */
  readonly signal: AbortSignal;
  /** Resolves with {@link CANCELLED} when `signal` aborts; never rejects. */
  readonly cancelled: Promise<typeof CANCELLED>;
  disconnect(reason?: unknown): void;
  hookContext(): HookContext<C>;
  respondContext(thread: ThreadMetadata): RespondContext<C>;
  /** Set once the event pipeline has begun: from then on cancellation is handled inside it. */
  pipelineStarted: boolean;
}

/** A request answered with one JSON body. @internal */
export interface JsonFlow<T extends RequestType> {
  readonly streaming: false;
  run<C>(params: RequestParams<T>, env: FlowEnv<C>): Promise<unknown>;
}

/** A request answered with an event stream. Yields events in their model form; the simulator serialises them. @internal */
export interface StreamFlow<T extends RequestType> {
  readonly streaming: true;
  run<C>(params: RequestParams<T>, env: FlowEnv<C>): AsyncGenerator<ThreadStreamEvent>;
}

/** A flow error that upstream raises as `ValueError`/`RuntimeError`: a 500 for JSON requests, an aborted stream otherwise. @internal */
export function flowError(type: string, message: string): Error {
  return new Error(prefixed(`${type}: ${message}`));
}
