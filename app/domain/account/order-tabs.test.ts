import { describe, expect, it } from "vitest";
import type { OrderStatus } from "#db/schema";
import { asOrderTab, ORDER_TABS, statusesOfTab, tabOfStatus } from "./order-tabs";

describe("order history tabs", () => {
  it("maps each state to the tab a shopper expects", () => {
    const expected: Record<OrderStatus, string | null> = {
      pending_payment: "unpaid",
      paid: "toShip",
      partially_fulfilled: "shipped",
      fulfilled: "shipped",
      completed: "done",
      refunded: "afterSales",
      partially_refunded: "afterSales",
      expired: null,
      cancelled: null,
    };
    for (const [status, tab] of Object.entries(expected)) {
      expect(tabOfStatus(status as OrderStatus), status).toBe(tab);
    }
  });

  it("lists every state under 全部 and each state under at most one other tab", () => {
    const all = statusesOfTab("all");
    expect(all.length).toBe(9);
    const seen = ORDER_TABS.filter((t) => t !== "all").flatMap((t) => statusesOfTab(t));
    expect(new Set(seen).size).toBe(seen.length);
    expect(statusesOfTab("shipped").sort()).toEqual(["fulfilled", "partially_fulfilled"]);
    expect(statusesOfTab("unpaid")).toEqual(["pending_payment"]);
  });

  it("reads an unknown tab as 全部", () => {
    expect(asOrderTab("toShip")).toBe("toShip");
    expect(asOrderTab("nope")).toBe("all");
    expect(asOrderTab(null)).toBe("all");
  });
});
