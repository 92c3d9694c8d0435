// A pickup order's counter and, while the goods wait there, the pickup code big with its
// QR code (ADR 048). The QR is drawn from path data made on the server (ADR 045): no QR
// library in the browser, no markup from a string.
import { useTranslation } from "react-i18next";
import type { OrderPickup } from "~/domain/pickup/pickup-order.server";
import { formatPickupCode, UNCOLLECTED_DAYS } from "~/domain/pickup/pickup-code";
import { shanghaiDateTime } from "~/utils/time";

function PickupQr({ qr, code }: { qr: NonNullable<OrderPickup["qr"]>; code: string }) {
  const { t } = useTranslation();
  return (
    <svg
      className="pickup-qr"
      viewBox={`0 0 ${qr.size} ${qr.size}`}
      shapeRendering="crispEdges"
      role="img"
      aria-label={t("pickup.order.qrAlt", { code })}
      data-testid="pickup-qr"
    >
      <rect width={qr.size} height={qr.size} fill="#fff" />
      <path d={qr.path} stroke="#000" strokeWidth={1} fill="none" />
    </svg>
  );
}

export function PickupCard({ pickup, unpaid }: { pickup: OrderPickup; unpaid: boolean }) {
  const { t } = useTranslation();
  const { counter, code, qr, collected } = pickup;
  return (
    <section aria-labelledby="pickup-title" className="section" data-testid="pickup-card">
      <h2 id="pickup-title">{t("pickup.order.title")}</h2>
      <div className="pickup-card">
        {collected ? (
          <p className="pickup-card__done" data-testid="pickup-collected">
            {t("pickup.order.collected", {
              at: shanghaiDateTime(collected.at),
              counter: counter.name,
            })}
            {collected.byName ? (
              <span className="muted">
                {" "}
                · {t("pickup.order.collectedBy", { name: collected.byName })}
              </span>
            ) : null}
          </p>
        ) : null}
        {code ? (
          <>
            <p className="muted">{t("pickup.order.code")}</p>
            <p className="pickup-card__code" data-testid="pickup-code">
              {formatPickupCode(code)}
            </p>
          </>
        ) : null}
        <div className="pickup-card__body">
          {code && qr ? <PickupQr qr={qr} code={code} /> : null}
          <dl>
            <dt>{t("pickup.order.counter")}</dt>
            <dd data-testid="pickup-counter-name">{counter.name}</dd>
            <dd>{counter.address}</dd>
            <dd>{t("pickup.hours", { hours: counter.hours })}</dd>
            {counter.phone ? <dd>{t("pickup.order.phone", { phone: counter.phone })}</dd> : null}
            <dd>
              <a href={counter.mapUrl} target="_blank" rel="noopener noreferrer">
                {t("pickup.map")}
              </a>
            </dd>
          </dl>
        </div>
        {code ? (
          <>
            <p>{t("pickup.order.show")}</p>
            <p className="muted">{t("pickup.order.keep", { days: UNCOLLECTED_DAYS })}</p>
          </>
        ) : null}
        {unpaid ? <p className="muted">{t("pickup.order.afterPayment")}</p> : null}
      </div>
    </section>
  );
}
