import { useTranslation } from "react-i18next";
import type { getOrderDetail } from "~/domain/orders/orders.server";
import { CarrierName, ShanghaiTime, ShipmentStatusChip } from "~/components/shipment-bits";

type Parcel = Awaited<ReturnType<typeof getOrderDetail>>["shipments"][number];

function Tracking({ parcel }: { parcel: Parcel }) {
  const { t } = useTranslation();
  // a cancelled parcel (its lines refunded before it left) is not "being packed"
  if (parcel.status === "cancelled") {
    return <p className="field-hint">{t("afterSales.parcelCancelled")}</p>;
  }
  if (!parcel.trackingNumber) return <p className="field-hint">{t("fulfil.order.waiting")}</p>;
  return (
    <dl>
      <dt>{t("fulfil.order.carrier")}</dt>
      <dd>
        <CarrierName carrier={parcel.carrier} />
      </dd>
      <dt>{t("fulfil.order.tracking")}</dt>
      <dd className="tracking" data-testid="tracking-number">
        {parcel.trackingNumber}
      </dd>
      {parcel.shippedAt ? (
        <>
          <dt>{t("fulfil.order.shippedAt")}</dt>
          <dd>
            <ShanghaiTime at={parcel.shippedAt} />
          </dd>
        </>
      ) : null}
    </dl>
  );
}

/** One parcel per cooperative: its state, its tracking number once shipped, what is in it. */
export function OrderParcels({ shipments }: { shipments: Parcel[] }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="parcels-title" className="section" data-testid="shipments">
      <h2 id="parcels-title">{t("fulfil.order.title")}</h2>
      <p className="muted">{t("fulfil.order.lead")}</p>
      <ul className="parcels">
        {shipments.map((s) => (
          <li key={s.id} className="parcel" data-testid="shipment" data-status={s.status}>
            <div className="parcel__head">
              <p className="parcel__name">
                {t("fulfil.order.parcel", { name: s.cooperativeName })}
                {s.coldChain ? (
                  <span className="tag tag--cold">{t("fulfil.coldChain")}</span>
                ) : null}
              </p>
              <ShipmentStatusChip status={s.status} />
            </div>
            <Tracking parcel={s} />
            <ul className="parcel__lines">
              {s.lines.map((l) => (
                <li key={l.id}>
                  {l.name} × {l.quantity}
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </section>
  );
}
