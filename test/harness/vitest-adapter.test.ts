import { describe, expect, it } from "vitest";
import { InMemoryStore } from "chatkit-testkit";
import { runStoreConformance } from "chatkit-testkit/vitest";

describe("runStoreConformance", () => {
  it("explains that it must be called at collection time when called inside a test", () => {
    expect(() => runStoreConformance("Inside", { createStore: () => new InMemoryStore() })).toThrow(
      /\[chatkit-testkit\] runStoreConformance\("Inside"\): call it at the top level of a test file/,
    );
  });

  it("rejects malformed options at registration, before any test runs", () => {
    expect(() => runStoreConformance("Typo", { createStore: () => new InMemoryStore(), skip: { "paging.nope": "x" } as never })).toThrow(/unknown check "paging.nope"/);
  });
});

// Registered skips show up as skipped tests with the reason in the title (visible in the vitest report).
runStoreConformance("InMemoryStore with declared gaps", {
  createStore: () => new InMemoryStore(),
  capabilities: { attachments: false },
  skip: { "concurrency.interleavings": "demonstrates a named skip" },
  only: ["roundtrip.attachments", "concurrency.interleavings", "cursor.unknown"],
});
