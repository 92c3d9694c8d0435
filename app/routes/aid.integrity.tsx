// /aid/integrity: integrity flags for a period (the dashboard's period parameters), each
// with the orders behind it. Admins get links to the orders; officers see the numbers.
import type {
  HeadersFunction,
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AidNav } from "~/components/aid-nav";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Money } from "~/components/money";
import { PeriodPicker } from "~/components/period-picker";
import {
  INTEGRITY_RULES,
  integrityFlags,
  type FlagReason,
  type IntegrityRule,
} from "~/domain/aid/integrity.server";
import { parsePeriod, periodQuery, quickPeriods, stepPeriod } from "~/domain/aid/periods";
import dashCss from "~/styles/dash.css";
import officeCss from "~/styles/office.css";
import { getDb } from "~/utils/db.server";
import { formatFen } from "~/utils/money";
import { requireRole } from "~/utils/guards.server";
import { shanghaiDateTime } from "~/utils/time";
import { NOINDEX, pageMeta } from "~/utils/meta";
import { TableScroll } from "~/components/table-scroll";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: officeCss },
  { rel: "stylesheet", href: dashCss },
];

export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

export const meta: MetaFunction = (args) =>
  pageMeta(
    args,
    (t) => t("titles.aidIntegrity"),
    () => [NOINDEX],
  );

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["aid_officer", "admin"]);
  const now = new Date();
  const { period, errors, values } = parsePeriod(new URL(request.url).searchParams, now);
  const flags = await integrityFlags(await getDb(), period);
  const previous = stepPeriod(period, -1);
  const next = stepPeriod(period, 1);
  return json(
    {
      period: { kind: period.kind, label: period.label, start: period.start, end: period.end },
      query: periodQuery(period),
      quickPeriods: quickPeriods(period, now),
      previousQuery: previous ? periodQuery(previous) : null,
      nextQuery: next ? periodQuery(next) : null,
      values,
      errors,
      flags,
      // the order of the sections (a .server module's values never reach the browser)
      rules: INTEGRITY_RULES,
      linkOrders: user.role === "admin",
    },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

export default function IntegrityFlags() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const { period, values, errors, flags } = data;
  const hasErrors = Object.keys(errors).length > 0;
  return (
    <section aria-labelledby="integrity-title">
      <AidNav periodQuery={data.query} />
      <div className="dash-head">
        <h1 id="integrity-title">{t("aidExtra.integrity.title")}</h1>
      </div>
      <p className="section__lead">{t("aidExtra.integrity.lead")}</p>

      <PeriodPicker
        path="/aid/integrity"
        idPrefix="integrity"
        period={period}
        quick={data.quickPeriods}
        values={values}
        errors={errors}
      />

      <div className="period-nav">
        {data.previousQuery ? (
          <Link to={`/aid/integrity?${data.previousQuery}`} rel="prev">
            ‹ {t("dash.period.previous")}
          </Link>
        ) : null}
        <h2 data-testid="period-label">{t("dash.period.heading", { label: period.label })}</h2>
        {data.nextQuery ? (
          <Link to={`/aid/integrity?${data.nextQuery}`} rel="next">
            {t("dash.period.next")} ›
          </Link>
        ) : null}
        <span className="period-nav__range">
          {t("dash.period.range", { from: period.start, to: period.end })}
        </span>
      </div>
      {hasErrors ? (
        <p className="alert alert--error" role="status">
          {t("dash.period.errors.fallback")}
        </p>
      ) : null}

      <ul className="stats" aria-label={t("aidExtra.integrity.title")}>
        {data.rules.map((rule) => (
          <li key={rule} className={flags[rule].total ? "stat stat--attention" : "stat"}>
            <a className="stat__label" href={`#rule-${rule}`}>
              {t(`aidExtra.integrity.rules.${rule}.title`)}
            </a>
            <span className="stat__value" data-testid={`count-${rule}`}>
              {flags[rule].total}
            </span>
          </li>
        ))}
      </ul>

      {data.rules.map((rule) => (
        <RuleSection key={rule} rule={rule} result={flags[rule]} linkOrders={data.linkOrders} />
      ))}
    </section>
  );
}

type RuleResult = ReturnType<typeof useLoaderData<typeof loader>>["flags"][IntegrityRule];

function RuleSection({
  rule,
  result,
  linkOrders,
}: {
  rule: IntegrityRule;
  result: RuleResult;
  linkOrders: boolean;
}) {
  const { t, i18n } = useTranslation();
  const why = useWhy(i18n.language);
  return (
    <section className="section" id={`rule-${rule}`} aria-labelledby={`rule-${rule}-title`}>
      <h2 id={`rule-${rule}-title`}>
        {t(`aidExtra.integrity.rules.${rule}.title`)}{" "}
        <span className="reason-chip">
          {t("aidExtra.integrity.count", { count: result.total })}
        </span>
      </h2>
      <p className="muted">{t(`aidExtra.integrity.rules.${rule}.rule`)}</p>
      {result.flags.length ? (
        <>
          {result.total > result.flags.length ? (
            <p className="muted">
              {t("aidExtra.integrity.shown", { total: result.total, shown: result.flags.length })}
            </p>
          ) : null}
          <div data-testid={`flags-${rule}`}>
            {result.flags.map((flag) => (
              <article key={flag.id} className="office-panel" data-flag={flag.id}>
                <p className="integrity-why" id={`flag-${flag.id}-why`}>
                  {why(flag.reason)}
                </p>
                <TableScroll labelledBy={`flag-${flag.id}-why`}>
                  <table className="certs">
                    <thead>
                      <tr>
                        <th scope="col">{t("aidExtra.integrity.order")}</th>
                        <th scope="col">{t("aidExtra.integrity.at")}</th>
                        <th scope="col" className="num">
                          {t("aidExtra.integrity.amount")}
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {flag.orders.map((order) => (
                        <tr key={`${order.number}-${order.at}`}>
                          <td className="nowrap">
                            {linkOrders ? (
                              <Link to={`/admin/orders/${order.number}`}>{order.number}</Link>
                            ) : (
                              <span className="order-number">{order.number}</span>
                            )}
                          </td>
                          <td className="nowrap">{order.at ? shanghaiDateTime(order.at) : ""}</td>
                          <td className="num">
                            <Money fen={order.amountFen} />
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </TableScroll>
                {flag.moreOrders ? (
                  <p className="muted">
                    {t("aidExtra.integrity.moreOrders", { count: flag.moreOrders })}
                  </p>
                ) : null}
              </article>
            ))}
          </div>
        </>
      ) : (
        <p className="empty">{t("aidExtra.integrity.none")}</p>
      )}
    </section>
  );
}

/** The sentence that says why a flag was raised. */
function useWhy(locale: string) {
  const { t } = useTranslation();
  const money = (fen: number) => formatFen(fen, locale);
  return (reason: FlagReason): string => {
    switch (reason.rule) {
      case "price":
        return t("aidExtra.integrity.rules.price.why", {
          product: reason.product,
          price: money(reason.unitPriceFen),
          reference: money(reason.referencePriceFen),
          percent: reason.percent,
        });
      case "quantity": {
        const params = {
          product: reason.product,
          quantity: reason.quantity,
          bucket: t(`dash.labels.bucket.${reason.bucket}`),
          median: reason.median ?? 0,
        };
        return reason.median === null
          ? t("aidExtra.integrity.rules.quantity.whyLarge", params)
          : t("aidExtra.integrity.rules.quantity.whyMedian", params);
      }
      case "self_purchase":
        return reason.via === "account"
          ? t("aidExtra.integrity.rules.self_purchase.whyAccount", reason)
          : t("aidExtra.integrity.rules.self_purchase.whyPhone", reason);
      case "split_orders":
        return reason.via === "phone"
          ? t("aidExtra.integrity.rules.split_orders.whyPhone", reason)
          : t("aidExtra.integrity.rules.split_orders.whyAddress", reason);
      case "reported_refund":
        return t("aidExtra.integrity.rules.reported_refund.why", {
          day: reason.refundDay,
          month: reason.saleMonth,
          by: reason.reportedBy,
          at: shanghaiDateTime(reason.reportedAt),
        });
    }
  };
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
