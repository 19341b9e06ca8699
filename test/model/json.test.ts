import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cloneJson, copyJson, jsonEqual, renderPath, show, snapshot } from "../../src/model/json.js";

function copied(value: unknown) {
  const r = copyJson(value);
  if (!r.ok) throw new Error(`expected plain JSON, got a problem at ${r.problem.path}: ${r.problem.problem}`);
  return r.value;
}
function problem(value: unknown, path?: string) {
  const r = copyJson(value, path);
  if (r.ok) throw new Error("expected a problem");
  return r.problem;
}

describe("copyJson (C-ROUNDTRIP, C-ISOLATION, C-ERR)", () => {
  it("C-ROUNDTRIP: copies plain JSON deeply: equal, but sharing no object", () => {
    const value = { a: [1, "two", null, true, { b: { c: [] } }], d: -0.5, e: "", f: {} };
    const copy = copied(value) as typeof value;
    expect(copy).toStrictEqual(value);
    expect(copy).not.toBe(value);
    expect(copy.a).not.toBe(value.a);
    expect(copy.a[4]).not.toBe(value.a[4]);
    expect(copy.f).not.toBe(value.f);
  });

  it("C-ROUNDTRIP: scalars and top-level arrays copy too", () => {
    for (const v of [null, 0, 1.5, "s", false, [], [[1]]]) expect(copied(v)).toStrictEqual(v);
  });

  it("C-ROUNDTRIP: properties whose value is undefined are dropped, as JSON.stringify does", () => {
    expect(copied({ a: undefined, b: 1, c: { d: undefined } })).toStrictEqual({ b: 1, c: {} });
  });

  it('C-ROUNDTRIP: a "__proto__" key round-trips as data and does not change the prototype', () => {
    const input = JSON.parse('{"__proto__": {"polluted": 1}, "nested": {"__proto__": [1]}}');
    const copy = copied(input) as Record<string, unknown>;
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(Object.keys(copy)).toEqual(["__proto__", "nested"]);
    expect(Object.getOwnPropertyDescriptor(copy, "__proto__")!.value).toEqual({ polluted: 1 });
    expect((copy as { polluted?: unknown }).polluted).toBeUndefined();
    expect(Object.getOwnPropertyDescriptor(copy.nested, "__proto__")!.value).toEqual([1]);
    expect(JSON.stringify(copy)).toBe(JSON.stringify(input));
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
  });

  it("C-ROUNDTRIP: null-prototype objects are plain data; the same object twice (not a cycle) is fine", () => {
    const bare = Object.assign(Object.create(null), { a: 1 });
    expect(copied({ bare })).toStrictEqual({ bare: { a: 1 } });
    const shared = { x: 1 };
    const copy = copied({ a: shared, b: [shared, shared] }) as { a: object; b: object[] };
    expect(copy).toEqual({ a: { x: 1 }, b: [{ x: 1 }, { x: 1 }] });
    expect(copy.a).not.toBe(shared);
  });

  class Point {
    constructor(readonly x: number) {}
  }
  const cyclicArray = () => {
    const a: unknown[] = [1];
    a.push({ back: a });
    return a;
  };

  it.each([
    ["a function", { f: () => 0 }, "$.f", "must be plain JSON, got a function"],
    ["a symbol", { s: Symbol("x") }, "$.s", "got a symbol"],
    ["a bigint", { n: 10n }, "$.n", "got 10n (bigint)"],
    ["NaN", { n: NaN }, "$.n", "must be a finite number, got NaN"],
    ["Infinity", [Infinity], "$[0]", "got Infinity"],
    ["-Infinity", { a: { b: -Infinity } }, "$.a.b", "got -Infinity"],
    ["a Date", { when: new Date(0) }, "$.when", "got a Date (pass an ISO-8601 string)"],
    ["a Map", { m: new Map() }, "$.m", "got a Map"],
    ["a Set", [new Set()], "$[0]", "got a Set"],
    ["a class instance", { p: new Point(1) }, "$.p", "got a Point"],
    ["a boxed string", { s: new String("x") }, "$.s", "got a String"],
    ["a typed array", { b: new Uint8Array(2) }, "$.b", "got a Uint8Array"],
    ["undefined in an array", [1, undefined], "$[1]", "got undefined"],
    ["a sparse array", { a: [1, , 3] }, "$.a[1]", "is a hole in a sparse array"],
    ["a cyclic object", (() => { const o: Record<string, unknown> = {}; o.me = o; return o; })(), "$.me", "is a circular reference"],
    ["a cyclic array", cyclicArray(), "$[1].back", "is a circular reference"],
    ["undefined at the top", undefined, "$", "got undefined"],
    ["a key that is not an identifier", { "a b": { "0x": NaN } }, '$["a b"]["0x"]', "got NaN"],
  ])("C-ERR: %s is reported with its path", (_what, value, path, text) => {
    const p = problem(value);
    expect(p.path).toBe(path);
    expect(p.problem).toContain(text);
  });

  it("C-ERR: the path prefix is the caller's (e.g. the record kind)", () => {
    expect(problem({ metadata: { f: () => 0 } }, "thread").path).toBe("thread.metadata.f");
  });

  it("C-ROUNDTRIP: any JSON value copies to a value JSON.stringify agrees with (property, fixed seed)", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const copy = copied(value);
        expect(copy).toStrictEqual(JSON.parse(JSON.stringify(value))); // -0 becomes 0, as in JSON
        expect(JSON.stringify(copy)).toBe(JSON.stringify(value));
      }),
      { seed: 99, numRuns: 300 },
    );
  });
});

describe("cloneJson (C-ISOLATION)", () => {
  it("C-ISOLATION: clones plain JSON deeply", () => {
    const value = { a: [{ b: 1 }, [2]], c: null, d: "x" };
    const clone = cloneJson(value);
    expect(clone).toStrictEqual(value);
    expect(clone.a).not.toBe(value.a);
    expect(clone.a[0]).not.toBe(value.a[0]);
    expect(cloneJson(5)).toBe(5);
    expect(cloneJson(null)).toBeNull();
  });

  it('C-ROUNDTRIP: a "__proto__" key stays an own data property through a clone, at any depth', () => {
    const source = copied(JSON.parse('{"a": {"__proto__": {"x": 1}}, "__proto__": 2}'));
    const clone = cloneJson(source) as Record<string, Record<string, unknown>>;
    expect(Object.keys(clone)).toEqual(["a", "__proto__"]);
    expect(Object.getOwnPropertyDescriptor(clone, "__proto__")!.value).toBe(2);
    expect(Object.getPrototypeOf(clone)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(clone.a, "__proto__")!.value).toEqual({ x: 1 });
    expect(Object.getPrototypeOf(clone.a)).toBe(Object.prototype);
    expect(JSON.stringify(clone)).toBe(JSON.stringify(source));
  });

  it("C-ISOLATION: cloneJson(copyJson(v)) equals v for any JSON value (property, fixed seed)", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(cloneJson(copied(value))).toStrictEqual(value);
      }),
      { seed: 100, numRuns: 300 },
    );
  });
});

describe("show (error messages)", () => {
  it("renders values short, on one line, and never throws", () => {
    expect(show("x")).toBe('"x"');
    expect(show("y".repeat(200))).toBe(`"${"y".repeat(77)}..."`);
    expect(show(1.5)).toBe("1.5");
    expect(show(NaN)).toBe("NaN");
    expect(show(undefined)).toBe("undefined");
    expect(show(null)).toBe("null");
    expect(show(3n)).toBe("3n");
    expect(show(() => 0)).toBe("a function");
    expect(show(Symbol("s"))).toBe("Symbol(s)");
    expect(show([1, 2])).toBe("an array of 2");
    expect(show(new Date(0))).toBe("a Date (1970-01-01T00:00:00.000Z)");
    expect(show(new Date(NaN))).toBe("a Date (invalid)");
    expect(show({ a: 1 })).toBe('{"a":1}');
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(show(cyclic)).toBe("an object");
    expect(show({ big: "z".repeat(200) }).length).toBe(80);
  });

  it("options: a shorter max, another word for undefined, JSON text, the kind of a non-JSON value, ASCII escapes", () => {
    expect(show("y".repeat(50), { max: 40 })).toBe(`"${"y".repeat(37)}..."`);
    expect(show(undefined, { undefinedAs: "nothing" })).toBe("nothing");
    // "json": the JSON text itself, cut after quoting (the simulator's request errors, the harness's describeValue)
    expect(show([1, 2], { as: "json" })).toBe("[1,2]");
    expect(show("y".repeat(100), { as: "json", max: 60 })).toBe(`"${"y".repeat(56)}...`);
    expect(show(NaN, { as: "json" })).toBe("null");
    expect(show(3n, { as: "json" })).toBe("3");
    expect(show(Object.assign(Object.create(null) as object, { n: 1n }), { as: "json" })).toBe("an object");
    // "kind": why a value is not plain JSON (copyJson's problems)
    expect(show(new Map(), { as: "kind" })).toBe("a Map");
    expect(show(Object.create(null), { as: "kind" })).toBe("a null-prototype object");
    expect(show(new Date(0), { as: "kind" })).toBe("a Date (pass an ISO-8601 string)");
    expect(show(10n, { as: "kind" })).toBe("10n (bigint)");
    expect(show(Symbol("s"), { as: "kind" })).toBe("a symbol");
    expect(show(Infinity, { as: "kind" })).toBe("Infinity");
    expect(show(undefined, { as: "kind" })).toBe("undefined");
    // ascii: ids and scope keys that differ by an invisible character stay apart in a message
    expect(show("a\u200bé\n", { max: Infinity, ascii: true })).toBe('"a\\u200b\\u00e9\\n"');
  });
});

describe("jsonEqual (the harness's comparisons and the simulator's thread-change test)", () => {
  it("JSON semantics: key order and undefined properties do not matter, -0 is 0, null is not missing, NaN is not NaN", () => {
    expect(jsonEqual({ a: 1, b: [1, { c: "x" }] }, { b: [1, { c: "x" }], a: 1 })).toBe(true);
    expect(jsonEqual({ a: 1, u: undefined }, { a: 1 })).toBe(true);
    expect(jsonEqual({ a: 1 }, { a: 1, u: undefined })).toBe(true);
    expect(jsonEqual(-0, 0)).toBe(true);
    expect(jsonEqual({ a: null }, {})).toBe(false);
    expect(jsonEqual(null, undefined)).toBe(false);
    expect(jsonEqual(Number.NaN, Number.NaN)).toBe(false);
    expect(jsonEqual([1], { 0: 1 })).toBe(false);
    expect(jsonEqual([1, 2], [1])).toBe(false);
    expect(jsonEqual(1, "1")).toBe(false);
    expect(jsonEqual({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(jsonEqual({ toString: undefined }, {})).toBe(true);
  });

  it("{ nullish: true } (pydantic fields): null, undefined and a missing key are the same, and NaN is NaN", () => {
    expect(jsonEqual({ a: null }, {}, { nullish: true })).toBe(true);
    expect(jsonEqual({ a: { b: undefined } }, { a: { b: null } }, { nullish: true })).toBe(true);
    expect(jsonEqual(null, undefined, { nullish: true })).toBe(true);
    expect(jsonEqual(Number.NaN, Number.NaN, { nullish: true })).toBe(true);
    expect(jsonEqual({ a: 0 }, {}, { nullish: true })).toBe(false);
    expect(jsonEqual([null], [], { nullish: true })).toBe(false);
    expect(jsonEqual({ title: "t" }, { title: "u" }, { nullish: true })).toBe(false);
  });
});

describe("snapshot (the recording store's and the simulator's records)", () => {
  it("deep-copies what structuredClone can, hands back anything else as it is, never throws", () => {
    const source = { a: [1, { b: new Date(0) }] };
    const copy = snapshot(source);
    expect(copy).toEqual(source);
    expect(copy).not.toBe(source);
    expect(copy.a[1]).not.toBe(source.a[1]);
    const fn = () => 0;
    expect(snapshot(fn)).toBe(fn);
    const holder = { fn };
    expect(snapshot(holder)).toBe(holder);
    expect(snapshot(undefined)).toBe(undefined);
    expect(snapshot(null)).toBe(null);
    expect(snapshot("x")).toBe("x");
  });
});

describe("renderPath (every path in a message: copyJson, the validators, the simulator's request and event checks)", () => {
  it("spells a path the way JavaScript would, bounded", () => {
    expect(renderPath("$", ["content", 2, "data", "when"])).toBe("$.content[2].data.when");
    expect(renderPath("thread", ["metadata", "a b", "Content-Type"])).toBe('thread.metadata["a b"]["Content-Type"]');
    expect(renderPath("", ["params", "input", "content", 0, "text"])).toBe("params.input.content[0].text");
    expect(renderPath("", [0, "x"])).toBe("[0].x");
    expect(renderPath("", ["a b"])).toBe('["a b"]');
    expect(renderPath("", [])).toBe("$");
    expect(renderPath("item", [])).toBe("item");
    expect(renderPath("", [Symbol("s")])).toBe('["Symbol(s)"]');
    expect(renderPath("$", ["k".repeat(61)])).toBe(`$["${"k".repeat(61)}"]`);
    expect(renderPath("$", ["-".repeat(200)])).toBe(`$["${"-".repeat(100)}"… (200 characters)]`);
    expect(renderPath("$", Array.from({ length: 20 }, (_, i) => i))).toBe("$[0][1][2][3]…(12 more)[16][17][18][19]");
  });
});
