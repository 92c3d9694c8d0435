import type { ReactNode } from "react";
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { AfterSalesView } from "~/domain/after-sales/after-sales-queries.server";
import type { AfterSalesReason } from "~/domain/after-sales/after-sales-rules";
import { Money } from "./money";
import { ShanghaiTime } from "./shipment-bits";

/**
 * What happened to a request, as everyone sees it: when it was asked, the buyer's photos,
 * the cooperative's note and, once rejected, why.
 */
export function AfterSalesStory({ request }: { request: AfterSalesView }) {
  const { t } = useTranslation();
  return (
    <>
      <p className="muted">
        {t("afterSales.request.asked")} <ShanghaiTime at={request.createdAt} />
      </p>
      {request.photos.length ? (
        <p className="after-sales-card__photos">
          {request.photos.map((p) => (
            <a key={p.full} href={p.full}>
              <img src={p.thumb} alt={t("afterSales.request.photos")} width={96} height={72} />
            </a>
          ))}
        </p>
      ) : null}
      {request.coopNote ? (
        <p>
          {t("afterSales.request.coopNote")}：{request.coopNote}
        </p>
      ) : null}
      {request.status === "rejected" && request.decisionReason ? (
        <p>
          {t("afterSales.request.decisionReason")}：{request.decisionReason}
        </p>
      ) : null}
    </>
  );
}

/**
 * One after-sales request as the cooperative and the admin see it: order, item, why, the
 * photos, the cooperative's note and the decision; `children` holds the viewer's forms.
 */
export function AfterSalesSummary({
  request,
  orderHref,
  children,
}: {
  request: AfterSalesView;
  /** where the order number links to, for a viewer who has an order page */
  orderHref?: string;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <li
      className="after-sales-card"
      id={`request-${request.id}`}
      data-testid="after-sales-request"
      data-status={request.status}
    >
      <p className="after-sales-card__head">
        {orderHref ? <Link to={orderHref}>{request.orderNumber}</Link> : request.orderNumber}
        <span className={`tag tag--${request.status}`}>
          {t(`afterSales.statuses.${request.status}`)}
        </span>
      </p>
      <p>
        <strong>{request.productName}</strong> · {request.cooperativeName} ·{" "}
        {t("afterSales.request.quantity", { count: request.quantity })} ·{" "}
        <Money fen={request.amountFen} />
      </p>
      <p>
        {t(`afterSales.kinds.${request.kind}`)} ·{" "}
        {t(`afterSales.reasons.${request.reasonCode as AfterSalesReason}`)}：{request.details}
      </p>
      <AfterSalesStory request={request} />
      {request.decidedAt ? (
        <p className="muted">
          {t("afterSales.admin.decidedAt")} <ShanghaiTime at={request.decidedAt} />
        </p>
      ) : null}
      {children}
    </li>
  );
}
