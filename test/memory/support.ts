/**
 * Helpers of the InMemoryStore tests: two users, and assertions for the typed errors of C-ERR (checked
 * against `snapshot()`). Records, loaders and the page walk are every store test's: test/support/stores.ts
 * (re-exported here).
 */
import { expect } from "vitest";
import type { InMemoryStore } from "chatkit-testkit";

export { ORDERS, allIds, expectWalk, item, itemsOf, thread, threadsOf } from "../support/stores.js";

/** Two users (the default scope reads `user_id`). */
export const alice = { user_id: "alice" };
export const bob = { user_id: "bob" };

/** The rejection of `promise`, failing the test if it resolves. */
export async function rejectionOf(promise: Promise<unknown>): Promise<Error & Record<string, unknown>> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(Error);
    return error as Error & Record<string, unknown>;
  }
  throw new Error("expected the call to reject, but it resolved");
}

/** Expects a NotFoundError (by name and code, as C-ERR asks) of the given kind. */
export async function expectNotFound(promise: Promise<unknown>, kind: "thread" | "item" | "attachment" | "cursor", id?: string): Promise<Error> {
  const error = await rejectionOf(promise);
  expect(error.name).toBe("NotFoundError");
  expect(error.code).toBe("CHATKIT_NOT_FOUND");
  expect(error.kind).toBe(kind);
  if (id !== undefined) expect(error.id).toBe(id);
  expect(error.message).toMatch(/^\[chatkit-testkit\] /);
  return error;
}

/**
 * Expects an InvalidArgumentError naming `method` and `argument` (a path) whose message contains `shown`
 * (how the bad value is printed), and checks that the store did not change.
 */
export async function expectInvalid(
  store: Pick<InMemoryStore, "snapshot">,
  call: () => Promise<unknown>,
  method: string,
  argument: string,
  shown?: string | RegExp,
): Promise<Error> {
  const before = store.snapshot();
  const error = await rejectionOf(call());
  expect(error.name).toBe("InvalidArgumentError");
  expect(error.code).toBe("CHATKIT_INVALID_ARGUMENT");
  expect(error).toBeInstanceOf(TypeError);
  expect(error.method).toBe(method);
  expect(error.argument).toBe(argument);
  expect(error.message.startsWith(`[chatkit-testkit] ${method}: ${argument} `), error.message).toBe(true);
  if (typeof shown === "string") expect(error.message).toContain(shown);
  else if (shown) expect(error.message).toMatch(shown);
  expect(store.snapshot(), "a rejected call leaves the store unchanged").toEqual(before);
  return error;
}
