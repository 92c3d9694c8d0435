import type {
  HeadersFunction,
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { aidDashboard } from "~/domain/aid/dashboard.server";
import { DIMENSIONS, type Dimension } from "~/domain/aid/dimensions";
import {
  parsePeriod,
  periodQuery,
  quickPeriods,
  stepPeriod,
  yearPeriod,
} from "~/domain/aid/periods";
import { pendingReviewSummary } from "~/domain/aid/reviews.server";
import { AidNav } from "~/components/aid-nav";
import { BreakdownTable, useAidLabels, Wan } from "~/components/aid-figures";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PeriodPicker } from "~/components/period-picker";
import { TrendChart } from "~/components/trend-chart";
import dashCss from "~/styles/dash.css";
import officeCss from "~/styles/office.css";
import { formatWan } from "~/utils/money";
import { storeContext } from "~/utils/request.server";
import { requireRole } from "~/utils/guards.server";
import { shanghaiDateTime } from "~/utils/time";
import { NOINDEX, pageMeta } from "~/utils/meta";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: officeCss },
  { rel: "stylesheet", href: dashCss },
];

/** The page itself carries the loader's no-store (and, on /aid, its Server-Timing). */
export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

export const meta: MetaFunction = (args) =>
  pageMeta(
    args,
    (t) => t("titles.aidDashboard"),
    () => [NOINDEX],
  );

/** The breakdown tables, in the order the aid offices report them (month is the trend's). */
const TABLES: Dimension[] = DIMENSIONS.filter((d) => d !== "month");
/** Tables with long names get a whole row; the short ones pair up on a wide screen. */
const WIDE = new Set<Dimension>(["county", "cooperative", "product"]);

export async function loader({ request }: LoaderFunctionArgs) {
  const entered = performance.now();
  const user = await requireRole(request, ["aid_officer", "admin"]);
  const { db, locale } = await storeContext(request);
  const now = new Date();
  const { period, errors, values } = parsePeriod(new URL(request.url).searchParams, now);
  const started = performance.now();
  const [dashboard, pending] = await Promise.all([
    aidDashboard(db, period, locale),
    pendingReviewSummary(db),
  ]);
  const took = performance.now() - started;
  const previous = stepPeriod(period, -1);
  const next = stepPeriod(period, 1);
  return json(
    {
      officerName: user.name,
      pending,
      period: {
        kind: period.kind,
        start: period.start,
        end: period.end,
        label: period.label,
        year: period.year,
        months: period.months,
        query: periodQuery(period),
        yearQuery: periodQuery(yearPeriod(period.year)),
        /** buyers of a range that is not a calendar month, quarter or year are counted key by key */
        slow: period.key === null,
      },
      quickPeriods: quickPeriods(period, now),
      previousQuery: previous ? periodQuery(previous) : null,
      nextQuery: next ? periodQuery(next) : null,
      errors,
      values,
      dashboard,
    },
    {
      headers: {
        "Cache-Control": "private, no-store",
        "Server-Timing": `dashboard;dur=${took.toFixed(1)}, loader;dur=${(performance.now() - entered).toFixed(1)}`,
      },
    },
  );
}

function entriesHref(query: string, filters: Record<string, string | number>) {
  const params = new URLSearchParams(query);
  for (const [k, v] of Object.entries(filters)) params.set(k, String(v));
  return `/aid/entries?${params}`;
}

export default function AidDashboard() {
  const data = useLoaderData<typeof loader>();
  const { officerName, pending, period, dashboard, errors, values } = data;
  const { totals, breakdowns, trend, targets, reportedMonths } = dashboard;
  const { t, i18n, yuan, loose } = useAidLabels();
  const q = period.query;
  const inPeriod = new Set(period.months ?? []);
  const hasErrors = Object.keys(errors).length > 0;

  return (
    <section aria-labelledby="aid-title">
      <AidNav periodQuery={q} />
      <div className="dash-head">
        <h1 id="aid-title">{t("dash.title")}</h1>
        <p className="muted">{t("dash.signedAs", { name: officerName })}</p>
      </div>
      <p className="section__lead">{t("dash.lead")}</p>

      <ul className="stats">
        <li className={pending.count ? "stat stat--attention" : "stat"}>
          <span className="stat__label">{t("dash.pending.title")}</span>
          <Link className="stat__value" to="/aid/reviews" data-testid="pending-count">
            {pending.count}
          </Link>
          <p className="stat__more">
            {pending.oldestAt
              ? t("dash.pending.oldest", { at: shanghaiDateTime(pending.oldestAt) })
              : t("dash.pending.none")}{" "}
            {pending.count ? <Link to="/aid/reviews">{t("dash.pending.open")}</Link> : null}
          </p>
        </li>
      </ul>

      <PeriodPicker
        path="/aid"
        idPrefix="period"
        period={period}
        quick={data.quickPeriods}
        values={values}
        errors={errors}
      />

      <div className="period-nav">
        {data.previousQuery ? (
          <Link to={`/aid?${data.previousQuery}`} rel="prev">
            ‹ {t("dash.period.previous")}
          </Link>
        ) : null}
        <h2 data-testid="period-label">{t("dash.period.heading", { label: period.label })}</h2>
        {data.nextQuery ? (
          <Link to={`/aid?${data.nextQuery}`} rel="next">
            {t("dash.period.next")} ›
          </Link>
        ) : null}
        <span className="period-nav__range">
          {t("dash.period.range", { from: period.start, to: period.end })}
        </span>
        {reportedMonths.length ? (
          <Link className="reported-chip" to="/aid/periods">
            {t("dash.period.reported", { months: reportedMonths.join(", ") })}
          </Link>
        ) : null}
      </div>
      {hasErrors ? (
        <p className="alert alert--error" role="status">
          {t("dash.period.errors.fallback")}
        </p>
      ) : null}
      {period.slow ? <p className="muted">{t("dash.period.customNote")}</p> : null}

      <section aria-labelledby="totals-title">
        <h2 id="totals-title" className="visually-hidden">
          {t("dash.totals.title")}
        </h2>
        <ul className="stats stats--headline" data-testid="totals">
          <li className="stat stat--aid">
            <span className="stat__label">{t("dash.totals.aid")}</span>
            <Link
              className="stat__value"
              to={entriesHref(q, { eligible: 1 })}
              data-testid="aid-total"
              data-fen={totals.aidFen}
            >
              {yuan(totals.aidFen)}
            </Link>
            <span className="stat__wan">
              <Wan fen={totals.aidFen} />
            </span>
            <p className="stat__more">{t("dash.totals.aidHint")}</p>
          </li>
          <Figure
            label={t("dash.totals.orders")}
            value={totals.orders}
            hint={t("dash.totals.ordersHint")}
            to={entriesHref(q, { eligible: 1 })}
          />
          <Figure
            label={t("dash.totals.buyers")}
            value={totals.buyers}
            hint={t("dash.totals.buyersHint")}
            to={entriesHref(q, { eligible: 1 })}
          />
          <Figure
            label={t("dash.totals.cooperatives")}
            value={totals.cooperatives}
            hint={t("dash.totals.cooperativesHint")}
            to="#by-cooperative"
          />
          <Figure
            label={t("dash.totals.farmers")}
            value={totals.farmersReached}
            hint={t("dash.totals.farmersHint")}
            to="#by-cooperative"
          />
          <li className="stat stat--apart">
            <span className="stat__label">{t("dash.totals.other")}</span>
            <Link
              className="stat__value"
              to={entriesHref(q, { eligible: 0 })}
              data-testid="other-total"
              data-fen={totals.otherFen}
            >
              {yuan(totals.otherFen)}
            </Link>
            <span className="stat__wan">
              <Wan fen={totals.otherFen} />
            </span>
            <p className="stat__more">
              {t("dash.totals.otherOrders", {
                orders: totals.otherOrders.toLocaleString(
                  i18n.language === "en" ? "en-US" : "zh-CN",
                ),
              })}{" "}
              · {t("dash.totals.otherHint")}
            </p>
          </li>
        </ul>
      </section>

      <section className="office-panel" aria-labelledby="trend-title">
        <h2 id="trend-title">{t("dash.trend.title", { year: period.year })}</h2>
        <TrendChart
          id="trend"
          title={t("dash.trend.title", { year: period.year })}
          description={t("dash.trend.desc", {
            year: period.year,
            total: yuan(trend.reduce((s, p) => s + p.aidFen, 0)),
          })}
          caption={t("dash.trend.caption", { year: period.year })}
          headers={{
            label: t("dash.trend.month"),
            value: t("dash.trend.aid"),
            other: t("dash.trend.other"),
          }}
          axisLabel={t("dash.trend.axis")}
          points={trend.map((p) => ({
            key: p.month,
            label: t("dash.trend.monthLabel", { month: Number(p.month.slice(5)) }),
            value: p.aidFen,
            other: p.otherFen,
            highlight: inPeriod.has(p.month),
          }))}
          formatValue={yuan}
          formatAxis={(fen) => formatWan(fen, i18n.language).replace(/\.00$/, "")}
        />
        <p className="muted">{t("dash.trend.inPeriod")}</p>
        <h3>{t("dash.breakdowns.month")}</h3>
        <BreakdownTable
          id="by-month"
          dimension="month"
          rows={breakdowns.month}
          totalAidFen={totals.aidFen}
          totalOtherFen={totals.otherFen}
          href={(value, eligible) => entriesHref(q, { month: value, eligible })}
          totalHref={(eligible) => entriesHref(q, { eligible })}
        />
      </section>

      <section className="office-panel" aria-labelledby="targets-title">
        <h2 id="targets-title">{t("dash.targets.title", { year: period.year })}</h2>
        <p className="muted">{t("dash.targets.lead")}</p>
        <ul className="targets" data-testid="targets">
          {targets.map((target) => {
            const percent = target.percent ?? 0;
            return (
              <li key={target.county} data-county={target.county}>
                <div className="target__head">
                  <span className="target__name">
                    {target.name}
                    {target.pairedDistrict ? ` · ${target.pairedDistrict}` : ""}
                  </span>
                  <span>
                    {target.targetFen
                      ? t("dash.targets.progress", { percent: percent.toFixed(1) })
                      : t("dash.targets.none")}
                  </span>
                </div>
                {target.targetFen ? (
                  <div className="target__bar" aria-hidden="true">
                    <div
                      className={percent > 100 ? "target__fill target__fill--over" : "target__fill"}
                      style={{ width: `${Math.min(Math.max(percent, 0), 100)}%` }}
                    />
                  </div>
                ) : null}
                <p className="target__figures">
                  <Link
                    to={entriesHref(data.period.yearQuery, {
                      county: target.county,
                      eligible: 1,
                    })}
                  >
                    {yuan(target.aidFen)}
                  </Link>
                  {target.targetFen ? ` / ${yuan(target.targetFen)}` : ""}
                </p>
              </li>
            );
          })}
        </ul>
        <p className="panel-foot">
          <Link to={`/aid/targets?year=${period.year}`}>{t("dash.targets.edit")}</Link>
          {" · "}
          <Link to="/aid/periods">{t("dash.periods.link")}</Link>
        </p>
      </section>

      <section aria-labelledby="breakdowns-title">
        <h2 id="breakdowns-title">{t("dash.breakdowns.title")}</h2>
        <p className="muted">{t("dash.breakdowns.lead")}</p>
        <div className="breakdowns">
          {TABLES.map((dimension) => (
            <section
              key={dimension}
              className={WIDE.has(dimension) ? "office-panel office-panel--wide" : "office-panel"}
              aria-labelledby={`by-${dimension}-title`}
            >
              <h3 id={`by-${dimension}-title`}>{loose(`dash.breakdowns.${dimension}`)}</h3>
              <BreakdownTable
                id={`by-${dimension}`}
                dimension={dimension}
                rows={breakdowns[dimension]}
                totalAidFen={totals.aidFen}
                totalOtherFen={totals.otherFen}
                href={(value, eligible) => entriesHref(q, { [dimension]: value, eligible })}
                totalHref={(eligible) => entriesHref(q, { eligible })}
              />
              <p className="panel-foot">
                <a href={`/aid/export.csv?${q}&breakdown=${dimension}`} download>
                  {t("dash.breakdowns.exportCsv")}
                </a>
              </p>
            </section>
          ))}
        </div>
      </section>
    </section>
  );
}

function Figure({
  label,
  value,
  hint,
  to,
}: {
  label: string;
  value: number;
  hint: string;
  to: string;
}) {
  const { i18n } = useAidLabels();
  return (
    <li className="stat">
      <span className="stat__label">{label}</span>
      {to.startsWith("#") ? (
        <a className="stat__value" href={to}>
          {value.toLocaleString(i18n.language === "en" ? "en-US" : "zh-CN")}
        </a>
      ) : (
        <Link className="stat__value" to={to}>
          {value.toLocaleString(i18n.language === "en" ? "en-US" : "zh-CN")}
        </Link>
      )}
      <p className="stat__more">{hint}</p>
    </li>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
