import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatTimestamp, isTimestamp, parseTimestamp, timestampMicros } from "chatkit-testkit";

/** fast-check seed for this file; fast-check prints `{ seed, path }` to replay a failure. */
const SEED = 424242;

/** Microseconds for a UTC civil time, from Date.UTC (an independent oracle), plus extra µs. */
const utc = (y: number, mo: number, d: number, h = 0, mi = 0, s = 0, us = 0) => {
  const date = new Date(0);
  date.setUTCFullYear(y, mo - 1, d); // setUTCFullYear, unlike Date.UTC, does not map years 0–99 to 1900–1999
  date.setUTCHours(h, mi, s, 0);
  return BigInt(date.getTime()) * 1000n + BigInt(us);
};
const floorDiv = (a: bigint, b: bigint) => (a >= 0n ? a / b : -((-a + b - 1n) / b));

function ok(value: string) {
  const r = parseTimestamp(value);
  if (!r.ok) throw new Error(`expected ${JSON.stringify(value)} to parse, got: ${r.reason}`);
  return r;
}

describe("parseTimestamp: accepted forms (C-ORDER, C-WIRE)", () => {
  it.each([
    ["2026-01-02T03:04:05", utc(2026, 1, 2, 3, 4, 5), true],
    ["2026-01-02T03:04:05Z", utc(2026, 1, 2, 3, 4, 5), false],
    ["2026-01-02T03:04:05z", utc(2026, 1, 2, 3, 4, 5), false],
    ["2026-01-02t03:04:05", utc(2026, 1, 2, 3, 4, 5), true],
    ["2026-01-02 03:04:05", utc(2026, 1, 2, 3, 4, 5), true],
    ["2026-01-02T03:04", utc(2026, 1, 2, 3, 4), true],
    ["2026-01-02T03:04Z", utc(2026, 1, 2, 3, 4), false],
    ["2026-01-02T03:04:05.1", utc(2026, 1, 2, 3, 4, 5, 100_000), true],
    ["2026-01-02T03:04:05,25", utc(2026, 1, 2, 3, 4, 5, 250_000), true],
    ["2026-01-02T03:04:05.123", utc(2026, 1, 2, 3, 4, 5, 123_000), true],
    ["2026-01-02T03:04:05.1234", utc(2026, 1, 2, 3, 4, 5, 123_400), true],
    ["2026-01-02T03:04:05.12345", utc(2026, 1, 2, 3, 4, 5, 123_450), true],
    ["2026-01-02T03:04:05.123456", utc(2026, 1, 2, 3, 4, 5, 123_456), true],
    ["2026-01-02T03:04:05.000001Z", utc(2026, 1, 2, 3, 4, 5, 1), false],
    ["2026-01-02T03:04:05+02:00", utc(2026, 1, 2, 1, 4, 5), false],
    ["2026-01-02T03:04:05-05:30", utc(2026, 1, 2, 8, 34, 5), false],
    ["2026-01-02T03:04:05+0530", utc(2026, 1, 1, 21, 34, 5), false],
    ["2026-01-02T03:04:05+01", utc(2026, 1, 2, 2, 4, 5), false],
    ["2026-01-02T03:04:05-00:00", utc(2026, 1, 2, 3, 4, 5), false],
    ["2026-01-02T03:04:05+23:59", utc(2026, 1, 1, 3, 5, 5), false],
    ["2026-01-02T03:04:05.5+14:00", utc(2026, 1, 1, 13, 4, 5, 500_000), false],
    ["2024-02-29T00:00:00Z", utc(2024, 2, 29), false], // leap year
    ["2000-02-29T00:00:00Z", utc(2000, 2, 29), false], // divisible by 400: leap
    ["1969-12-31T23:59:59.999999Z", -1n, false],
    ["1970-01-01T00:00:00Z", 0n, false],
    ["0001-01-01T00:00:00Z", utc(1, 1, 1), false],
    ["0099-12-31T23:59:59Z", utc(99, 12, 31, 23, 59, 59), false],
    ["9999-12-31T23:59:59.999999Z", utc(9999, 12, 31, 23, 59, 59, 999_999), false],
  ] as const)("%s → the right instant in µs", (value, micros, naive) => {
    const r = ok(value);
    expect(r.micros).toBe(micros);
    expect(r.naive).toBe(naive);
  });

  it("C-ORDER: 7–9 fractional digits are truncated (never rounded) to microseconds", () => {
    expect(ok("2026-01-02T03:04:05.1234567Z").micros).toBe(utc(2026, 1, 2, 3, 4, 5, 123_456));
    expect(ok("2026-01-02T03:04:05.12345678Z").micros).toBe(utc(2026, 1, 2, 3, 4, 5, 123_456));
    expect(ok("2026-01-02T03:04:05.999999999Z").micros).toBe(utc(2026, 1, 2, 3, 4, 5, 999_999));
    expect(ok("2026-01-02T03:04:05.0000009").micros).toBe(utc(2026, 1, 2, 3, 4, 5, 0));
  });

  it("C-ORDER: a naive value is UTC, never local time", () => {
    expect(ok("2026-06-01T12:00:00").micros).toBe(ok("2026-06-01T12:00:00Z").micros);
    expect(ok("2026-06-01T12:00:00").micros).toBe(ok("2026-06-01T14:00:00+02:00").micros);
  });
});

describe("parseTimestamp: rejected forms (C-ERR)", () => {
  it.each([
    ["2026-13-01T00:00:00Z", /month 13/],
    ["2026-00-01T00:00:00Z", /month 00/],
    ["2025-02-29T00:00:00Z", /day 29 in month 02/], // not a leap year
    ["1900-02-29T00:00:00Z", /day 29 in month 02/], // divisible by 100, not 400
    ["2026-04-31T00:00:00Z", /day 31 in month 04/],
    ["2026-01-32T00:00:00Z", /day 32/],
    ["2026-01-00T00:00:00Z", /day 00/],
    ["2026-01-01T24:00:00Z", /hour 24/],
    ["2026-01-01T00:60:00Z", /minute 60/],
    ["2026-01-01T00:00:60Z", /second 60/], // no leap seconds
    ["0000-01-01T00:00:00Z", /year 0000/],
    ["2026-01-01T00:00:00+24:00", /offset/],
    ["2026-01-01T00:00:00+02:60", /offset/],
  ])("%s is rejected (%s)", (value, reason) => {
    const r = parseTimestamp(value);
    expect(r.ok).toBe(false);
    expect(r.ok ? "" : r.reason).toMatch(reason);
  });

  it.each([
    "",
    "2026-01-01",
    "2026-01-01T",
    "2026-01-01T00",
    "2026-1-1T00:00:00Z",
    "26-01-01T00:00:00Z",
    "+02026-01-01T00:00:00Z",
    "2026-01-01T00:00:00.1234567890Z", // 10 fractional digits
    "2026-01-01T00:00:00.Z",
    "2026-01-01T00:00:00 Z",
    " 2026-01-01T00:00:00Z",
    "2026-01-01T00:00:00Z ",
    "2026-01-01T00:00:00+2:00",
    "2026-01-01T00:00:00+02:0",
    "2026-01-01T00:00:00+020",
    "2026-01-01T00:00:00GMT",
    "2026-01-01T00:00:00Z[Europe/Paris]",
    "2026-01-01_00:00:00",
    "2026-01-01T00:00:00.5.5",
    "yesterday",
    "1767225600",
    "２０２６-01-01T00:00:00Z", // full-width digits
    "2026-01-01T00:00:00\n",
  ])("%j is not a timestamp", (value) => {
    const r = parseTimestamp(value);
    expect(r.ok).toBe(false);
    expect(r.ok ? "" : r.reason).toMatch(/must be an ISO-8601 date-time/);
  });

  it("non-strings are rejected without throwing", () => {
    for (const v of [null, undefined, 0, new Date(), {}, ["2026-01-01T00:00:00Z"]]) {
      expect(parseTimestamp(v as never)).toEqual({ ok: false, reason: "must be a string" });
    }
  });
});

describe("timestampMicros, isTimestamp, formatTimestamp", () => {
  it("timestampMicros returns the µs or throws a TypeError naming created_at and the value", () => {
    expect(timestampMicros("1970-01-01T00:00:01.5Z")).toBe(1_500_000n);
    expect(() => timestampMicros("2026-02-30T00:00:00Z")).toThrow(TypeError);
    expect(() => timestampMicros("2026-02-30T00:00:00Z")).toThrow('[chatkit-testkit] timestampMicros: created_at has day 30 in month 02, got "2026-02-30T00:00:00Z"');
  });

  it("isTimestamp is a type guard for accepted strings only", () => {
    expect(isTimestamp("2026-01-01T00:00:00")).toBe(true);
    expect(isTimestamp("2026-01-01")).toBe(false);
    expect(isTimestamp(1)).toBe(false);
  });

  it("formatTimestamp writes Z and omits a zero fraction, as pydantic does", () => {
    expect(formatTimestamp(0n)).toBe("1970-01-01T00:00:00Z");
    expect(formatTimestamp(1n)).toBe("1970-01-01T00:00:00.000001Z");
    expect(formatTimestamp(-1n)).toBe("1969-12-31T23:59:59.999999Z");
    expect(formatTimestamp(utc(2026, 1, 2, 3, 4, 5, 120_000))).toBe("2026-01-02T03:04:05.120000Z");
  });
});

describe("properties (fixed seed)", () => {
  const MIN = new Date("0001-01-01T00:00:00.000Z");
  const MAX = new Date("9999-12-31T23:59:59.999Z");
  const date = fc.date({ min: MIN, max: MAX, noInvalidDate: true });

  it("C-ORDER: parseTimestamp agrees with Date.parse at millisecond precision for Z-suffixed strings", () => {
    fc.assert(
      fc.property(date, fc.integer({ min: 0, max: 999 }), fc.integer({ min: 0, max: 3 }), (d, extraMicros, form) => {
        const iso = d.toISOString(); // YYYY-MM-DDTHH:MM:SS.sssZ
        const variants = [
          iso,
          iso.replace(/\.\d{3}Z$/, `${iso.slice(19, 23)}${String(extraMicros).padStart(3, "0")}Z`), // 6 digits
          iso.replace(/\.\d{3}Z$/, `${iso.slice(19, 23)}${String(extraMicros).padStart(3, "0")}789Z`), // 9 digits
          iso.endsWith(".000Z") ? iso.replace(".000Z", "Z") : iso, // no fraction
        ];
        const value = variants[form]!;
        const r = ok(value);
        expect(floorDiv(r.micros, 1000n)).toBe(BigInt(Date.parse(value.replace(/(\.\d{3})\d+Z$/, "$1Z"))));
        expect(r.naive).toBe(false);
      }),
      { seed: SEED, numRuns: 1000 },
    );
  });

  it("C-ORDER: with any ±HH:MM offset, parseTimestamp agrees with Date.parse at millisecond precision", () => {
    fc.assert(
      fc.property(date, fc.integer({ min: -(23 * 60 + 59), max: 23 * 60 + 59 }), (d, offset) => {
        // write the local wall time of instant d at `offset`
        const wall = new Date(d.getTime() + offset * 60_000).toISOString().slice(0, 23);
        const abs = Math.abs(offset);
        const value = `${wall}${offset < 0 ? "-" : "+"}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
        fc.pre(!wall.startsWith("-") && !wall.startsWith("+") && !wall.startsWith("0000"));
        expect(floorDiv(ok(value).micros, 1000n)).toBe(BigInt(d.getTime()));
        expect(BigInt(Date.parse(value))).toBe(BigInt(d.getTime()));
      }),
      { seed: SEED + 1, numRuns: 1000 },
    );
  });

  it("formatTimestamp and parseTimestamp are inverse at µs for every instant of years 0001–9999", () => {
    const min = utc(1, 1, 1);
    const max = utc(9999, 12, 31, 23, 59, 59, 999_999);
    fc.assert(
      fc.property(fc.bigInt({ min, max }), (micros) => {
        expect(ok(formatTimestamp(micros)).micros).toBe(micros);
      }),
      { seed: SEED + 2, numRuns: 1000 },
    );
  });

  it("C-ORDER: the order of parsed keys is the order of instants (naive = UTC), even when the text order differs", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: utc(1, 1, 2), max: utc(9999, 12, 30) }), fc.bigInt({ min: utc(1, 1, 2), max: utc(9999, 12, 30) }), fc.integer({ min: -600, max: 600 }), (a, b, offset) => {
        const shifted = (m: bigint) => formatTimestamp(m + BigInt(offset) * 60_000_000n).replace(/Z$/, "");
        const abs = Math.abs(offset);
        const suffix = `${offset < 0 ? "-" : "+"}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
        const ka = ok(`${shifted(a)}${suffix}`).micros;
        const kb = ok(formatTimestamp(b).replace(/Z$/, "")).micros; // naive
        expect(ka).toBe(a);
        expect(kb).toBe(b);
        expect(Math.sign(Number(ka - kb))).toBe(Math.sign(Number(a - b)));
      }),
      { seed: SEED + 3, numRuns: 500 },
    );
  });
});
