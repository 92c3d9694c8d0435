import { useTranslation } from "react-i18next";
import type { FlagReason } from "~/domain/aid/integrity.server";
import { formatFen } from "~/utils/money";
import { shanghaiDateTime } from "~/utils/time";

/** The sentence that says why a flag was raised. */
export function useFlagWhy(locale: string) {
  const { t } = useTranslation();
  const money = (fen: number) => formatFen(fen, locale);
  return (reason: FlagReason): string => {
    switch (reason.rule) {
      case "price":
        return t("aidExtra.integrity.rules.price.why", {
          product: reason.product,
          price: money(reason.unitPriceFen),
          reference: money(reason.referencePriceFen),
          percent: reason.percent,
        });
      case "quantity": {
        const params = {
          product: reason.product,
          quantity: reason.quantity,
          bucket: t(`dash.labels.bucket.${reason.bucket}`),
          median: reason.median ?? 0,
        };
        return reason.median === null
          ? t("aidExtra.integrity.rules.quantity.whyLarge", params)
          : t("aidExtra.integrity.rules.quantity.whyMedian", params);
      }
      case "selfPurchase":
        return reason.via === "account"
          ? t("aidExtra.integrity.rules.selfPurchase.whyAccount", reason)
          : t("aidExtra.integrity.rules.selfPurchase.whyPhone", reason);
      case "splitOrders":
        return reason.via === "phone"
          ? t("aidExtra.integrity.rules.splitOrders.whyPhone", reason)
          : t("aidExtra.integrity.rules.splitOrders.whyAddress", reason);
      case "reportedRefund":
        return t("aidExtra.integrity.rules.reportedRefund.why", {
          day: reason.refundDay,
          month: reason.saleMonth,
          by: reason.reportedBy,
          at: shanghaiDateTime(reason.reportedAt),
        });
    }
  };
}
