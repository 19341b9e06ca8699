/**
 * The harness's sample set (src/harness/checks/samples.ts) is the one set of samples: the round-trip
 * checks write it into every store under test, and the project's own tests use it. This file asserts what
 * it covers, so a new item type, attachment type, thread status or optional field cannot be left out.
 */
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { THREAD_ITEM_TYPES, ThreadItemSchema } from "../../src/model/items.js";
import { AttachmentSchema } from "../../src/model/attachment.js";
import { ThreadMetadataSchema, ThreadStatusSchema } from "../../src/model/thread.js";
import { ODD_IDS, TIMESTAMP_FORMS, sampleAttachments, sampleItems, sampleThreads } from "../../src/harness/checks/samples.js";
import { parseAttachment, parseThreadItem, parseThreadMetadata } from "chatkit-testkit";

type ObjectSchema = z.ZodObject<Record<string, z.ZodType>>;
type Row = Record<string, unknown>;

/** For each optional field of `schema`: is it set (not null) in some sample, absent in another, null in a third where allowed? */
function fieldCoverage(schema: ObjectSchema, samples: readonly Row[]): string[] {
  const gaps: string[] = [];
  for (const [key, field] of Object.entries(schema.shape)) {
    if (!field.safeParse(undefined).success) continue; // required: every sample has it (the parse tests below)
    if (!samples.some((s) => Object.hasOwn(s, key) && s[key] !== null)) gaps.push(`${key}: never set`);
    if (!samples.some((s) => !Object.hasOwn(s, key))) gaps.push(`${key}: never absent`);
    if (field.safeParse(null).success && !samples.some((s) => s[key] === null)) gaps.push(`${key}: never null`);
  }
  return gaps;
}

/** The variants of a discriminated union, by their `type` literal. */
function variants(union: { options: readonly z.ZodType[] }): Map<string, ObjectSchema> {
  return new Map(union.options.map((o) => [((o as ObjectSchema).shape.type as unknown as { value: string }).value, o as ObjectSchema]));
}

describe("the shipped samples", () => {
  const items = sampleItems("thr_samples") as unknown as Row[];
  const threads = sampleThreads() as unknown as Row[];
  const attachments = sampleAttachments() as unknown as Row[];

  it(`C-WIRE: cover all ${THREAD_ITEM_TYPES.length} item types, each with every optional field set, absent and (where allowed) null`, () => {
    expect([...new Set(items.map((i) => i.type))].sort()).toEqual([...THREAD_ITEM_TYPES].sort());
    const gaps = [...variants(ThreadItemSchema as never)].flatMap(([type, schema]) => fieldCoverage(schema, items.filter((i) => i.type === type)).map((g) => `${type}.${g}`));
    expect(gaps).toEqual([]);
  });

  it("C-ROUNDTRIP: cover every thread status and every optional thread field set, absent and null", () => {
    expect(new Set(threads.map((t) => (t.status as Row | undefined)?.type))).toEqual(new Set([undefined, ...variants(ThreadStatusSchema as never).keys()]));
    expect(fieldCoverage(ThreadMetadataSchema as unknown as ObjectSchema, threads)).toEqual([]);
  });

  it("C-ATTACH: cover both attachment types, each with every optional field set, absent and null", () => {
    const gaps = [...variants(AttachmentSchema as never)].flatMap(([type, schema]) => fieldCoverage(schema, attachments.filter((a) => a.type === type)).map((g) => `${type}.${g}`));
    expect(gaps).toEqual([]);
  });

  it("C-ROUNDTRIP: every sample passes the strict model unchanged (so strict and default stores take the same data)", () => {
    for (const i of items) expect(parseThreadItem(i), String(i.id)).toStrictEqual(i);
    for (const t of threads) expect(parseThreadMetadata(t), String(t.id)).toStrictEqual(t);
    for (const a of attachments) expect(parseAttachment(a), String(a.id)).toStrictEqual(a);
  });

  it("C-ROUNDTRIP: some thread's metadata has `__proto__`, `constructor` and `0` as own data keys, and `\"\"` and `__proto__` nested in an array", () => {
    const proto = threads.map((t) => t.metadata).find((m): m is Row => typeof m === "object" && m !== null && Object.hasOwn(m, "__proto__"));
    expect(proto, "a sample metadata with an own __proto__ key").toBeDefined();
    expect(Object.getPrototypeOf(proto), "a data key, not the prototype").toBe(Object.prototype);
    for (const key of ["__proto__", "constructor", "0"]) expect(Object.hasOwn(proto!, key), key).toBe(true);
    const nested = Object.values(proto!).flatMap((v) => (Array.isArray(v) ? v : [])).find((v): v is Row => typeof v === "object" && v !== null && Object.hasOwn(v, "__proto__"));
    expect(nested && Object.hasOwn(nested, ""), "an array holding an object with `\"\"` and `__proto__` keys").toBe(true);
    expect(Object.getPrototypeOf(nested)).toBe(Object.prototype);
  });

  it("C-ATTACH: some attachment has metadata numbers JSON writes with an exponent (1e21, 1.5e-7) and URLs with `&` and `'`", () => {
    const numbers = attachments.flatMap((a) => (a.metadata && typeof a.metadata === "object" ? Object.values(a.metadata as Row) : []));
    for (const n of [1e21, 1.5e-7, -0.1]) expect(numbers, String(n)).toContain(n);
    const urls = attachments.flatMap((a) => [a.preview_url, (a.upload_descriptor as Row | null | undefined)?.url]).filter((u): u is string => typeof u === "string");
    expect(urls.some((u) => u.includes("&") && u.includes("'"))).toBe(true);
  });

  it("C-ROUNDTRIP: the created_at forms include naive, Z, +HH:MM, -HH:MM, -00:00 and +14:00, and 0 to 6 fractional digits", () => {
    const zone = (f: string) => (f.endsWith("Z") ? "Z" : /[+-]\d\d:\d\d$/.test(f) ? f.slice(-6, -5) : "naive");
    expect(new Set(TIMESTAMP_FORMS.map(zone))).toEqual(new Set(["naive", "Z", "+", "-"]));
    expect(TIMESTAMP_FORMS.some((f) => f.endsWith("+14:00"))).toBe(true);
    expect(TIMESTAMP_FORMS.some((f) => f.endsWith("-00:00"))).toBe(true);
    const digits = (f: string) => /\.(\d+)/.exec(f)?.[1]?.length ?? 0;
    expect(new Set(TIMESTAMP_FORMS.map(digits))).toEqual(new Set([0, 1, 2, 3, 4, 5, 6]));
    const used = new Set([...items, ...threads].map((r) => r.created_at));
    expect(TIMESTAMP_FORMS.filter((f) => !used.has(f)), "forms no sample record uses").toEqual([]);
  });

  it("C-ID: the caller-supplied ids are distinct, and include SQL, quotes, a backslash, %, _, *, unicode and surrounding spaces", () => {
    expect(new Set(ODD_IDS).size).toBe(ODD_IDS.length);
    for (const needle of ["SELECT", "'", '"', "\\", "%", "_", "*", "🧵", " "]) expect(ODD_IDS.some((id) => id.includes(needle)), needle).toBe(true);
    expect(ODD_IDS.some((id) => id !== id.trim())).toBe(true);
  });
});
