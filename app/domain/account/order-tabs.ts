// The order history's tabs (全部, 待付款, 待发货, 已发货, 已完成, 退款/售后) and which order
// states each shows: the one place that maps the store's states to what a shopper of
// Taobao or JD expects. Plain values, so the page can list the tabs too.
import type { OrderStatus } from "#db/schema";

export const ORDER_TABS = ["all", "unpaid", "toShip", "shipped", "done", "afterSales"] as const;
export type OrderTab = (typeof ORDER_TABS)[number];

/**
 * The tab an order belongs to besides 全部, or null when it is only under 全部 (expired and
 * cancelled orders). `expired` is the effective state (an unpaid order past its time).
 * - paid: nothing shipped yet → 待发货
 * - partially_fulfilled (some parcels shipped) and fulfilled (all shipped) → 已发货
 * - completed → 已完成
 * - refunded and partially_refunded → 退款/售后
 */
export function tabOfStatus(status: OrderStatus): Exclude<OrderTab, "all"> | null {
  switch (status) {
    case "pending_payment":
      return "unpaid";
    case "paid":
      return "toShip";
    case "partially_fulfilled":
    case "fulfilled":
      return "shipped";
    case "completed":
      return "done";
    case "refunded":
    case "partially_refunded":
      return "afterSales";
    case "expired":
    case "cancelled":
      return null;
  }
}

const ALL_STATUSES: readonly OrderStatus[] = [
  "pending_payment",
  "paid",
  "partially_fulfilled",
  "fulfilled",
  "completed",
  "expired",
  "cancelled",
  "refunded",
  "partially_refunded",
];

/** The stored states a tab lists (the query adds "not yet expired" for 待付款). */
export function statusesOfTab(tab: OrderTab): OrderStatus[] {
  if (tab === "all") return [...ALL_STATUSES];
  return ALL_STATUSES.filter((s) => tabOfStatus(s) === tab);
}

export function asOrderTab(value: string | null): OrderTab {
  return ORDER_TABS.includes(value as OrderTab) ? (value as OrderTab) : "all";
}
