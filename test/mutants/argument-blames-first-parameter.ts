import type { CheckId } from "chatkit-testkit/harness";
import { InvalidArgumentError, type Order } from "chatkit-testkit";
import { SimpleStore } from "./SimpleStore.js";

export const bug =
  "one shared page validator throws InvalidArgumentError blaming the method's first parameter (`threadId` for loadThreadItems) whatever was wrong";
export const expectedChecks: readonly CheckId[] = ["arguments.limit", "arguments.order"];

const FIRST_PARAMETER: Record<string, string> = { loadThreadItems: "threadId", loadThreads: "limit" };

export default class ArgumentBlamesFirstParameter extends SimpleStore {
  private validPage(method: string, limit: unknown, order: unknown): void {
    if (typeof limit !== "number" || !Number.isInteger(limit) || limit < 1 || (order !== "asc" && order !== "desc")) {
      throw new InvalidArgumentError(method, FIRST_PARAMETER[method] ?? "argument", `is not valid for a page (limit ${String(limit)}, order ${String(order)})`);
    }
  }

  protected override checkLimit(method: string, limit: unknown): number {
    return limit as number;
  }

  protected override checkOrder(method: string, order: unknown): Order {
    return order as Order;
  }

  override async loadThreadItems(threadId: string, after: string | null, limit: number, order: Order, context: unknown) {
    this.validPage("loadThreadItems", limit, order);
    return super.loadThreadItems(threadId, after, limit, order, context);
  }

  override async loadThreads(limit: number, after: string | null, order: Order, context: unknown) {
    this.validPage("loadThreads", limit, order);
    return super.loadThreads(limit, after, order, context);
  }
}
