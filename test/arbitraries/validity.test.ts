import * as fc from "fast-check";
import { isDeepStrictEqual } from "node:util";
import { describe, expect, it } from "vitest";
import {
  AnnotationSchema,
  AssistantMessageContentSchema,
  InferenceOptionsSchema,
  SourceSchema,
  StructuredInputSchema,
  TaskSchema,
  THREAD_ITEM_TYPES,
  ThreadItemSchema,
  ThreadStatusSchema,
  UserMessageContentSchema,
  WidgetRootSchema,
  WorkflowSchema,
  parseAttachment,
  parseAttachmentCreateParams,
  parseThread,
  parseThreadItem,
  parseThreadMetadata,
} from "chatkit-testkit";
import type { z } from "zod";
import { SEED, arb, isWellFormed, walk } from "./arb.js";

const NUM_RUNS = 150;

/** A zod schema as a validator that throws with the issues. */
const schemaValidator = (schema: z.ZodType) => (value: unknown) => {
  const r = schema.safeParse(value);
  if (!r.success) throw new Error(JSON.stringify(r.error.issues));
};

/** Every value is plain JSON: survives JSON.stringify/parse exactly, every object has Object.prototype. */
function expectPlainJson(value: unknown): void {
  const problems: string[] = [];
  walk(value, (v, path) => {
    if (typeof v === "number" && (!Number.isFinite(v) || Object.is(v, -0))) problems.push(`${path} = ${v}`);
    if (typeof v === "string" && v.includes("\u0000")) problems.push(`${path} contains NUL`);
    if (typeof v === "string" && !isWellFormed(v)) problems.push(`${path} has a lone surrogate`);
    if (v !== null && typeof v === "object" && !Array.isArray(v) && Object.getPrototypeOf(v) !== Object.prototype) problems.push(`${path} is not a plain object`);
    if (["undefined", "function", "symbol", "bigint"].includes(typeof v)) problems.push(`${path} is a ${typeof v}`);
  });
  expect(problems).toEqual([]);
  // Not toStrictEqual: vitest compares `a.constructor`, which is data here ({ constructor: [] }).
  expect(isDeepStrictEqual(JSON.parse(JSON.stringify(value)), value)).toBe(true);
}

const cases: [string, fc.Arbitrary<unknown>, (value: unknown) => unknown][] = [
  ["threadStatus", arb.threadStatus(), schemaValidator(ThreadStatusSchema)],
  ["threadMetadata", arb.threadMetadata(), (v) => parseThreadMetadata(v)],
  ["thread", arb.thread(), (v) => parseThread(v)],
  ["userMessageContent", arb.userMessageContent(), schemaValidator(UserMessageContentSchema)],
  ["assistantMessageContent", arb.assistantMessageContent(), schemaValidator(AssistantMessageContentSchema)],
  ["annotation", arb.annotation(), schemaValidator(AnnotationSchema)],
  ["source", arb.source(), schemaValidator(SourceSchema)],
  ["inferenceOptions", arb.inferenceOptions(), schemaValidator(InferenceOptionsSchema)],
  ["task", arb.task(), schemaValidator(TaskSchema)],
  ["workflow", arb.workflow(), schemaValidator(WorkflowSchema)],
  ["structuredInput", arb.structuredInput(), schemaValidator(StructuredInputSchema)],
  ["widgetRoot", arb.widgetRoot(), schemaValidator(WidgetRootSchema)],
  ["attachment", arb.attachment(), (v) => parseAttachment(v)],
  ["attachmentCreateParams", arb.attachmentCreateParams(), (v) => parseAttachmentCreateParams(v)],
  ["userMessageItem", arb.userMessageItem(), (v) => parseThreadItem(v)],
  ["assistantMessageItem", arb.assistantMessageItem(), (v) => parseThreadItem(v)],
  ["clientToolCallItem", arb.clientToolCallItem(), (v) => parseThreadItem(v)],
  ["widgetItem", arb.widgetItem(), (v) => parseThreadItem(v)],
  ["generatedImageItem", arb.generatedImageItem(), (v) => parseThreadItem(v)],
  ["structuredInputItem", arb.structuredInputItem(), (v) => parseThreadItem(v)],
  ["workflowItem", arb.workflowItem(), (v) => parseThreadItem(v)],
  ["taskItem", arb.taskItem(), (v) => parseThreadItem(v)],
  ["hiddenContextItem", arb.hiddenContextItem(), (v) => parseThreadItem(v)],
  ["sdkHiddenContextItem", arb.sdkHiddenContextItem(), (v) => parseThreadItem(v)],
  ["endOfTurnItem", arb.endOfTurnItem(), (v) => parseThreadItem(v)],
  ["threadItem", arb.threadItem(), (v) => parseThreadItem(v)],
  ["threadItem (deep, long)", arb.threadItem({ maxDepth: 4, maxLength: 4, textArbitrary: arb.text({ maxLength: 2000 }) }), (v) => parseThreadItem(v)],
  ["jsonValue", arb.jsonValue({ maxDepth: 4 }), () => undefined],
  ["freeObject", arb.freeObject(), (v) => expect(v !== null && typeof v === "object" && !Array.isArray(v)).toBe(true)],
];

describe("C-WIRE: every generated value is valid ChatKit data", () => {
  it.each(cases)("arb.%s passes the strict validator and is plain JSON", (_name, arbitrary, validate) => {
    fc.assert(
      fc.property(arbitrary, (value) => {
        validate(value);
        expectPlainJson(value);
      }),
      { seed: SEED, numRuns: NUM_RUNS },
    );
  });

  it("arb.dataset: every thread and item passes the strict validators", () => {
    fc.assert(
      fc.property(arb.dataset({ maxLength: 3, maxDepth: 2 }), (ds) => {
        for (const { thread } of ds.threads) parseThreadMetadata(thread);
        for (const { item } of ds.items) parseThreadItem(item);
        expectPlainJson(ds);
      }),
      { seed: SEED, numRuns: 60 },
    );
  });

  it("items carry only fields of their variant (nothing a strict schema would drop)", () => {
    const shapes = new Map(ThreadItemSchema.options.map((o) => [o.shape.type.value as string, Object.keys(o.shape)]));
    fc.assert(
      fc.property(arb.threadItem(), (item) => {
        for (const key of Object.keys(item)) expect(shapes.get(item.type)).toContain(key);
      }),
      { seed: SEED, numRuns: NUM_RUNS },
    );
  });

  it("arb.threadItem({ types }) generates exactly those types, and every type by default", () => {
    const seen = new Set(fc.sample(arb.threadItem(), { seed: SEED, numRuns: 300 }).map((i) => i.type));
    expect([...seen].sort()).toEqual([...THREAD_ITEM_TYPES].sort());
    const only = fc.sample(arb.threadItem({ types: ["task", "end_of_turn"] }), { seed: SEED, numRuns: 100 });
    expect(new Set(only.map((i) => i.type))).toEqual(new Set(["task", "end_of_turn"]));
  });

  it("threadId and idArbitrary constraints are honoured", () => {
    const items = fc.sample(arb.threadItem({ threadId: "thr_x", idArbitrary: fc.constantFrom("m1", "m2") }), { seed: SEED, numRuns: 50 });
    for (const item of items) {
      expect(item.thread_id).toBe("thr_x");
      expect(["m1", "m2"]).toContain(item.id);
    }
  });

  it("arb.thread: items belong to the thread, ids are unique, after is the last id exactly when has_more", () => {
    fc.assert(
      fc.property(arb.thread({ maxItems: 5 }), (t) => {
        for (const item of t.items.data) expect(item.thread_id).toBe(t.id);
        expect(new Set(t.items.data.map((i) => i.id)).size).toBe(t.items.data.length);
        if (t.items.has_more) expect(t.items.after).toBe(t.items.data.at(-1)!.id);
        else expect(t.items.after ?? null).toBeNull();
      }),
      { seed: SEED, numRuns: NUM_RUNS },
    );
  });

  it("arb.attachment: types and threadId constraints; upload_descriptor uses PUT and POST", () => {
    const images = fc.sample(arb.attachment({ types: ["image"], threadId: null }), { seed: SEED, numRuns: 50 });
    for (const a of images) {
      expect(a.type).toBe("image");
      expect(a.thread_id).toBeNull();
    }
    const methods = new Set(fc.sample(arb.attachment(), { seed: SEED, numRuns: 200 }).map((a) => a.upload_descriptor?.method ?? String(a.upload_descriptor)));
    expect(methods).toEqual(new Set(["PUT", "POST", "null", "undefined"]));
  });
});

describe("C-ROUNDTRIP: optional fields are sometimes absent, sometimes null, sometimes set", () => {
  const states = (values: readonly Record<string, unknown>[], key: string) =>
    new Set(values.map((v) => (!Object.hasOwn(v, key) ? "absent" : v[key] === null ? "null" : "set")));

  it("nullable fields take all three states", () => {
    const threads = fc.sample(arb.threadMetadata(), { seed: SEED, numRuns: 200 });
    for (const key of ["title", "allowed_image_domains"]) expect(states(threads, key), key).toEqual(new Set(["absent", "null", "set"]));
    const attachments = fc.sample(arb.attachment(), { seed: SEED, numRuns: 200 });
    for (const key of ["upload_descriptor", "thread_id", "metadata"]) expect(states(attachments, key), key).toEqual(new Set(["absent", "null", "set"]));
    const messages = fc.sample(arb.userMessageItem(), { seed: SEED, numRuns: 200 });
    expect(states(messages, "quoted_text")).toEqual(new Set(["absent", "null", "set"]));
  });

  it("optional, non-nullable fields are absent or set, never null", () => {
    const threads = fc.sample(arb.threadMetadata(), { seed: SEED, numRuns: 200 });
    for (const key of ["status", "metadata"]) expect(states(threads, key), key).toEqual(new Set(["absent", "set"]));
    const calls = fc.sample(arb.clientToolCallItem(), { seed: SEED, numRuns: 200 });
    expect(states(calls, "status")).toEqual(new Set(["absent", "set"]));
    // output is `any`: null is a value there
    expect(states(calls, "output")).toEqual(new Set(["absent", "null", "set"]));
  });

  it("hidden_context_item content is always present and is sometimes null", () => {
    const items = fc.sample(arb.hiddenContextItem(), { seed: SEED, numRuns: 200 });
    expect(states(items, "content")).toEqual(new Set(["null", "set"]));
  });
});

describe("free-form JSON", () => {
  it("objects carry __proto__, constructor and unicode keys as own data, and nulls inside", () => {
    const objects = fc.sample(arb.freeObject({ maxDepth: 3 }), { seed: SEED, numRuns: 300 });
    const keys = new Set<string>();
    let nestedNull = false;
    for (const o of objects) {
      walk(o, (v, path) => {
        if (v !== null && typeof v === "object" && !Array.isArray(v)) for (const k of Object.keys(v)) keys.add(k);
        if (v === null && path !== "$") nestedNull = true;
      });
    }
    for (const k of ["__proto__", "constructor", "toString", "", "a.b", "😀", "e\u0301"]) expect(keys, JSON.stringify(k)).toContain(k);
    expect(nestedNull).toBe(true);
    const withProto = objects.find((o) => Object.hasOwn(o, "__proto__"))!;
    expect(Object.getPrototypeOf(withProto)).toBe(Object.prototype);
  });

  it("widget trees have nested children and unknown camelCase props", () => {
    const roots = fc.sample(arb.widgetRoot({ maxDepth: 3 }), { seed: SEED, numRuns: 200 });
    expect(new Set(roots.map((r) => r.type))).toEqual(new Set(["Card", "ListView", "Basic"]));
    const keys = new Set<string>();
    let depth = 0;
    for (const r of roots) walk(r, (v, path) => {
      if (v !== null && typeof v === "object" && !Array.isArray(v)) for (const k of Object.keys(v)) keys.add(k);
      depth = Math.max(depth, path.split("children").length - 1);
    });
    for (const k of ["asForm", "onClickAction", "loadingBehavior", "customProp", "children"]) expect(keys).toContain(k);
    expect(depth).toBeGreaterThanOrEqual(2);
  });
});
