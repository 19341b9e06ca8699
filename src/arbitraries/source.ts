import * as fc from "fast-check";
import type { EntitySource, FileSource, Source, URLSource } from "../model/items.js";
import { subsetOf } from "./internal/check.js";
import { absoluteUrl, fields, iconName, readModelConstraints, type ModelConstraints, type ModelSettings } from "./internal/model.js";

/** The `type` of a {@link Source}. */
export type SourceType = Source["type"];
const SOURCE_TYPES: readonly SourceType[] = ["url", "file", "entity"];

/** Constraints of {@link source}. */
export interface SourceConstraints extends ModelConstraints {
  /**
   * Which sources to generate.
   * @defaultValue `["url", "file", "entity"]`
   */
  types?: readonly SourceType[];
}

function base(s: ModelSettings) {
  return { required: { title: s.text }, nullable: { description: s.text, timestamp: fc.oneof(s.text, fc.constant("2026-01-01T00:00:00Z")), group: s.text } };
}

/** A URL source (`url` is a plain string upstream: anything goes, a real URL usually). @internal */
export function urlSourceOf(s: ModelSettings): fc.Arbitrary<URLSource> {
  const b = base(s);
  return fields({ type: fc.constant("url"), ...b.required, url: fc.oneof(absoluteUrl(), s.text) }, {}, { ...b.nullable, attribution: s.text });
}

/** A file source. @internal */
export function fileSourceOf(s: ModelSettings): fc.Arbitrary<FileSource> {
  const b = base(s);
  return fields({ type: fc.constant("file"), ...b.required, filename: s.text }, {}, b.nullable);
}

/** An entity source. @internal */
export function entitySourceOf(s: ModelSettings): fc.Arbitrary<EntitySource> {
  const b = base(s);
  return fields<EntitySource>(
    { type: fc.constant("entity"), ...b.required, id: s.text },
    { interactive: fc.boolean(), data: s.object },
    { ...b.nullable, icon: iconName(s), label: s.text, inline_label: s.text, preview: fc.constant("lazy") },
  );
}

/** Sources of the given types. @internal */
export function sourceOf(s: ModelSettings, types: readonly SourceType[] = SOURCE_TYPES): fc.Arbitrary<Source> {
  const byType = { url: urlSourceOf, file: fileSourceOf, entity: entitySourceOf } as const;
  return fc.oneof(...types.map((t) => byType[t](s) as fc.Arbitrary<Source>));
}

/**
 * A citation source (docs/upstream.md §2.5): `url`, `file` or `entity`, with optional fields absent,
 * `null` or set, and an entity's free-form `data`.
 *
 * @param constraints - see {@link SourceConstraints}
 * @returns an arbitrary of sources
 * @throws {InvalidArgumentError} at once, for a bad constraint: `arb.source: types[0] must be one of "url", "file", "entity", got "web"`
 */
export function source(constraints: SourceConstraints = {}): fc.Arbitrary<Source> {
  const { c, s } = readModelConstraints("source", constraints, ["types"]);
  return sourceOf(s, subsetOf("source", c, "types", SOURCE_TYPES));
}
