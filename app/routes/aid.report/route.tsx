// /aid/report?month=YYYY-MM: the monthly consumption-aid report, made to be printed on A4
// and signed. Figures are the dashboard's (same rollups); print CSS hides the site chrome.
import type {
  HeadersFunction,
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
  SerializeFrom,
} from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import type { AidNavHandle } from "~/components/aid-nav";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { monthlyReport, REPORT_DIMENSIONS } from "~/domain/aid/exports/monthly-report.server";
import { monthPeriod, periodQuery } from "~/domain/aid/periods";
import { parseReportMonth } from "~/domain/aid/report-input";
import dashCss from "~/styles/dash.css";
import { storeContext } from "~/utils/request.server";
import { requireAidOfficer } from "~/utils/guards.server";
import { NOINDEX, pageMeta } from "~/utils/meta";
import { PRINT_CSS } from "./print-css";
import { ReportSheet } from "./report-sheet";
import { ReportTools } from "./report-tools";

// office.css comes with the /aid layout
export const links: LinksFunction = () => [{ rel: "stylesheet", href: dashCss }];

export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(
    args,
    (t, data) => t("titles.aidReport", { month: data.report?.month ?? "" }).trim(),
    () => [NOINDEX],
  );

export const handle: AidNavHandle<SerializeFrom<typeof loader>> = {
  periodQuery: (data) => data.periodQuery,
};

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAidOfficer(request);
  const raw = new URL(request.url).searchParams.get("month")?.trim() ?? "";
  const headers = { "Cache-Control": "private, no-store" };
  const month = parseReportMonth(raw, new Date());
  if (!month) {
    // a mistake in the address bar: say so beside the month field, keep what was typed
    const error = "aidExtra.errors.month" as const;
    return json(
      { report: null, dimensions: [], input: raw, error, periodQuery: "" },
      { status: 400, headers },
    );
  }
  const { db, locale } = await storeContext(request);
  const report = await monthlyReport(db, month, locale);
  return json(
    {
      report,
      // the order of the tables (a .server module's values never reach the browser)
      dimensions: REPORT_DIMENSIONS,
      input: month,
      error: null,
      generatedAt: new Date().toISOString(),
      periodQuery: periodQuery(monthPeriod(month)),
    },
    { headers },
  );
}

export default function MonthlyReport() {
  const data = useLoaderData<typeof loader>();
  const report = data.report;
  return (
    <section className="report" aria-labelledby="report-title">
      <style>{PRINT_CSS}</style>
      <ReportTools month={report?.month ?? null} input={data.input} error={data.error} />
      {report ? (
        <ReportSheet
          report={report}
          dimensions={data.dimensions}
          generatedAt={"generatedAt" in data ? data.generatedAt : null}
          periodQuery={data.periodQuery}
        />
      ) : null}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
