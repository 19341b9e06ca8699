import type { CheckId } from "chatkit-testkit/harness";
import { SimpleStore, type Json, type Row } from "./SimpleStore.js";
import type { Page } from "chatkit-testkit";

export const bug = "`after` is always the last row's id, also on the last page (it must be null when has_more is false)";
export const expectedChecks: readonly CheckId[] = ["paging.limit-equals-count", "paging.exclusive-cursor", "paging.items-ties-every-limit"];

export default class AfterOnLastPage extends SimpleStore {
  protected override pageOf(rows: readonly Row[], limit: number): Page<Json> {
    const page = super.pageOf(rows, limit);
    return { ...page, after: page.data.length ? (page.data[page.data.length - 1]!.id as string) : null };
  }
}
