import { useTranslation } from "react-i18next";
import { Money } from "~/components/money";
import { useLooseTranslation } from "~/i18n/use-message";
import { shanghaiDateTime } from "~/utils/time";
import type { AdminOrderDetail as AdminOrder } from "~/domain/admin/order-detail.server";

/** Who ordered, when, how they paid, and the sums: the head of the refund page. */
export function OrderFacts({ order }: { order: AdminOrder }) {
  const { t } = useTranslation();
  const { t: loose, exists } = useLooseTranslation();
  const gateway = `refund.gateways.${order.paymentGateway}`;
  const sums = [
    ["refund.detail.subtotal", order.subtotalFen],
    ["refund.detail.shipping", order.shippingFen],
    ["refund.detail.total", order.totalFen],
  ] as const;
  return (
    <section className="office-panel" aria-labelledby="facts-title">
      <h2 id="facts-title" className="visually-hidden">
        {t("refund.detail.titleFor", { number: order.number })}
      </h2>
      <dl className="facts facts--wide">
        <div>
          <dt>{t("refund.detail.placedAt")}</dt>
          <dd>{shanghaiDateTime(order.createdAt)}</dd>
        </div>
        <div>
          <dt>{t("refund.detail.paidAt")}</dt>
          <dd>{order.paidAt ? shanghaiDateTime(order.paidAt) : t("refund.list.notPaid")}</dd>
        </div>
        <div>
          <dt>{t("refund.detail.contact")}</dt>
          <dd>
            {order.contactName} {order.phoneMasked}
          </dd>
        </div>
        <div>
          <dt>{t("refund.detail.buyer")}</dt>
          <dd>
            {t(`buyerType.${order.buyerType}`)}
            {order.orgName ? ` · ${order.orgName}` : null}
          </dd>
        </div>
        <div>
          <dt>{t("refund.detail.gateway")}</dt>
          <dd>{exists(gateway) ? loose(gateway) : order.paymentGateway}</dd>
        </div>
        {sums.map(([label, fen]) => (
          <div key={label}>
            <dt>{t(label)}</dt>
            <dd>
              <Money fen={fen} />
            </dd>
          </div>
        ))}
        <div>
          <dt>{t("refund.detail.refunded")}</dt>
          <dd data-testid="refunded-total">
            <Money fen={order.refundedFen} />
          </dd>
        </div>
      </dl>
    </section>
  );
}
