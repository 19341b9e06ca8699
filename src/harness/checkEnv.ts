/**
 * What one run of one check works with, each piece with one job: its run id and scope keys, the
 * contexts of a fresh store's scopes, the lifetimes of the stores it makes, and the {@link CheckEnv}
 * that hands them to the check. State lives in the objects of a run, never in the module.
 * @internal
 */
import type { AnyStore, CheckEnv, Fixture } from "./Check.js";
import { describeError } from "./expect.js";
import { recordCalls } from "./recording.js";
import { adaptToDeviations, type Repair } from "./deviations.js";
import { badOption } from "./optionErrors.js";
import type { CheckResult, ConformanceOptions, PlannedCheck } from "./runChecks.js";

/** Why a check failed, with the operations that led there (a {@link CheckResult}'s `failure`). */
export type RunFailure = NonNullable<CheckResult["failure"]>;

/** The options one check run reads. */
export type RunOptions<TContext> = Pick<ConformanceOptions<TContext>, "createStore" | "destroyStore" | "makeContext" | "contexts" | "capabilities">;

/**
 * A run id for one run of `checkId`: the id's letters and digits, then eight random base-36 digits, so
 * runs (also of the same check, also in other processes sharing one database) get distinct ids.
 */
export function newRunId(checkId: string): string {
  let suffix = "";
  for (let i = 0; i < 8; i++) suffix += Math.floor(Math.random() * 36).toString(36);
  return `${checkId.replace(/[^a-z0-9]/gi, "")}${suffix}`;
}

/** The scope keys of one store of a run: A is a prefix of B; B and C carry LIKE/glob metacharacters, quotes and unicode (C-SCOPE). */
export function scopeKeys(storeKey: string): [string, string, string] {
  const a = `u:${storeKey}`;
  return [a, `${a}_%`, `${a}*'"\\ü`];
}

/** The scopes of one fresh store: their contexts and names, and what makes more of them. */
export interface Scopes<TContext> {
  readonly contexts: readonly [TContext, TContext, ...TContext[]];
  readonly names: readonly string[];
  readonly contextFor?: (key: string) => Promise<TContext>;
  readonly contextForRawKey?: (key: string) => Promise<TContext>;
  readonly scopeKeys?: readonly string[];
  /** The short name of a context for recorded operations: "A", "B", …, or the key it was made from. */
  nameOf(context: unknown): string;
}

/**
 * The scopes of the store made under `storeKey`: the user's fixed `contexts` (named A, B, …), or three
 * made by `makeContext` from adversarial keys, plus makers of more under the same prefix (or raw keys).
 */
export async function scopesFor<TContext>(options: RunOptions<TContext>, storeKey: string): Promise<Scopes<TContext>> {
  const extra = new Map<unknown, string>();
  const nameFrom = (contexts: readonly TContext[], names: readonly string[]) => (context: unknown) => {
    const i = contexts.indexOf(context as TContext);
    return i >= 0 ? names[i]! : (extra.get(context) ?? "?");
  };
  if (options.contexts) {
    const contexts = options.contexts;
    const names = contexts.map((_, i) => String.fromCharCode(65 + i));
    return { contexts, names, nameOf: nameFrom(contexts, names) };
  }
  const makeContext = options.makeContext ?? ((scope: string) => ({ user_id: scope }) as TContext);
  const keys = scopeKeys(storeKey);
  const contexts = (await Promise.all(keys.map((k) => makeContext(k)))) as unknown as readonly [TContext, TContext, ...TContext[]];
  const names = ["A", "B", "C"];
  // a context made from a key the check asked for, named by that key in recorded operations
  const remembered = async (made: string, key: string) => {
    const context = await makeContext(made);
    extra.set(context, JSON.stringify(key));
    return context;
  };
  const prefix = `${keys[0]}/`;
  return {
    contexts,
    names,
    contextFor: (key) => remembered(`${prefix}${key}`, key),
    contextForRawKey: (key) => remembered(key, key),
    scopeKeys: keys,
    nameOf: nameFrom(contexts, names),
  };
}

/**
 * The stores of one check run. A check holds at most two at once: making a third releases the oldest
 * (earlier property runs); {@link StoreLifetimes.releaseAll} releases the rest when the check ends.
 */
export class StoreLifetimes<TContext> {
  private readonly alive: AnyStore<TContext>[] = [];
  private count = 0;

  constructor(private readonly options: Pick<RunOptions<TContext>, "createStore" | "destroyStore">) {}

  /** How many stores this run has made. */
  get made(): number {
    return this.count;
  }

  /** A fresh store from `createStore`, after releasing the oldest ones beyond one. */
  async next(): Promise<AnyStore<TContext>> {
    while (this.alive.length >= 2) {
      // Shift first: `destroyStore?.(alive.shift())` would skip the shift too when there is no destroyStore.
      const oldest = this.alive.shift()!;
      await this.options.destroyStore?.(oldest);
    }
    const store = await this.options.createStore();
    if (!store || typeof store !== "object") badOption("createStore()", "must return a store object", store);
    this.alive.push(store);
    this.count++;
    return store;
  }

  /** Releases every store still held; a failure of `destroyStore` (the first), if any. */
  async releaseAll(): Promise<RunFailure | undefined> {
    let failure: RunFailure | undefined;
    for (const store of this.alive.splice(0)) {
      try {
        await this.options.destroyStore?.(store);
      } catch (error) {
        failure ??= { expected: "destroyStore succeeds", seen: `it threw ${describeError(error)}`, cause: error, operations: [] };
      }
    }
    return failure;
  }
}

/** The state of one check run that its environment shares with the runner. */
export interface RunState<TContext> {
  readonly runId: string;
  /** The recorded operations of the current script (cleared by each `fresh()`). */
  readonly operations: string[];
  readonly stores: StoreLifetimes<TContext>;
  /** Collects the repairs of the adapter that changed something, when the runner asks. */
  readonly usedRepairs?: Set<Repair>;
}

/** A fresh store, adapted for the planned repairs and recording every call, with its scopes. */
function fixtureOf<TContext>(store: AnyStore<TContext>, scopes: Scopes<TContext>, planned: PlannedCheck, state: RunState<TContext>): Fixture<TContext> {
  return {
    store: recordCalls(adaptToDeviations(store, planned.repairs, (r) => state.usedRepairs?.add(r)), state.operations, scopes.nameOf),
    contexts: scopes.contexts,
    scopeNames: scopes.names,
    ...(scopes.contextFor ? { contextFor: scopes.contextFor } : {}),
    ...(scopes.contextForRawKey ? { contextForRawKey: scopes.contextForRawKey } : {}),
    ...(scopes.scopeKeys ? { scopeKeys: scopes.scopeKeys } : {}),
  };
}

/** What the check's `run` gets: `fresh()` makes a store (and its scopes) through `state`. */
export function checkEnvOf<TContext>(planned: PlannedCheck, options: RunOptions<TContext>, capabilities: CheckEnv<TContext>["capabilities"], state: RunState<TContext>): CheckEnv<TContext> {
  return {
    params: planned.params,
    capabilities,
    runId: state.runId,
    note: (op) => void state.operations.push(op),
    fresh: async () => {
      state.operations.length = 0; // a property run starts a new script
      const store = await state.stores.next();
      const scopes = await scopesFor(options, `${state.runId}.${state.stores.made}`);
      return fixtureOf(store, scopes, planned, state);
    },
  };
}
