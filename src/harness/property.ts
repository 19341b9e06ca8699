/**
 * Runs fast-check properties inside a check and turns a failure into a {@link CheckFailure} with the
 * shrunk counterexample and a replay line.
 * @internal
 */
import * as fc from "fast-check";
import { CheckFailure, type CheckEnv, type FailureDetails } from "./Check.js";
import { describeError } from "./expect.js";

/** Renders a counterexample value as readable lines; values with a custom toString keep it. */
export type Describe<T> = (value: T) => readonly string[];

function failureOf(error: unknown): FailureDetails {
  if (error instanceof CheckFailure) return error.details;
  if (error instanceof Error && error.name === "CheckFailure" && "details" in error) return (error as CheckFailure).details;
  return { expected: "no error", seen: `it threw ${describeError(error)}`, cause: error };
}

/**
 * Checks `predicate` for values of `arbitrary` with the check's seed and run count. `predicate` throws
 * (a CheckFailure, ideally) to fail.
 */
export async function checkProperty<TContext, T>(
  env: CheckEnv<TContext>,
  arbitrary: fc.Arbitrary<T>,
  predicate: (value: T) => Promise<void>,
  describe: Describe<T> = (v) => [fc.stringify(v)],
): Promise<void> {
  const details = await fc.check(
    fc.asyncProperty(arbitrary, async (value) => {
      await predicate(value);
    }),
    {
      seed: env.params.seed,
      numRuns: env.params.numRuns,
      ...(env.params.path ? { path: env.params.path, endOnFailure: true } : {}),
    },
  );
  if (!details.failed) return;
  if (details.counterexample === null) {
    // fast-check itself failed (e.g. interrupted); report what it said
    throw new CheckFailure({ expected: "the property runs", seen: String(details.errorInstance ?? "fast-check stopped") });
  }
  const inner = failureOf(details.errorInstance);
  const [value] = details.counterexample as [T];
  const lines = describe(value);
  const replayPath = /\/\*replayPath="([^"]*)"\*\//.exec(fc.stringify(value))?.[1];
  throw new CheckFailure({
    ...inner,
    counterexample: lines,
    shrinks: details.numShrinks,
    replay: { seed: details.seed, path: details.counterexamplePath ?? "", ...(replayPath ? { replayPath } : {}) },
  });
}
