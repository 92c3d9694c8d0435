import type {
  HeadersFunction,
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
  SerializeFrom,
} from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { aidDashboard } from "~/domain/aid/dashboard.server";
import {
  parsePeriod,
  periodQuery,
  quickPeriods,
  stepPeriod,
  yearPeriod,
  type Period,
} from "~/domain/aid/periods";
import { pendingReviewSummary } from "~/domain/aid/reviews.server";
import type { AidNavHandle } from "~/components/aid-nav";
import { useAidLabels } from "~/components/aid-figures";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PeriodPicker } from "~/components/period-picker";
import dashCss from "~/styles/dash.css";
import { storeContext } from "~/utils/request.server";
import { requireAidOfficer } from "~/utils/guards.server";
import { NOINDEX, pageMeta } from "~/utils/meta";
import { BreakdownPanels } from "./breakdown-panels";
import { HeadlineTotals } from "./headline-totals";
import { PendingStat } from "./pending-stat";
import { PeriodHeading } from "./period-heading";
import { TargetsPanel } from "./targets-panel";
import { TrendPanel } from "./trend-panel";

// office.css comes with the /aid layout
export const links: LinksFunction = () => [{ rel: "stylesheet", href: dashCss }];

/** The page itself carries the loader's no-store (and, on /aid, its Server-Timing). */
export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

export const meta: MetaFunction = (args) =>
  pageMeta(
    args,
    (t) => t("titles.aidDashboard"),
    () => [NOINDEX],
  );

export const handle: AidNavHandle<SerializeFrom<typeof loader>> = {
  periodQuery: (data) => data.period.query,
};

/** The period as the page draws it, with the queries of its links. */
function periodView(period: Period) {
  return {
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
  };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const entered = performance.now();
  const user = await requireAidOfficer(request);
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
      period: periodView(period),
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

export default function AidDashboard() {
  const data = useLoaderData<typeof loader>();
  const { period, dashboard } = data;
  const { totals, breakdowns } = dashboard;
  const { t } = useAidLabels();
  return (
    <section aria-labelledby="aid-title">
      <div className="dash-head">
        <h1 id="aid-title">{t("dash.title")}</h1>
        <p className="muted">{t("dash.signedAs", { name: data.officerName })}</p>
      </div>
      <p className="section__lead">{t("dash.lead")}</p>
      <PendingStat pending={data.pending} />
      <PeriodPicker
        path="/aid"
        idPrefix="period"
        period={period}
        quick={data.quickPeriods}
        values={data.values}
        errors={data.errors}
      />
      <PeriodHeading
        period={period}
        previousQuery={data.previousQuery}
        nextQuery={data.nextQuery}
        reportedMonths={dashboard.reportedMonths}
        hasErrors={Object.keys(data.errors).length > 0}
      />
      <HeadlineTotals totals={totals} periodQuery={period.query} />
      <TrendPanel
        period={period}
        trend={dashboard.trend}
        totals={totals}
        months={breakdowns.month}
      />
      <TargetsPanel year={period.year} yearQuery={period.yearQuery} targets={dashboard.targets} />
      <BreakdownPanels breakdowns={breakdowns} totals={totals} periodQuery={period.query} />
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
