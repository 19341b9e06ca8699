import type { CheckId } from "chatkit-testkit/harness";
import { type Page } from "chatkit-testkit";
import { SimpleStore, type Row, type Json } from "./SimpleStore.js";

export const bug =
  "rows of an item type the store's schema does not know (generated_image, structured_input, sdk_hidden_context) are dropped from pages after the page is cut";
export const expectedChecks: readonly CheckId[] = ["roundtrip.items"];

export default class UndecodableRowDropped extends SimpleStore {
  private static readonly UNKNOWN = new Set(["generated_image", "structured_input", "sdk_hidden_context"]);

  protected override pageOf(rows: readonly Row[], limit: number): Page<Json> {
    const page = super.pageOf(rows, limit);
    return { ...page, data: page.data.filter((r) => !UndecodableRowDropped.UNKNOWN.has(String(r.type))) };
  }
}
