/** interceptMethods: the one call interceptor of the call log, recordingStore and faultyStore. */
import { describe, expect, it } from "vitest";
import { interceptMethods } from "../../src/store/intercept.js";

const target = {
  n: 1,
  sync(x: number) {
    return x + this.n;
  },
  boom(): never {
    throw new RangeError("boom");
  },
  async later(x: number) {
    return x * 2;
  },
  async rejects(): Promise<never> {
    throw new RangeError("no");
  },
};

function wrap(extra: Parameters<typeof interceptMethods<string>>[2] = {}) {
  const seen: string[] = [];
  const wrapped = interceptMethods<string>(target, ["sync", "boom", "later", "rejects", "missing"], {
    before: (method, args) => (seen.push(`before ${method}(${args.join(",")})`), method),
    after: (result, _m, _a, state) => void seen.push(`after ${state} ${String(result)}`),
    error: (error, _m, _a, state) => void seen.push(`error ${state} ${(error as Error).message}`),
    ...extra,
  }, "test");
  return { wrapped, seen };
}

describe("interceptMethods", () => {
  it("a synchronous value stays synchronous, with this the target; a throw is thrown unchanged", () => {
    const { wrapped, seen } = wrap();
    expect(wrapped.sync!(2)).toBe(3);
    expect(() => wrapped.boom!()).toThrow(RangeError);
    expect(seen).toEqual(["before sync(2)", "after sync 3", "before boom()", "error boom boom"]);
  });

  it("a promise is chained through after and error and handed to promised; the rejection stays the error", async () => {
    const promised: Promise<unknown>[] = [];
    const { wrapped, seen } = wrap({ promised: (p) => void promised.push(p) });
    const p = wrapped.later!(4);
    expect(promised).toEqual([p]);
    await expect(p).resolves.toBe(8);
    await expect(wrapped.rejects!()).rejects.toThrow("no");
    expect(seen).toEqual(["before later(4)", "after later 8", "before rejects()", "error rejects no"]);
  });

  it("around replaces the call; a missing method is a TypeError naming the owner", async () => {
    const { wrapped, seen } = wrap({ around: (proceed, method) => (method === "sync" ? 10 : proceed()) });
    expect(wrapped.sync!(2)).toBe(10);
    expect(seen).toEqual(["before sync(2)", "after sync 10"]);
    expect(() => wrapped.missing!()).toThrow("[chatkit-testkit] test: the wrapped store has no method missing");
  });

  it("without after and error, a promise is returned as it is", () => {
    const plain = interceptMethods(target, ["later"], {});
    const p = plain.later!(1);
    expect(p).toBeInstanceOf(Promise);
  });
});
