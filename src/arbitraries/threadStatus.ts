import * as fc from "fast-check";
import type { ThreadStatus } from "../model/thread.js";
import { fields, readModelConstraints, type ModelConstraints, type ModelSettings } from "./internal/model.js";

/** A thread status. @internal */
export function threadStatusOf(s: ModelSettings): fc.Arbitrary<ThreadStatus> {
  return fc.oneof(
    fields<ThreadStatus>({ type: fc.constant("active") }),
    fields<ThreadStatus>({ type: fc.constant("locked") }, {}, { reason: s.text }),
    fields<ThreadStatus>({ type: fc.constant("closed") }, {}, { reason: s.text }),
  );
}

/**
 * A thread status: `{ type: "active" }`, or `locked` / `closed` with a `reason` that is absent,
 * `null` or a string.
 *
 * @param constraints - see {@link ModelConstraints} (only `textArbitrary` matters)
 * @returns an arbitrary of thread statuses
 * @throws {InvalidArgumentError} at once, for a bad constraint (`arb.threadStatus: …`)
 */
export function threadStatus(constraints: ModelConstraints = {}): fc.Arbitrary<ThreadStatus> {
  return threadStatusOf(readModelConstraints("threadStatus", constraints).s);
}
