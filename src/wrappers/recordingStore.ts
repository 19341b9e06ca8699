/**
 * `recordingStore(store)`: a {@link Store} that delegates every call and records it, in order, with deep
 * copies of its arguments and of its result or error.
 * @packageDocumentation
 */
import type { ChatKitModel, ModelTypes, Store } from "../store/Store.js";
import { STORE_METHODS } from "../store/Store.js";
import { prefixed } from "../errors/render.js";
import { snapshot } from "../model/json.js";
import { interceptMethods } from "../store/intercept.js";

/** The name of a {@link Store} method. */
export type StoreMethod = (typeof STORE_METHODS)[number];

/** One recorded store call. */
export interface StoreCall {
  /** 0-based position among all recorded calls (calls are recorded when they start). */
  readonly index: number;
  readonly method: StoreMethod;
  /** The arguments without the context, deep-copied when the call started. */
  readonly args: readonly unknown[];
  /** The context argument, deep-copied when it can be (else the reference). */
  readonly context: unknown;
  /** `pending` until the returned promise settles (synchronous methods are never pending). */
  readonly status: "pending" | "ok" | "error";
  /** The result, deep-copied when the call resolved. */
  readonly result?: unknown;
  /** The error the call threw or rejected with (the object itself). */
  readonly error?: unknown;
}

/** A {@link Store} that records its calls. */
export interface RecordingStore<TContext = unknown, M extends ModelTypes = ChatKitModel> extends Store<TContext, M> {
  /** Every call, in the order they started. */
  readonly calls: readonly StoreCall[];
  /** The calls of some methods, in order. */
  callsTo(...methods: StoreMethod[]): StoreCall[];
  /** The method names called, in order (`["loadThread", "loadThreadItems", …]`). */
  methods(): StoreMethod[];
  /** Forgets the recorded calls. */
  clear(): void;
  /** The wrapped store. */
  readonly inner: Store<TContext, M>;
}

/**
 * Wraps a store so every call is recorded: method, arguments, context, then result or error, each
 * deep-copied at the moment it happened (so later mutation by the caller or the store does not change the
 * record). Calls are delegated unchanged; errors are re-thrown as they are. Only the 14 {@link Store}
 * methods are exposed; reach other methods through `inner`.
 * @param store - the store to wrap
 * @returns a recording store
 * @example
 * ```ts
 * const store = recordingStore(new InMemoryStore());
 * const sim = new ChatKitSimulator({ store });
 * // … after a request:
 * expect(store.methods()).toEqual(["generateThreadId", "saveThread", "generateItemId", "addThreadItem", "addThreadItem"]);
 * ```
 */
export function recordingStore<TContext, M extends ModelTypes = ChatKitModel>(store: Store<TContext, M>): RecordingStore<TContext, M> {
  if (typeof store !== "object" || store === null) throw new TypeError(prefixed(`recordingStore: store must be a Store, got ${store === null ? "null" : typeof store}`));
  const calls: StoreCall[] = [];
  type Writable = { -readonly [K in keyof StoreCall]: StoreCall[K] };
  const wrapper = {
    get calls() {
      return calls;
    },
    callsTo: (...methods: StoreMethod[]) => calls.filter((c) => methods.includes(c.method)),
    methods: () => calls.map((c) => c.method),
    clear: () => {
      calls.length = 0;
    },
    inner: store,
  } as Record<string, unknown>;
  const wrapped = interceptMethods<Writable>(store, STORE_METHODS, {
    before(method, all) {
      const call: Writable = { index: calls.length, method: method as StoreMethod, args: all.slice(0, -1).map(snapshot), context: snapshot(all[all.length - 1]), status: "pending" };
      calls.push(call);
      return call;
    },
    after(result, _method, _args, call) {
      call.status = "ok";
      call.result = snapshot(result);
    },
    error(error, _method, _args, call) {
      call.status = "error";
      call.error = error;
    },
  }, "recordingStore");
  Object.assign(wrapper, wrapped);
  return wrapper as unknown as RecordingStore<TContext, M>;
}
