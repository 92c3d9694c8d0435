import { useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatFen } from "~/utils/money";
import type { AdminOrderDetail as AdminOrder } from "~/domain/admin/order-detail.server";

/** What became of the refund just asked for (`?refund=<id>`, `&again=1` for a repeat). */
export function RefundResult({ refunds }: { refunds: AdminOrder["refunds"] }) {
  const [params] = useSearchParams();
  const { t, i18n } = useTranslation();
  const shown = refunds.find((r) => String(r.id) === params.get("refund"));
  if (!shown) return null;
  const amount = formatFen(shown.amountFen, i18n.language);
  const failed = shown.status === "failed";
  return (
    <p
      className={failed ? "alert alert--error" : "alert alert--success"}
      role={failed ? "alert" : "status"}
      data-testid="refund-result"
    >
      {params.get("again") ? `${t("refund.result.duplicate")} ` : null}
      {shown.status === "failed"
        ? t("refund.result.failed", {
            amount,
            reason: shown.failureReason ?? t("refund.refunds.noFailureReason"),
          })
        : t(`refund.result.${shown.status}`, { amount })}
    </p>
  );
}
