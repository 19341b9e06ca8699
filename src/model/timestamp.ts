/**
 * `created_at` strings and the instant they name, exact to the microsecond (C-ORDER).
 *
 * JavaScript's `Date` keeps milliseconds and reads an offset-less ISO string as local time; both
 * break the contract, so timestamps are parsed here by hand into microseconds since the Unix epoch
 * (a `bigint`, exact for every year 0001–9999). The original string is never rewritten: stores keep
 * it exactly as given (C-ROUNDTRIP) and order by the parsed key.
 * @packageDocumentation
 */

const PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(?:([Zz])|([+-])(\d{2})(?::?(\d{2}))?)?$/;
import { prefixed } from "../errors/render.js";

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/** Days from 1970-01-01 to the given civil date (proleptic Gregorian). Howard Hinnant's algorithm. */
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The result of {@link parseTimestamp}: the instant, or why the string is not one. */
export type TimestampParse = { ok: true; micros: bigint; naive: boolean } | { ok: false; reason: string };

/**
 * Parses an ISO-8601 date-time as Python's pydantic writes it, and as other servers commonly do.
 *
 * Accepted: `YYYY-MM-DD`, a `T` (or `t` or a space), `HH:MM`, optional `:SS`, optional `.f` with 1–9
 * fractional digits (digits past the 6th are truncated: the contract orders at microsecond precision),
 * and an optional offset `Z`, `±HH:MM`, `±HHMM` or `±HH`. A string without an offset is read as UTC.
 *
 * @param value - the `created_at` string
 * @returns `{ ok: true, micros, naive }` or `{ ok: false, reason }`; never throws
 */
export function parseTimestamp(value: string): TimestampParse {
  const r = readTimestamp(value);
  return "reason" in r ? { ok: false, reason: r.reason } : { ok: true, micros: BigInt(r.seconds) * 1_000_000n + BigInt(r.fraction), naive: r.naive };
}

/**
 * Why a string is not a timestamp {@link parseTimestamp} accepts, or null: the same checks without computing
 * the instant (stores check every row they read with it).
 */
export function timestampProblem(value: string): string | null {
  const r = readTimestamp(value);
  return "reason" in r ? r.reason : null;
}

function readTimestamp(value: string): { reason: string } | { seconds: number; fraction: number; naive: boolean } {
  if (typeof value !== "string") return { reason: "must be a string" };
  const m = PATTERN.exec(value);
  if (!m) return { reason: "must be an ISO-8601 date-time such as 2026-01-02T03:04:05.123456Z" };
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const hour = Number(m[4]);
  const minute = Number(m[5]);
  const second = m[6] === undefined ? 0 : Number(m[6]);
  if (year < 1) return { reason: "has year 0000" };
  if (month < 1 || month > 12) return { reason: `has month ${m[2]}` };
  const dim = month === 2 && isLeap(year) ? 29 : DAYS_IN_MONTH[month - 1]!;
  if (day < 1 || day > dim) return { reason: `has day ${m[3]} in month ${m[2]}` };
  if (hour > 23) return { reason: `has hour ${m[4]}` };
  if (minute > 59) return { reason: `has minute ${m[5]}` };
  if (second > 59) return { reason: `has second ${m[6]}` };
  const fraction = m[7] === undefined ? 0 : Number((m[7] + "00000").slice(0, 6));
  let offsetMinutes = 0;
  const naive = m[8] === undefined && m[9] === undefined;
  if (m[9] !== undefined) {
    const oh = Number(m[10]);
    const om = m[11] === undefined ? 0 : Number(m[11]);
    if (oh > 23 || om > 59) return { reason: `has offset ${m[9]}${m[10]}:${m[11] ?? "00"}` };
    offsetMinutes = (m[9] === "-" ? -1 : 1) * (oh * 60 + om);
  }
  const seconds = daysFromCivil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second - offsetMinutes * 60;
  return { seconds, fraction, naive };
}

/**
 * Microseconds since the Unix epoch for a `created_at` string.
 * @throws {TypeError} when the string is not a timestamp this module accepts (stores check first and raise
 *   `InvalidArgumentError`; this throw is for direct callers)
 */
export function timestampMicros(value: string): bigint {
  const r = parseTimestamp(value);
  if (!r.ok) throw new TypeError(prefixed(`timestampMicros: created_at ${r.reason}, got ${JSON.stringify(value)}`));
  return r.micros;
}

/** Whether a string is a `created_at` this toolkit accepts. */
export function isTimestamp(value: unknown): value is string {
  return typeof value === "string" && parseTimestamp(value).ok;
}

/**
 * Formats microseconds since the epoch as `YYYY-MM-DDTHH:MM:SS[.ffffff]Z`, omitting the fraction
 * when it is zero (as pydantic does).
 */
export function formatTimestamp(micros: bigint): string {
  const fraction = Number(((micros % 1_000_000n) + 1_000_000n) % 1_000_000n);
  const seconds = Number((micros - BigInt(fraction)) / 1_000_000n);
  const iso = new Date(seconds * 1000).toISOString().slice(0, 19);
  return fraction === 0 ? `${iso}Z` : `${iso}.${String(fraction).padStart(6, "0")}Z`;
}
