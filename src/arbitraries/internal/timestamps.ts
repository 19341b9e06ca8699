/**
 * Writing an instant (µs since the epoch) as a `created_at` string in every accepted form, and
 * drawing instants with a bias toward ties. The inverse of `model/timestamp.ts`.
 * @internal
 */
import * as fc from "fast-check";

/** How one instant is written. Rendering is deterministic: the same instant and style give the same string. @internal */
export interface TimestampStyle {
  /** `naive` (no offset, read as UTC), `utc` (`Z`) or `offset` (`±HH:MM`). */
  readonly form: "naive" | "utc" | "offset";
  readonly sign: "+" | "-";
  /** Offset in minutes, 0 ≤ minutes ≤ 23:59 (only for `offset`). */
  readonly minutes: number;
  /** Fractional digits asked for; raised to what the instant needs, capped at 6 real digits. */
  readonly digits: number;
  /** Digits written after the 6th (7–9 digit forms); they do not change the instant (truncated). */
  readonly padding: string;
  // Extended syntax (accepted by parseTimestamp, not written by pydantic):
  readonly separator: "T" | "t" | " ";
  readonly zulu: "Z" | "z";
  readonly offsetStyle: "HH:MM" | "HHMM" | "HH";
  readonly decimalMark: "." | ",";
  readonly omitSeconds: boolean;
}

/** Days since 1970-01-01 → proleptic Gregorian [year, month, day] (Howard Hinnant's algorithm). */
function civilFromDays(days: number): [number, number, number] {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

const pad = (n: number, w: number) => String(n).padStart(w, "0");

/** Smallest number of fractional digits that writes `fraction` (0–999999 µs) exactly. @internal */
export function neededDigits(fraction: number): number {
  if (fraction === 0) return 0;
  let digits = 6;
  let f = fraction;
  while (f % 10 === 0) {
    f /= 10;
    digits--;
  }
  return digits;
}

/** Writes `micros` in `style`. The result always parses back to `micros` (years 0001–9999). @internal */
export function renderTimestamp(micros: bigint, style: TimestampStyle): string {
  const offsetMinutes = style.form === "offset" ? (style.sign === "-" ? -style.minutes : style.minutes) : 0;
  const local = micros + BigInt(offsetMinutes) * 60_000_000n;
  const fraction = Number(((local % 1_000_000n) + 1_000_000n) % 1_000_000n);
  const seconds = Number((local - BigInt(fraction)) / 1_000_000n);
  const days = Math.floor(seconds / 86400);
  const sod = seconds - days * 86400;
  const [y, mo, d] = civilFromDays(days);
  const hh = Math.floor(sod / 3600);
  const mi = Math.floor((sod % 3600) / 60);
  const ss = sod % 60;
  const digits = Math.max(Math.min(style.digits, 6), neededDigits(fraction));
  let time = `${pad(hh, 2)}:${pad(mi, 2)}`;
  if (!(style.omitSeconds && ss === 0 && digits === 0 && style.padding === "")) {
    time += `:${pad(ss, 2)}`;
    const frac = pad(fraction, 6).slice(0, digits) + (digits === 6 ? style.padding : "");
    if (frac.length > 0) time += style.decimalMark + frac;
  }
  let zone = "";
  if (style.form === "utc") zone = style.zulu;
  else if (style.form === "offset") {
    const oh = pad(Math.floor(style.minutes / 60), 2);
    const om = pad(style.minutes % 60, 2);
    zone = style.sign + (style.offsetStyle === "HH:MM" ? `${oh}:${om}` : style.offsetStyle === "HHMM" ? `${oh}${om}` : style.minutes % 60 === 0 ? oh : `${oh}:${om}`);
  }
  return `${pad(y, 4)}-${pad(mo, 2)}-${pad(d, 2)}${style.separator}${time}${zone}`;
}

/** Offsets in use around the world (minutes east of UTC), including the odd ones. @internal */
const REAL_OFFSETS: readonly number[] = [0, 60, -60, 120, -180, -210, 330, 345, 540, 570, 765, -480, -300, 840, -720];

/** Settings of {@link timestampStyle}. @internal */
export interface StyleSettings {
  readonly forms: readonly ("naive" | "utc" | "offset")[];
  readonly maxFractionDigits: number;
  readonly extendedSyntax: boolean;
}

/** Draws a way of writing an instant. @internal */
export function timestampStyle(settings: StyleSettings): fc.Arbitrary<TimestampStyle> {
  const { forms, maxFractionDigits, extendedSyntax } = settings;
  const maxOffset = extendedSyntax ? 23 * 60 + 59 : 14 * 60;
  const offset = fc.oneof(
    { arbitrary: fc.constantFrom(...REAL_OFFSETS), weight: 3 },
    { arbitrary: fc.integer({ min: -Math.min(maxOffset, 12 * 60), max: maxOffset }), weight: 1 },
  );
  const ext = <T>(arb: fc.Arbitrary<T>, plain: T): fc.Arbitrary<T> => (extendedSyntax ? fc.oneof(fc.constant(plain), arb) : fc.constant(plain));
  return fc
    .record({
      form: fc.constantFrom(...forms),
      offset,
      negativeZero: fc.boolean(),
      // Biased to pydantic's forms: 0 digits (the minimum the instant allows) or 6.
      digits: fc.oneof(fc.constantFrom(0, Math.min(6, maxFractionDigits)), fc.integer({ min: 0, max: maxFractionDigits })),
      padding: fc.string({ unit: fc.constantFrom(..."0123456789"), minLength: 3, maxLength: 3 }),
      separator: ext(fc.constantFrom<"t" | " ">("t", " "), "T" as const),
      zulu: ext(fc.constant<"z">("z"), "Z" as const),
      offsetStyle: ext(fc.constantFrom<"HHMM" | "HH">("HHMM", "HH"), "HH:MM" as const),
      decimalMark: ext(fc.constant<",">(","), "." as const),
      omitSeconds: ext(fc.constant(true), false),
    })
    .map(({ form, offset, negativeZero, digits, padding, ...rest }) => ({
      form,
      sign: offset < 0 || (offset === 0 && negativeZero) ? ("-" as const) : ("+" as const),
      minutes: Math.abs(offset),
      digits: Math.min(digits, 6),
      padding: digits > 6 ? padding.slice(0, digits - 6) : "",
      ...rest,
    }));
}

/** Smallest and largest instants an arbitrary may write, with a day of margin for offsets. @internal */
export const MIN_INSTANT = -62135510400000000n; // 0001-01-02T00:00:00Z
/** @internal */
export const MAX_INSTANT = 253402214399999999n; // 9999-12-30T23:59:59.999999Z

/** Rounds down to a multiple of `step`. @internal */
export function floorTo(v: bigint, step: bigint): bigint {
  const r = ((v % step) + step) % step;
  return v - r;
}

/** Rounds up to a multiple of `step`. @internal */
export function ceilTo(v: bigint, step: bigint): bigint {
  const f = floorTo(v, step);
  return f === v ? v : f + step;
}

/**
 * A small, fixed pool of instants clustered around the middle of [min, max]: the same instant, and
 * neighbours 1 µs, 999 µs, 1 ms and 1 s apart (a store that keeps milliseconds turns the first ones into
 * ties and misorders them). Deterministic, so draws from one arbitrary collide often.
 * @internal
 */
export function instantPool(min: bigint, max: bigint, step: bigint, size: number): bigint[] {
  if (size === 0) return [];
  const anchor = floorTo(min + (max - min) / 2n, 1_000_000n);
  const deltas = [0n, 1n, 999n, 1_000n, 1_000_000n, 1_500_000n, -1n, 60_000_000n, -1_000_000n, 86_400_000_000n, 10n, 120_000n];
  for (let k = 1; deltas.length < size * 2; k++) deltas.push(BigInt(k) * 3_600_000_000n + BigInt(k));
  const pool: bigint[] = [];
  for (const d of deltas) {
    let v = floorTo(anchor + d, step);
    if (v < min) v = ceilTo(min, step);
    if (v > max) v = floorTo(max, step);
    if (v >= min && !pool.includes(v)) pool.push(v);
    if (pool.length === size) break;
  }
  return pool;
}

/**
 * Instants in [min, max] at multiples of `step` µs: half of them from the fixed pool (ties), the
 * rest random with round fractions favoured (so that short fractional forms occur).
 * @internal
 */
export function instant(min: bigint, max: bigint, step: bigint, poolSize: number): fc.Arbitrary<bigint> {
  const lo = ceilTo(min, step);
  const hi = floorTo(max, step);
  const clamp = (v: bigint) => {
    const s = floorTo(v, step);
    return s < lo ? lo : s > hi ? hi : s;
  };
  const fraction = fc.oneof(
    fc.constant(0),
    fc.integer({ min: 0, max: 999 }).map((ms) => ms * 1000),
    fc.integer({ min: 0, max: 999_999 }),
    fc.constant(999_999),
  );
  const random = fc
    .tuple(fc.bigInt({ min: floorTo(lo, 1_000_000n) / 1_000_000n, max: floorTo(hi, 1_000_000n) / 1_000_000n }), fraction)
    .map(([s, f]) => clamp(s * 1_000_000n + BigInt(f)));
  const pool = instantPool(lo, hi, step, poolSize);
  if (pool.length === 0) return random;
  return fc.oneof({ arbitrary: fc.constantFrom(...pool), weight: 1 }, { arbitrary: random, weight: 1 });
}
