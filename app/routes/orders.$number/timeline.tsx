import { useTranslation } from "react-i18next";
import type { TimelineEvent } from "~/domain/orders/order-timeline.server";
import { Money } from "~/components/money";
import { CarrierName, ShanghaiTime } from "~/components/shipment-bits";

function EventText({ event }: { event: TimelineEvent }) {
  const { t } = useTranslation();
  switch (event.kind) {
    case "placed":
    case "paid":
      return <>{t(`afterSales.timeline.${event.kind}`)}</>;
    case "closed":
      return <>{t(`afterSales.timeline.${event.status}`)}</>;
    case "shipped":
      return (
        <>
          {t("afterSales.timeline.shipped", { coop: event.cooperative })}
          {event.tracking ? (
            <span className="timeline__more">
              <CarrierName carrier={event.carrier} /> {event.tracking}
            </span>
          ) : null}
        </>
      );
    case "collected":
      return <>{t("pickup.timeline.collected", { counter: event.counter })}</>;
    case "delivered":
    case "parcelCancelled":
      return <>{t(`afterSales.timeline.${event.kind}`, { coop: event.cooperative })}</>;
    case "refunded":
      return (
        <>
          {t("afterSales.timeline.refunded")} <Money fen={event.amountFen} />
        </>
      );
    case "afterSalesAsked":
      return <>{t("afterSales.timeline.asked", { product: event.product })}</>;
    case "afterSalesDecided":
      return <>{t(`afterSales.timeline.${event.status}`, { product: event.product })}</>;
  }
}

/** What happened to the order, oldest first: placed, paid, each parcel, refunds, after-sales. */
export function OrderTimeline({ events }: { events: TimelineEvent[] }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="timeline-title" className="section" data-testid="order-timeline">
      <h2 id="timeline-title">{t("afterSales.timeline.title")}</h2>
      <ol className="timeline">
        {events.map((event, i) => (
          <li key={`${event.kind}-${i}`} className="timeline__event" data-kind={event.kind}>
            <ShanghaiTime at={event.at} />
            <p>
              <EventText event={event} />
            </p>
          </li>
        ))}
      </ol>
    </section>
  );
}

/** The note the buyer left at checkout, as they wrote it. */
export function OrderNote({ note }: { note: string | null }) {
  const { t } = useTranslation();
  if (!note) return null;
  return (
    <section aria-labelledby="note-title" className="section">
      <h2 id="note-title">{t("afterSales.note.title")}</h2>
      <p className="order-note" data-testid="order-note">
        {note}
      </p>
    </section>
  );
}
