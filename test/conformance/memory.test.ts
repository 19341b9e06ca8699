import { InMemoryStore } from "chatkit-testkit";
import { runStoreConformance } from "chatkit-testkit/vitest";

// The whole harness against the bundled InMemoryStore, through the public vitest entry.
runStoreConformance("InMemoryStore", { createStore: () => new InMemoryStore() });

// Same store, strict model validation on: every sample the harness writes is a valid ChatKit record.
runStoreConformance("InMemoryStore (strict)", { createStore: () => new InMemoryStore({ strict: true }) });
