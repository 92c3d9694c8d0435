import { useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { AfterSalesView } from "~/domain/after-sales/after-sales-queries.server";
import { AfterSalesDecision } from "~/components/after-sales-decision";
import { AfterSalesSummary } from "~/components/after-sales-summary";

/** The order's after-sales requests, each open one with the admin's two answers. */
export function AfterSalesRequests({
  number,
  requests,
}: {
  number: string;
  requests: AfterSalesView[];
}) {
  const { t } = useTranslation();
  const [search] = useSearchParams();
  const decided = search.get("decided");
  if (!requests.length) return null;
  return (
    <section aria-labelledby="after-sales-title" className="section" id="after-sales">
      <h2 id="after-sales-title">{t("afterSales.admin.title")}</h2>
      {decided === "approved" || decided === "rejected" ? (
        <p className="alert alert--success" role="status">
          {t(`afterSales.admin.${decided}`)}
        </p>
      ) : null}
      <ul className="after-sales-list">
        {requests.map((r) => (
          <AfterSalesSummary key={r.id} request={r}>
            {r.status === "open" ? (
              <AfterSalesDecision requestId={r.id} back={`/admin/orders/${number}`} />
            ) : null}
          </AfterSalesSummary>
        ))}
      </ul>
    </section>
  );
}
