/**
 * Settings shared by the model arbitraries, and the record helper that makes optional fields
 * sometimes absent, sometimes `null` (where the model allows it) and sometimes set.
 * @internal
 */
import * as fc from "fast-check";
import type { JsonObject, JsonValue } from "../../model/json.js";
import type { ModelConstraints } from "../constraints.js";

export type { ModelConstraints };
import { text } from "../text.js";
import { arbitraryOf, integerIn, readConstraints } from "./check.js";
import { jsonArbitraries } from "./json.js";

/** Constraint keys every model arbitrary accepts. @internal */
export const MODEL_KEYS = ["textArbitrary", "maxLength", "maxDepth"] as const;

/** Resolved model settings. @internal */
export interface ModelSettings {
  readonly text: fc.Arbitrary<string>;
  readonly maxLength: number;
  readonly maxDepth: number;
  /** Any JSON value, nested at most `maxDepth`. */
  readonly json: fc.Arbitrary<JsonValue>;
  /** A free-form object, nested at most `maxDepth` (the object is level 1). */
  readonly object: fc.Arbitrary<JsonObject>;
}

/** Reads `textArbitrary`, `maxLength` and `maxDepth` for arbitrary `name`. @internal */
export function readModel(name: string, c: Record<string, unknown>): ModelSettings {
  const textArb = arbitraryOf(name, c, "textArbitrary", () => text({ maxLength: 40 }));
  const maxLength = integerIn(name, c, "maxLength", 3, 0);
  const maxDepth = integerIn(name, c, "maxDepth", 2, 0, 16);
  const { value, object } = jsonArbitraries({ maxDepth, maxLength: Math.max(maxLength, 1), keys: text({ maxLength: 12 }), strings: textArb });
  return { text: textArb, maxLength, maxDepth, json: value, object };
}

type Arbs = Record<string, fc.Arbitrary<unknown>>;

/**
 * A record whose `required` fields are always present, `optional` fields absent or set, and
 * `nullable` fields absent, `null` or set (pydantic's `X | None = None`).
 * @internal
 */
export function fields<T>(required: Arbs, optional: Arbs = {}, nullable: Arbs = {}): fc.Arbitrary<T> {
  const model: Arbs = { ...required, ...optional };
  for (const [k, a] of Object.entries(nullable)) model[k] = fc.option(a, { nil: null, freq: 3 });
  return fc.record(model, { requiredKeys: Object.keys(required), noNullPrototype: true }) as unknown as fc.Arbitrary<T>;
}

/** Icon names: upstream's list (a sample), `vendor:` and `lucide:` names, and anything (stores do not validate icons). @internal */
export function iconName(settings: ModelSettings): fc.Arbitrary<string> {
  return fc.oneof(
    fc.constantFrom("agent", "book-open", "check-circle-filled", "sparkle", "search", "write-alt2", "vendor:acme-logo", "lucide:bird"),
    settings.text,
  );
}

/** Absolute URLs that `URL.canParse` accepts: web URLs, `data:` URLs, IDN and odd-but-valid spellings kept as given. @internal */
export function absoluteUrl(): fc.Arbitrary<string> {
  return fc.oneof(
    fc.webUrl({ withQueryParameters: true, withFragments: true }),
    fc.constantFrom(
      "https://Example.com",
      "https://example.com/a%20b?q=%25&x=1#frag",
      "https://bücher.example/ünï/çødé?ß=1",
      "http://[::1]:8080/upload",
      "http://127.0.0.1:9/put",
      "https://user:pass@example.com/",
      "data:image/png;base64,iVBORw0KGgo=",
      "data:,Hello%2C%20World%21",
      "blob:https://example.com/550e8400-e29b-41d4-a716-446655440000",
      "https://example.com/'\"<>",
      "https://example.com/upload?sig=a+b/c==&Expires=1700000000",
    ),
  );
}

/** Arrays up to the settings' `maxLength`. @internal */
export function list<T>(settings: ModelSettings, arb: fc.Arbitrary<T>, minLength = 0): fc.Arbitrary<T[]> {
  return fc.array(arb, { minLength: Math.min(minLength, settings.maxLength), maxLength: settings.maxLength });
}

/** Reads a constraints object with the model keys plus `extra` keys. @internal */
export function readModelConstraints(name: string, constraints: unknown, extra: readonly string[] = []): { c: Record<string, unknown>; s: ModelSettings } {
  const c = readConstraints(name, constraints, [...MODEL_KEYS, ...extra]);
  return { c, s: readModel(name, c) };
}
