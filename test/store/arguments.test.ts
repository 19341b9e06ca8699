import { describe, expect, it } from "vitest";
import { InvalidArgumentError } from "chatkit-testkit";
import { checkAttachment, checkId, checkItem, checkLimit, checkOrder, checkThread, envelopeProblem, normalizeAfter } from "../../src/store/arguments.js";

/** Runs `f`, expecting an InvalidArgumentError; returns it. */
function invalid(f: () => unknown): InvalidArgumentError {
  try {
    f();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidArgumentError);
    return error as InvalidArgumentError;
  }
  throw new Error("expected an InvalidArgumentError");
}

describe("checkLimit (C-LIMIT)", () => {
  it.each([1, 2, 20, 1e9, Number.MAX_SAFE_INTEGER])("C-LIMIT: accepts the integer %s and returns it", (limit) => {
    expect(checkLimit("m", limit)).toBe(limit);
  });

  it.each([
    [0, "0"],
    [-1, "-1"],
    [1.5, "1.5"],
    [Number.NaN, "NaN"],
    [Number.POSITIVE_INFINITY, "Infinity"],
    [Number.NEGATIVE_INFINITY, "-Infinity"],
    ["5", '"5"'],
    [null, "null"],
    [undefined, "undefined"],
    [5n, "5n"],
    [new Number(5), "a Number object (5)"],
    [new Boolean(true), "a Boolean object (true)"],
  ] as const)("C-LIMIT: rejects %s, naming the method, `limit` and the value", (limit, shown) => {
    const e = invalid(() => checkLimit("loadThreadItems", limit));
    expect(e.message).toBe(`[chatkit-testkit] loadThreadItems: limit must be an integer ≥ 1, got ${shown}`);
    expect(e).toMatchObject({ name: "InvalidArgumentError", code: "CHATKIT_INVALID_ARGUMENT", method: "loadThreadItems", argument: "limit" });
  });
});

describe("checkOrder (C-LIMIT)", () => {
  it("C-LIMIT: accepts exactly asc and desc", () => {
    expect(checkOrder("m", "asc")).toBe("asc");
    expect(checkOrder("m", "desc")).toBe("desc");
  });

  // [value, how the message shows it]
  const BAD: readonly (readonly [unknown, string])[] = [
    ["ASC", '"ASC"'],
    ["DESC", '"DESC"'],
    ["Asc", '"Asc"'],
    ["Desc", '"Desc"'],
    ["", '""'],
    [" asc", '" asc"'],
    ["asc ", '"asc "'],
    ["ascending", '"ascending"'],
    [undefined, "undefined"],
    [null, "null"],
    [0, "0"],
    [1, "1"],
    [["asc"], "an array of 1"],
    [new String("asc"), 'a String object ("asc")'], // not `"asc"`, which would read like the valid value
    [Object.assign(new String("asc"), { valueOf: () => { throw new Error("boom"); } }), 'a String object ("asc")'], // its own valueOf is never called
    [Object.create(String.prototype), "{}"], // String's prototype, but no string inside
    [Object.create(Number.prototype), "{}"],
    [new Proxy(new String("asc"), {}), '{"0":"a","1":"s","2":"c"}'], // a proxy has no string inside either
  ];
  it.each(BAD)("C-LIMIT: rejects %j, naming the method, `order` and the value", (order, shown) => {
    const e = invalid(() => checkOrder("loadThreads", order));
    expect(e.message).toBe(`[chatkit-testkit] loadThreads: order must be "asc" or "desc", got ${shown}`);
    expect(e).toMatchObject({ name: "InvalidArgumentError", code: "CHATKIT_INVALID_ARGUMENT", method: "loadThreads", argument: "order" });
  });
});

describe("normalizeAfter (C-CURSOR)", () => {
  it('C-CURSOR: null, undefined and "" mean no cursor; any other string is the cursor as given', () => {
    expect(normalizeAfter("m", null)).toBeNull();
    expect(normalizeAfter("m", undefined)).toBeNull();
    expect(normalizeAfter("m", "")).toBeNull();
    expect(normalizeAfter("m", " ")).toBe(" ");
    expect(normalizeAfter("m", "msg_1")).toBe("msg_1");
  });

  // [value, how the message shows it]
  const BAD: readonly (readonly [unknown, string])[] = [
    [0, "0"],
    [5, "5"],
    [false, "false"],
    [{}, "{}"],
    [["a"], "an array of 1"],
    [Symbol("s"), "Symbol(s)"],
  ];
  it.each(BAD)("C-ERR: rejects a cursor of the wrong type (%s), naming the method, `after` and the value", (after, shown) => {
    const e = invalid(() => normalizeAfter("loadThreads", after));
    expect(e.message).toBe(`[chatkit-testkit] loadThreads: after must be a string id or null, got ${shown}`);
    expect(e).toMatchObject({ name: "InvalidArgumentError", code: "CHATKIT_INVALID_ARGUMENT", method: "loadThreads", argument: "after" });
  });
});

describe("checkId (C-ERR)", () => {
  it("C-ERR: accepts any non-empty string, rejects the rest naming the argument", () => {
    for (const id of ["a", " ", "Ünïcødé", "%_*"]) expect(checkId("m", "threadId", id)).toBe(id);
    for (const id of ["", null, undefined, 5, {}]) {
      const e = invalid(() => checkId("loadItem", "itemId", id));
      expect(e.message).toMatch(/^\[chatkit-testkit\] loadItem: itemId must be a non-empty string, got /);
    }
  });
});

describe("envelopeProblem (C-ERR)", () => {
  const item = { id: "i", type: "end_of_turn", thread_id: "t", created_at: "2026-01-01T00:00:00Z" };

  it("C-ERR: a valid envelope has no problem, whatever else the record holds", () => {
    expect(envelopeProblem("thread", { id: "t", created_at: "2026-01-01T00:00:00Z", anything: [1] })).toBeNull();
    expect(envelopeProblem("item", { ...item, type: "unknown_future_type" })).toBeNull();
    expect(envelopeProblem("item", { id: "i", type: "x", created_at: "2026-01-01T00:00:00" })).toBeNull(); // thread_id optional
    expect(envelopeProblem("attachment", { id: "a", type: "file" })).toBeNull(); // no created_at needed
  });

  it.each([
    ["thread", null, "thread"],
    ["thread", [], "thread"],
    ["thread", { created_at: "2026-01-01T00:00:00Z" }, "thread.id"],
    ["thread", { id: "t" }, "thread.created_at"],
    ["thread", { id: "t", created_at: "soon" }, "thread.created_at"],
    ["item", { ...item, type: undefined }, "item.type"],
    ["item", { ...item, id: "" }, "item.id"],
    ["item", { ...item, thread_id: null }, "item.thread_id"],
    ["item", { ...item, created_at: "2026-02-30T00:00:00Z" }, "item.created_at"],
    ["attachment", { id: "a" }, "attachment.type"],
    ["attachment", "a", "attachment"],
  ] as const)("C-ERR: %s %j has a problem at %s", (kind, value, path) => {
    expect(envelopeProblem(kind, value)?.path).toBe(path);
  });
});

describe("checkThread / checkItem / checkAttachment", () => {
  it("C-ROUNDTRIP: returns a deep copy exactly as given and the µs order key", () => {
    const thread = { id: "t", created_at: "2026-01-01T00:00:00.000001Z", metadata: { a: [1, { b: 2 }] } };
    const checked = checkThread("saveThread", thread);
    expect(checked.value).toStrictEqual(thread);
    expect(checked.value).not.toBe(thread);
    expect(checked.value.metadata).not.toBe(thread.metadata);
    expect(checked.micros).toBe(BigInt(Date.UTC(2026, 0, 1)) * 1000n + 1n);
    expect(checkAttachment("saveAttachment", { id: "a", type: "file" }).micros).toBe(0n);
  });

  it("C-THREAD-SAVE: a Thread's items are stripped from the stored copy, and the argument is not mutated", () => {
    const thread = { id: "t", created_at: "2026-01-01T00:00:00Z", items: { data: [], has_more: false, after: null } };
    const checked = checkThread("saveThread", thread);
    expect(checked.value).toStrictEqual({ id: "t", created_at: "2026-01-01T00:00:00Z" });
    expect(thread).toHaveProperty("items");
  });

  it("C-ERR: a copy problem names the full path under the record kind", () => {
    expect(invalid(() => checkItem("addThreadItem", { id: "i", type: "x", created_at: "2026-01-01T00:00:00Z", a: { b: [0, () => 0] } })).argument).toBe("item.a.b[1]");
  });

  it("C-ERR: strict mode validates against the model and names the paths; the cause is the ValidationError", () => {
    const bad = { id: "i", type: "assistant_message", thread_id: "t", created_at: "2026-01-01T00:00:00Z", content: [{ text: 5 }] };
    expect(checkItem("saveItem", bad).value).toStrictEqual(bad); // envelope only by default
    const e = invalid(() => checkItem("saveItem", bad, { strict: true }));
    expect(e.argument).toBe("item");
    expect(e.message).toContain("item.content[0].text");
    expect(e.cause).toMatchObject({ name: "ValidationError", model: "ThreadItem" });
  });
});
