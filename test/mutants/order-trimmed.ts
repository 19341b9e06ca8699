import type { CheckId } from "chatkit-testkit/harness";
import type { Order } from "chatkit-testkit";
import { SimpleStore } from "./SimpleStore.js";

export const bug = "order is trimmed before it is checked (`order.trim()`, as for form input): \" asc\" and \"desc \" are accepted instead of rejected";
export const expectedChecks: readonly CheckId[] = ["arguments.order"];

export default class OrderTrimmed extends SimpleStore {
  protected override checkOrder(method: string, order: unknown): Order {
    return super.checkOrder(method, typeof order === "string" ? order.trim() : order);
  }
}
