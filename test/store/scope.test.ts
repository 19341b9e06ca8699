import { describe, expect, it } from "vitest";
import { defaultScope } from "chatkit-testkit";
import { resolveScope } from "../../src/store/scope.js";

describe("defaultScope (C-SCOPE)", () => {
  it("C-SCOPE: a string context is the scope itself, the empty string included", () => {
    for (const s of ["u1", "", "a:b", "🧵"]) expect(defaultScope(s)).toBe(s);
  });

  it("C-SCOPE: an object context uses user_id, else userId (user_id wins)", () => {
    expect(defaultScope({ user_id: "u1" })).toBe("u1");
    expect(defaultScope({ userId: "u2" })).toBe("u2");
    expect(defaultScope({ user_id: "u1", userId: "u2" })).toBe("u1");
    expect(defaultScope({ user_id: "" })).toBe("");
  });

  it("C-SCOPE: any other context is the single shared scope \"\"", () => {
    for (const c of [undefined, null, {}, { tenant: "t" }, 42, true, [], Symbol("s")]) expect(defaultScope(c)).toBe("");
  });

  it("C-ERR: a user_id or userId that is not a string is an InvalidArgumentError", () => {
    for (const c of [{ user_id: 7 }, { user_id: null }, { userId: {} }]) {
      expect(() => defaultScope(c)).toThrow(expect.objectContaining({ name: "InvalidArgumentError", argument: "context.user_id" }));
    }
  });
});

describe("resolveScope", () => {
  it("C-ERR: a scope function must return a string; the error names the method", () => {
    expect(resolveScope((c: string) => c.toUpperCase(), "loadThread", "u")).toBe("U");
    expect(() => resolveScope(() => 5 as never, "loadThread", null)).toThrow("[chatkit-testkit] loadThread: scope(context) must return a string, got 5");
    expect(() => resolveScope(() => undefined as never, "saveThread", null)).toThrow(expect.objectContaining({ name: "InvalidArgumentError", method: "saveThread" }));
  });
});
