/**
 * The time zone checks run under. A store that reads a naive `created_at` (no offset) as local time —
 * `new Date("2026-01-01T12:00:00")` in JavaScript — is right on every machine whose zone is UTC, which
 * is every CI machine. So the harness sets `process.env.TZ` to an adversarial zone for the duration of
 * each check (Node applies a new `TZ` at once, on the main thread), and puts the old value back after.
 * @internal
 */

/** UTC−03:30 in winter, UTC−02:30 in summer: not UTC, not a whole hour, and with daylight saving time. */
export const DEFAULT_TIME_ZONE = "America/St_Johns";
import { prefixed } from "../errors/render.js";

/** The offset of `zone` at `instant` in minutes east of UTC, from Intl (independent of process.env.TZ). */
function zoneOffsetMinutes(zone: string, instant: Date): number {
  const parts = new Intl.DateTimeFormat("en-US", { timeZone: zone, timeZoneName: "longOffset" }).formatToParts(instant);
  const name = parts.find((p) => p.type === "timeZoneName")?.value ?? "GMT";
  const m = /^GMT(?:([+-])(\d{2}):(\d{2}))?$/.exec(name);
  if (!m || m[1] === undefined) return 0;
  return (m[1] === "-" ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
}

/** Whether `zone` is an IANA zone name this runtime knows. */
export function isKnownTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** A winter and a summer instant, at which a zone's offsets (with and without daylight saving time) are compared. */
const PROBES = [new Date(Date.UTC(2026, 0, 15, 12)), new Date(Date.UTC(2026, 6, 15, 12))] as const;

/** The offsets of each zone at {@link PROBES}, from Intl: they do not change while a process runs, and an Intl.DateTimeFormat is costly to build (every check asks). */
const probeOffsets = new Map<string, readonly number[]>();

/** Whether local time in this thread is `zone` right now (at a winter and a summer instant). */
function inEffect(zone: string): boolean {
  let expected = probeOffsets.get(zone);
  if (!expected) probeOffsets.set(zone, (expected = PROBES.map((d) => zoneOffsetMinutes(zone, d))));
  return PROBES.every((d, i) => -d.getTimezoneOffset() === expected[i]);
}

/** What {@link withTimeZone} could not do: the zone did not take effect in this thread. */
export class TimeZoneNotAppliedError extends Error {
  override readonly name = "TimeZoneNotAppliedError";
  constructor(zone: string) {
    super(
      prefixed(`could not run the check under time zone ${zone}: setting process.env.TZ has no effect in a worker thread `) +
        `(vitest's pool "threads", or a Worker). Run the harness on the main thread or in a child process (vitest's default pool "forks"), ` +
        `start the process with TZ=${zone}, or pass timeZone: false to keep the machine's zone (then a store that reads naive timestamps as local time can pass).`,
    );
  }
}

/**
 * Runs `fn` with `process.env.TZ = zone` and restores the previous value (or its absence) afterwards.
 * @throws {TimeZoneNotAppliedError} when the zone does not take effect (a worker thread)
 */
export async function withTimeZone<T>(zone: string, fn: () => Promise<T>): Promise<T> {
  const had = Object.prototype.hasOwnProperty.call(process.env, "TZ");
  const before = process.env.TZ;
  process.env.TZ = zone;
  try {
    if (!inEffect(zone)) throw new TimeZoneNotAppliedError(zone);
    return await fn();
  } finally {
    if (had) process.env.TZ = before;
    else delete process.env.TZ;
  }
}
