import type { CheckId } from "chatkit-testkit/harness";
import type { Order } from "chatkit-testkit";
import { SimpleStore } from "./SimpleStore.js";

export const bug = "order is compared case-insensitively: \"ASC\" and \"Desc\" are accepted instead of rejected";
export const expectedChecks: readonly CheckId[] = ["arguments.order"];

export default class OrderCaseInsensitive extends SimpleStore {
  protected override checkOrder(method: string, order: unknown): Order {
    return super.checkOrder(method, typeof order === "string" ? order.toLowerCase() : order);
  }
}
