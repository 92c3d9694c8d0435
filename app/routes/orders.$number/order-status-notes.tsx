import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { getOrderDetail } from "~/domain/orders/orders.server";
import { IntentButton } from "~/components/intent-button";
import { Money } from "~/components/money";

type Order = Pick<
  Awaited<ReturnType<typeof getOrderDetail>>,
  "number" | "status" | "aidEligibleFen" | "expiresAt"
>;

const PAID = ["paid", "partially_fulfilled", "fulfilled", "completed"];

/** Still unpaid: until when, and the buttons to pay or cancel. */
function AwaitingPayment({ expiresAt }: { expiresAt: string }) {
  const { t } = useTranslation();
  const time = new Date(expiresAt).toLocaleTimeString("zh-CN", {
    timeZone: "Asia/Shanghai",
    hour: "2-digit",
    minute: "2-digit",
  });
  return (
    <div className="alert" role="status">
      <p>{t("order.awaitingPayment", { time })}</p>
      <div className="button-row">
        <IntentButton intent="pay" className="button">
          {t("order.payNow")}
        </IntentButton>
        <IntentButton intent="cancel" className="button button--ghost">
          {t("order.cancel")}
        </IntentButton>
      </div>
    </div>
  );
}

/** What the order's state means for the shopper now: thanks, wait, pay, or it is over. */
export function OrderStatusNotes({
  order,
  backFromPayment,
  pickup = false,
}: {
  order: Order;
  /** collected at a counter: nothing is shipped (ADR 048) */
  pickup?: boolean;
  /** back from Stripe (`?paid=1`) */
  backFromPayment: boolean;
}) {
  const { t } = useTranslation();
  // Back from Stripe and still unpaid after asking Stripe once: the payment is on its way.
  const confirming = backFromPayment && order.status === "pending_payment";
  return (
    <>
      {PAID.includes(order.status) ? (
        <div className="alert alert--success" role="status">
          <p>{t(pickup ? "pickup.order.thanks" : "order.thanks")}</p>
          {order.aidEligibleFen > 0 ? (
            <p className="aid-note" data-testid="order-aid">
              {t("order.aidCounted")} <Money fen={order.aidEligibleFen} />
            </p>
          ) : null}
        </div>
      ) : null}
      {confirming ? (
        <div className="alert" role="status" data-testid="payment-confirming">
          <p>{t("order.confirming")}</p>
          <p>
            <Link to={`/orders/${order.number}?paid=1`}>{t("order.refresh")}</Link>
          </p>
        </div>
      ) : null}
      {order.status === "pending_payment" && !confirming ? (
        <AwaitingPayment expiresAt={order.expiresAt} />
      ) : null}
      {order.status === "expired" ? <p className="alert">{t("order.expiredNote")}</p> : null}
      {order.status === "cancelled" ? <p className="alert">{t("order.cancelledNote")}</p> : null}
    </>
  );
}
