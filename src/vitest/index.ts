/**
 * `chatkit-testkit/vitest` — registers the conformance harness as vitest tests (ESM-only; needs the
 * `vitest` and `fast-check` peers).
 * @packageDocumentation
 */
import { afterAll, beforeAll, describe, it } from "vitest";
import { blockerOf, DEFAULT_TIMEOUT_MS, finishRun, planChecks, runCheck, startRun, type CheckResult, type ConformanceOptions, type PlannedCheck } from "../harness/runChecks.js";
import { formatFailure, formatSetupFailure } from "../harness/report.js";
import { prefixed } from "../errors/render.js";

export type { ConformanceOptions } from "../harness/runChecks.js";
export type { CheckId } from "../harness/checks/index.js";
export type { Capabilities } from "../harness/Check.js";

/** The error a failed check throws in vitest: the formatted failure, with the store's error as `cause`. */
export class ConformanceError extends Error {
  override readonly name = "ConformanceError";
  /** The failed check's id. */
  readonly check: string;
  constructor(check: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.check = check;
  }
}

/**
 * Registers one vitest test per conformance check, inside `describe(name)`. Call it at the top level of
 * a test file (collection time), not inside a test. Skipped checks are registered as skipped, with the
 * reason in their title, so nothing is skipped silently.
 *
 * @param name - the describe block's title, e.g. `"RedisStore"`
 * @param options - at least `createStore`; see {@link ConformanceOptions}
 * @throws {TypeError} at registration for malformed options (unknown check ids in `skip`, bad seed, …)
 *
 * @example
 * ```ts
 * import { runStoreConformance } from "chatkit-testkit/vitest";
 * import { MyStore } from "../src/MyStore";
 *
 * runStoreConformance("MyStore", {
 *   createStore: () => new MyStore(),
 *   skip: { "concurrency.interleavings": "single-writer by design" },
 * });
 * ```
 */
export function runStoreConformance<TContext>(name: string, options: ConformanceOptions<TContext>): void {
  const planned = planChecks(options);
  const timeout = (options.timeoutMs ?? DEFAULT_TIMEOUT_MS) + 5_000;
  const byId = new Map(planned.map((p) => [p.id, p]));
  const results = new Map<string, Promise<CheckResult>>();
  const resultOf = (p: PlannedCheck): Promise<CheckResult> => {
    let r = results.get(p.id);
    if (!r) results.set(p.id, (r = runCheck(p, options)));
    return r;
  };
  const register = () => describe(name, () => {
    // One set-up for the whole suite: `setup`, then one store made and released, so a factory that
    // throws is one failure here, not one per check.
    beforeAll(async () => {
      const failure = await startRun(options);
      if (failure) {
        const error = new ConformanceError(failure.step, `\n${formatSetupFailure(failure)}`, { cause: failure.cause });
        error.stack = `${error.name}: ${error.message}`;
        throw error;
      }
    }, timeout);
    afterAll(async () => {
      const failure = await finishRun(options);
      if (failure) throw new ConformanceError(failure.step, `\n${formatSetupFailure(failure)}`, { cause: failure.cause });
    }, timeout);
    for (const p of planned) {
      const title = `${p.id}: ${p.statement}${p.skipped ? ` (skipped: ${p.reason})` : ""}`;
      it.skipIf(p.skipped)(
        title,
        async () => {
          const result = await resultOf(p);
          if (result.status !== "failed") return;
          // A failure that comes from a behaviour another failing check owns: say which, and leave the
          // details to that check's own test.
          const blocker = await blockerOf(p, result, async (id) => {
            const owner = byId.get(id);
            return owner && !owner.skipped ? resultOf(owner) : undefined;
          }, options);
          const message =
            blocker !== undefined
              ? `\nblocked by ${blocker}, which fails (fix that first; its test has the details): this check passes once that behaviour is right\n  it saw: ${result.failure?.seen ?? ""}`
              : `\n${formatFailure(result)}`;
          const error = new ConformanceError(result.id, message, { cause: result.failure?.cause });
          error.stack = `${error.name}: ${error.message}`;
          throw error;
        },
        timeout,
      );
    }
  });
  try {
    register();
  } catch (error) {
    throw new Error(
      prefixed(`runStoreConformance("${name}"): call it at the top level of a test file (or inside describe()), not inside a test — vitest says: ${(error as Error).message}`),
      { cause: error },
    );
  }
}
