import { describe, expect, it } from "vitest";
import { defaultScope, SINGLE_TENANT_KEY } from "chatkit-testkit";
import { resolveScope, scopeResolver } from "../../src/store/scope.js";

const HINT = 'for one shared scope, construct the store with { scope: "single-tenant" }';

/** Contexts from which the default rule derives no scope key (C-SCOPE fails closed). */
const NO_KEY_CONTEXTS: readonly unknown[] = [
  undefined, null, {}, { user_id: "" }, { userId: "" }, { tenant: "t" }, 42, 0, true, "", [], ["u1"], { user_id: 7 }, { user_id: null }, { userId: {} }, { user_id: ["u1"] },
];

describe("defaultScope (C-SCOPE)", () => {
  it("C-SCOPE: a non-empty string context is the scope itself", () => {
    for (const s of ["u1", "a:b", "🧵", " ", "a "]) expect(defaultScope(s)).toBe(s);
  });

  it("C-SCOPE: an object context uses a non-empty user_id, else userId (user_id wins)", () => {
    expect(defaultScope({ user_id: "u1" })).toBe("u1");
    expect(defaultScope({ userId: "u2" })).toBe("u2");
    expect(defaultScope({ user_id: "u1", userId: "u2" })).toBe("u1");
  });

  it("C-SCOPE: a context with no scope key is an InvalidArgumentError naming context, never a shared scope", () => {
    for (const c of NO_KEY_CONTEXTS) {
      expect(() => defaultScope(c), String(c)).toThrow(expect.objectContaining({ name: "InvalidArgumentError", method: "defaultScope", argument: "context" }));
    }
    expect(() => defaultScope(undefined)).toThrow(
      `[chatkit-testkit] defaultScope: context must give a scope key: a non-empty string, or an object with a non-empty string user_id or userId, got undefined; ${HINT}`,
    );
    expect(() => defaultScope({ user_id: 7 })).toThrow('or userId (its user_id is 7), got {"user_id":7}');
    expect(() => defaultScope({ userId: {} })).toThrow("(its userId is {})");
  });
});

describe("scopeResolver: the store's scope option", () => {
  it("C-SCOPE: the default rule, and the error names the calling method", () => {
    const resolve = scopeResolver<unknown>("InMemoryStore", undefined);
    expect(resolve("loadThread", { user_id: "u" })).toBe("u");
    for (const c of NO_KEY_CONTEXTS) expect(() => resolve("loadThread", c)).toThrow(expect.objectContaining({ method: "loadThread", argument: "context" }));
  });

  it('C-SCOPE: "single-tenant" is the one explicit shared scope, whatever the context', () => {
    const resolve = scopeResolver<unknown>("InMemoryStore", "single-tenant");
    for (const c of [...NO_KEY_CONTEXTS, "u1", { user_id: "u1" }]) expect(resolve("saveThread", c)).toBe(SINGLE_TENANT_KEY);
  });

  it("C-SCOPE: a scope function must return a non-empty string; otherwise the context has no key", () => {
    const resolve = scopeResolver<{ t?: unknown }>("PostgresStore", (c: { t?: unknown }) => c.t as string);
    expect(resolve("loadThreads", { t: "acme" })).toBe("acme");
    expect(() => resolve("loadThreads", { t: "" })).toThrow(
      `[chatkit-testkit] loadThreads: context must give a scope key: the scope option returned "", not a non-empty string, got {"t":""}; ${HINT}`,
    );
    for (const t of [undefined, null, 5, {}]) expect(() => resolve("saveItem", { t })).toThrow(expect.objectContaining({ name: "InvalidArgumentError", method: "saveItem", argument: "context" }));
  });

  it("C-ERR: any other option is rejected at construction", () => {
    for (const bad of ["shared", "", null, 5, {}]) {
      expect(() => scopeResolver("InMemoryStore", bad)).toThrow(expect.objectContaining({ name: "InvalidArgumentError", method: "InMemoryStore", argument: "options.scope" }));
    }
    expect(() => scopeResolver("InMemoryStore", "shared")).toThrow('[chatkit-testkit] InMemoryStore: options.scope must be a function of the context or "single-tenant", got "shared"');
  });
});

describe("resolveScope", () => {
  it("C-SCOPE: applies a scope function; defaultScope as a function gets the calling method's name", () => {
    expect(resolveScope((c: string) => c.toUpperCase(), "loadThread", "u")).toBe("U");
    expect(() => resolveScope(() => 5 as never, "loadThread", null)).toThrow("[chatkit-testkit] loadThread: context must give a scope key: the scope option returned 5");
    expect(() => resolveScope(defaultScope, "saveThread", {})).toThrow(expect.objectContaining({ name: "InvalidArgumentError", method: "saveThread", argument: "context" }));
  });
});
