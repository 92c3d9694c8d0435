import { useTranslation } from "react-i18next";
import type { BuyerOrderExtras } from "~/domain/orders/order-timeline.server";
import { Money } from "~/components/money";
import { ShanghaiTime } from "~/components/shipment-bits";

/** Each refund made: how much, when, why, what, and that its aid was taken off the totals. */
export function OrderRefunds({ refunds }: { refunds: BuyerOrderExtras["refunds"] }) {
  const { t } = useTranslation();
  if (!refunds.length) return null;
  return (
    <section aria-labelledby="refunds-title" className="section" data-testid="order-refunds">
      <h2 id="refunds-title">{t("afterSales.refunds.title")}</h2>
      <ul className="refund-list">
        {refunds.map((r) => (
          <li key={r.id} className="refund-card" data-testid="order-refund">
            <dl>
              <dt>{t("afterSales.refunds.amount")}</dt>
              <dd>
                <Money fen={r.amountFen} />
              </dd>
              <dt>{t("afterSales.refunds.date")}</dt>
              <dd>
                <ShanghaiTime at={r.confirmedAt} />
              </dd>
              <dt>{t("afterSales.refunds.reason")}</dt>
              <dd>{r.reason}</dd>
              {r.lines.length ? (
                <>
                  <dt>{t("afterSales.refunds.items")}</dt>
                  <dd>{r.lines.map((l) => `${l.name} × ${l.quantity}`).join("、")}</dd>
                </>
              ) : null}
            </dl>
            <p className="aid-note aid-note--reversed">{t("afterSales.refunds.aidReversed")}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}
