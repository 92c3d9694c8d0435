import { useTranslation } from "react-i18next";
import type { AdminOrderDetail as AdminOrder } from "~/domain/admin/order-detail.server";

/** The order's parcels, one per cooperative, and where each stands. */
export function OrderParcels({ shipments }: { shipments: AdminOrder["shipments"] }) {
  const { t } = useTranslation();
  return (
    <section className="office-panel" aria-labelledby="parcels-title">
      <h2 id="parcels-title">{t("refund.detail.shipmentsTitle")}</h2>
      {shipments.length ? (
        <ul className="coop-tags">
          {shipments.map((s) => (
            <li key={s.id}>
              {s.cooperativeName} · {t(`fulfil.status.${s.status}`)}
              {s.trackingNumber
                ? ` · ${t("refund.detail.tracking", { number: s.trackingNumber })}`
                : null}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t("refund.detail.noShipments")}</p>
      )}
    </section>
  );
}
