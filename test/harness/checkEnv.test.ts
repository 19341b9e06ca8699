/** The stores of one check run (src/harness/checkEnv.ts): at most two alive, the oldest released first. */
import { describe, expect, it } from "vitest";
import { InMemoryStore } from "chatkit-testkit";
import { StoreLifetimes } from "../../src/harness/checkEnv.js";

describe("StoreLifetimes", () => {
  it("makes any number of stores without destroyStore (a property check makes one per run)", async () => {
    const lifetimes = new StoreLifetimes({ createStore: () => new InMemoryStore() });
    for (let i = 0; i < 5; i++) await lifetimes.next();
    expect(lifetimes.made).toBe(5);
    expect(await lifetimes.releaseAll()).toBeUndefined();
  });

  it("releases the oldest store when a third is made, and the rest at the end", async () => {
    const released: number[] = [];
    let n = 0;
    const lifetimes = new StoreLifetimes({
      createStore: () => Object.assign(new InMemoryStore(), { n: ++n }),
      destroyStore: (store) => void released.push((store as unknown as { n: number }).n),
    });
    for (let i = 0; i < 4; i++) await lifetimes.next();
    expect(released).toEqual([1, 2]);
    await lifetimes.releaseAll();
    expect(released).toEqual([1, 2, 3, 4]);
  });
});
