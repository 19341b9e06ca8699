import { describe, expect, it } from "vitest";
import { CorruptDataError, InvalidArgumentError, NotFoundError, ValidationError, isInvalidArgumentError, isNotFoundError } from "chatkit-testkit";

describe("error classes (C-ERR)", () => {
  it("C-ERR: NotFoundError has a stable name and code, a kind, an id and a default message", () => {
    const e = new NotFoundError("item", "msg_1");
    expect(e).toBeInstanceOf(Error);
    expect(e).toMatchObject({ name: "NotFoundError", code: "CHATKIT_NOT_FOUND", kind: "item", id: "msg_1" });
    expect(e.message).toBe('[chatkit-testkit] item "msg_1" not found');
    expect(new NotFoundError("cursor", "c", "custom").message).toBe("custom");
    expect(String(e)).toBe('NotFoundError: [chatkit-testkit] item "msg_1" not found');
  });

  it("C-ERR: InvalidArgumentError formats `[chatkit-testkit] <method>: <argument> <problem>` and keeps a cause", () => {
    const cause = new Error("inner");
    const e = new InvalidArgumentError("loadThreads", "limit", "must be an integer ≥ 1, got 0", { cause });
    expect(e).toBeInstanceOf(TypeError);
    expect(e).toMatchObject({ name: "InvalidArgumentError", code: "CHATKIT_INVALID_ARGUMENT", method: "loadThreads", argument: "limit", cause });
    expect(e.message).toBe("[chatkit-testkit] loadThreads: limit must be an integer ≥ 1, got 0");
  });

  it("C-ERR: ValidationError lists up to 5 issues in its message and keeps all of them", () => {
    const issues = Array.from({ length: 7 }, (_, i) => ({ path: `content[${i}].type`, message: "bad" }));
    const e = new ValidationError("ThreadItem", issues);
    expect(e).toMatchObject({ name: "ValidationError", code: "CHATKIT_VALIDATION", model: "ThreadItem" });
    expect(e.issues).toEqual(issues);
    expect(e.message).toBe(
      "[chatkit-testkit] invalid ThreadItem: content[0].type: bad; content[1].type: bad; content[2].type: bad; content[3].type: bad; content[4].type: bad; and 2 more",
    );
  });

  it("C-ERR: CorruptDataError names the table and the row id", () => {
    const e = new CorruptDataError("items", "msg_1", "created_at is not a timestamp");
    expect(e).toMatchObject({ name: "CorruptDataError", code: "CHATKIT_CORRUPT_DATA", table: "items", id: "msg_1" });
    expect(e.message).toBe('[chatkit-testkit] corrupt row in items (id "msg_1"): created_at is not a timestamp');
  });

  it("C-ERR: the guards recognise errors by name, so errors of other SDKs or package copies count", () => {
    class UpstreamNotFound extends Error {
      override name = "NotFoundError";
    }
    expect(isNotFoundError(new UpstreamNotFound("x"))).toBe(true);
    expect(isNotFoundError({ name: "NotFoundError" })).toBe(true);
    expect(isNotFoundError(new Error("NotFoundError"))).toBe(false);
    expect(isNotFoundError(null)).toBe(false);
    expect(isNotFoundError("NotFoundError")).toBe(false);
    expect(isInvalidArgumentError({ name: "InvalidArgumentError" })).toBe(true);
    expect(isInvalidArgumentError(new TypeError("x"))).toBe(false);
  });

  it("C-ERR: each guard recognises only its own class: a NotFoundError is no InvalidArgumentError, and the reverse", () => {
    const notFound = new NotFoundError("thread", "thr_x");
    const invalid = new InvalidArgumentError("loadThreads", "limit", "must be an integer ≥ 1, got 0");
    expect(isNotFoundError(notFound)).toBe(true);
    expect(isInvalidArgumentError(notFound)).toBe(false);
    expect(isInvalidArgumentError(invalid)).toBe(true);
    expect(isNotFoundError(invalid)).toBe(false);
  });
});
