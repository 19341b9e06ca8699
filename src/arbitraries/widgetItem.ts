import * as fc from "fast-check";
import type { WidgetItem } from "../model/items.js";
import { defineItem, readItem, type ItemConstraints } from "./internal/item.js";
import { fields } from "./internal/model.js";
import { widgetRootOf } from "./widgetRoot.js";

/** `widget` items from shared parts: for {@link widgetItem}, and registered under it for `threadItem`. */
const widgetItemOf = defineItem(widgetItem, "widget", (s) => fields({ widget: widgetRootOf(s) }, {}, { copy_text: s.text }));

/**
 * A `widget` item: a {@link widgetRoot} tree (opaque JSON with camelCase and unknown props) and `copy_text`.
 *
 * @param constraints - see {@link ItemConstraints}
 * @returns an arbitrary of `widget` items that pass `parseThreadItem`
 * @throws {InvalidArgumentError} at once, for a bad constraint (`arb.widgetItem: …`)
 */
export function widgetItem(constraints: ItemConstraints = {}): fc.Arbitrary<WidgetItem> {
  return widgetItemOf(readItem("widgetItem", constraints));
}
