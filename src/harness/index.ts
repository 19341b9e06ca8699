/**
 * `chatkit-testkit/harness` — the runner-independent conformance harness and the fast-check arbitraries.
 * Needs the `fast-check` peer. For vitest, `chatkit-testkit/vitest` registers the same checks as tests.
 * @packageDocumentation
 */
export { RULE_IDS, DEFAULT_CAPABILITIES, CheckFailure } from "./Check.js";
export { DEFAULT_TIME_ZONE, TimeZoneNotAppliedError } from "./timeZone.js";
export { DEVIATIONS, UPSTREAM_PROFILE, type Deviations, type Deviation } from "./deviations.js";
export type { RuleId, Capabilities, Capability, Check, CheckEnv, Fixture, FailureDetails, PropertyParams, Severity } from "./Check.js";
export { SEVERITIES, RULE_SEVERITY } from "./Check.js";
export { CHECK_IDS, ALL_CHECKS, type CheckId } from "./checks/index.js";
export { planChecks, runCheck, runChecks, startRun, finishRun } from "./runChecks.js";
export type { ConformanceOptions, PlannedCheck, CheckResult, ConformanceReport, Replay, RunObserver, SetupFailure, RootCause } from "./runChecks.js";
export { formatFailure, formatReport, formatSetupFailure, replayLine } from "./report.js";
/** fast-check arbitraries for every ChatKit data type (one per file in src/arbitraries). */
export * as arb from "../arbitraries/index.js";
