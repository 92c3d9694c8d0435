import { useTranslation } from "react-i18next";
import type { OrderStatus } from "#db/schema";

export function StatusBadge({ status }: { status: OrderStatus }) {
  const { t } = useTranslation();
  return (
    <span className={`status status--${status}`} data-testid="order-status" data-status={status}>
      {t(`orderStatus.${status}`)}
    </span>
  );
}
