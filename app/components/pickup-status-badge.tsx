// An order's status as a pickup order's buyer reads it (ADR 048): 待取货 while paid and
// waiting at the counter, 已取货 once handed over; every other state as StatusBadge says.
// Only the routes that load the "pickup" catalogue part use it.
import { useTranslation } from "react-i18next";
import type { OrderStatus } from "#db/schema";
import { StatusBadge } from "./status-badge";

export function PickupStatusBadge({ status, pickup }: { status: OrderStatus; pickup: boolean }) {
  const { t } = useTranslation();
  const shown = !pickup
    ? null
    : status === "paid"
      ? "ready"
      : status === "fulfilled" || status === "completed"
        ? "collected"
        : null;
  if (!shown) return <StatusBadge status={status} />;
  return (
    <span
      className={`status status--${status}`}
      data-testid="order-status"
      data-status={status}
      data-pickup={shown}
    >
      {t(`pickup.status.${shown}`)}
    </span>
  );
}
