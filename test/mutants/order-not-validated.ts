import type { CheckId } from "chatkit-testkit/harness";
import type { Order } from "chatkit-testkit";
import { SimpleStore } from "./SimpleStore.js";

export const bug = "order is never validated (as when it is interpolated into ORDER BY): anything but \"desc\" lists ascending";
export const expectedChecks: readonly CheckId[] = ["arguments.order"];

export default class OrderNotValidated extends SimpleStore {
  protected override checkOrder(_method: string, order: unknown): Order {
    return order === "desc" ? "desc" : "asc"; // `ORDER BY created_at ${order}`
  }
}
