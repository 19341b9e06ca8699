import * as fc from "fast-check";
import type { ClientToolCallItem } from "../model/items.js";
import { defineItem, readItem, type ItemConstraints } from "./internal/item.js";
import { fields } from "./internal/model.js";

/** `client_tool_call` items from shared parts: for {@link clientToolCallItem}, and registered under it for `threadItem`. */
const clientToolCallItemOf = defineItem(clientToolCallItem, "client_tool_call", (s) =>
  fields({ call_id: s.text, name: s.text, arguments: s.object }, { status: fc.constantFrom("pending", "completed"), output: s.json }),
);

/**
 * A `client_tool_call` item: `status` pending or completed (or absent), `call_id`, `name`, free-form
 * `arguments`, and an `output` that is absent, `null` or any JSON.
 *
 * @param constraints - see {@link ItemConstraints}
 * @returns an arbitrary of `client_tool_call` items that pass `parseThreadItem`
 * @throws {InvalidArgumentError} at once, for a bad constraint (`arb.clientToolCallItem: …`)
 */
export function clientToolCallItem(constraints: ItemConstraints = {}): fc.Arbitrary<ClientToolCallItem> {
  return clientToolCallItemOf(readItem("clientToolCallItem", constraints));
}
