import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Money } from "~/components/money";
import { TableScroll } from "~/components/table-scroll";
import type { todaysTillSales } from "~/domain/counters/till-reads.server";
import { formatFen } from "~/utils/money";
import { shanghaiDateTime } from "~/utils/time";

type Sale = Awaited<ReturnType<typeof todaysTillSales>>[number];

/** This counter's sales of the day, latest first, each opening its receipt. */
export function TodaysSales({ sales }: { sales: Sale[] }) {
  const { t, i18n } = useTranslation();
  const total = sales.reduce((s, sale) => s + sale.totalFen, 0);
  return (
    <section className="section" aria-labelledby="till-today-title">
      <h2 id="till-today-title">{t("till.sale.todayTitle")}</h2>
      {sales.length ? (
        <>
          <p className="section__lead">
            {t("till.sale.todaySummary", {
              count: sales.length,
              total: formatFen(total, i18n.language),
            })}
          </p>
          <TableScroll labelledBy="till-today-title">
            <table className="certs" data-testid="till-today">
              <thead>
                <tr>
                  <th scope="col">{t("till.sale.todayColumns.number")}</th>
                  <th scope="col">{t("till.sale.todayColumns.time")}</th>
                  <th scope="col">{t("till.sale.todayColumns.payment")}</th>
                  <th scope="col">{t("till.sale.todayColumns.buyer")}</th>
                  <th scope="col" className="num">
                    {t("till.sale.todayColumns.total")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {sales.map((sale) => (
                  <tr key={sale.number}>
                    <td className="nowrap">
                      <Link to={`/counter/till/${sale.number}`}>{sale.number}</Link>
                    </td>
                    <td className="nowrap">{shanghaiDateTime(sale.paidAt).slice(11)}</td>
                    <td>{sale.payment ? t(`till.sale.payments.${sale.payment}`) : "—"}</td>
                    <td>
                      {sale.orgName ?? t("till.sale.walkIn")}
                      {sale.status === "refunded" || sale.status === "partially_refunded" ? (
                        <div className="muted">{t("till.sale.refunded")}</div>
                      ) : null}
                    </td>
                    <td className="num">
                      <Money fen={sale.totalFen} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </>
      ) : (
        <p className="empty">{t("till.sale.todayEmpty")}</p>
      )}
    </section>
  );
}
