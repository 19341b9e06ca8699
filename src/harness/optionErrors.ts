/**
 * The errors of misused conformance options: a `TypeError` with the package's prefix. One home, so every
 * module of the harness that validates an option words the error the same way.
 * @internal
 */
import { show } from "../model/json.js";
import { prefixed } from "../errors/render.js";

/** An option with a bad value: names the option, the problem, and the value got. */
export function badOption(name: string, problem: string, value: unknown): never {
  throw new TypeError(prefixed(`conformance options: ${name} ${problem}, got ${show(value)}`));
}

/** A misuse whose message already says everything (no "got …" that would repeat the value). */
export function misuse(message: string): never {
  throw new TypeError(prefixed(`conformance options: ${message}`));
}
