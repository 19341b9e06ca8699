import type { CheckId } from "chatkit-testkit/harness";
import { type Order } from "chatkit-testkit";
import { SimpleStore } from "./SimpleStore.js";

export const bug =
  "`\"asc\" if order.lower() == \"asc\" else \"desc\"`: any other order lists descending, and \"ASC\" is accepted";
export const expectedChecks: readonly CheckId[] = ["arguments.order"];

export default class OrderDefaultDesc extends SimpleStore {
  protected override checkOrder(_method: string, order: unknown): Order {
    return typeof order === "string" && order.toLowerCase() === "asc" ? "asc" : "desc";
  }
}
