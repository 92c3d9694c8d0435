// /aid/integrity: integrity flags for a period (the dashboard's period parameters), each
// with the orders behind it. Admins get links to the orders; officers see the numbers.
import type {
  HeadersFunction,
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
  SerializeFrom,
} from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { AidNavHandle } from "~/components/aid-nav";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PeriodPicker } from "~/components/period-picker";
import { flagOrderChannels } from "~/domain/aid/flag-channels.server";
import { INTEGRITY_RULES, integrityFlags } from "~/domain/aid/integrity.server";
import { parsePeriod, periodQuery, quickPeriods, stepPeriod } from "~/domain/aid/periods";
import dashCss from "~/styles/dash.css";
import { storeContext } from "~/utils/request.server";
import { requireAidOfficer } from "~/utils/guards.server";
import { NOINDEX, pageMeta } from "~/utils/meta";
import { PeriodHeading } from "./period-heading";
import { RuleCounts } from "./rule-counts";
import { RuleSection } from "./rule-section";

// office.css comes with the /aid layout
export const links: LinksFunction = () => [{ rel: "stylesheet", href: dashCss }];

export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

export const meta: MetaFunction = (args) =>
  pageMeta(
    args,
    (t) => t("titles.aidIntegrity"),
    () => [NOINDEX],
  );

/** The portal's navigation (drawn by the /aid layout) carries the period shown here. */
export const handle: AidNavHandle<SerializeFrom<typeof loader>> = {
  periodQuery: (data) => data.query,
};

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireAidOfficer(request);
  const now = new Date();
  const { period, errors, values } = parsePeriod(new URL(request.url).searchParams, now);
  const { db, locale } = await storeContext(request);
  const flags = await integrityFlags(db, period);
  const channels = await flagOrderChannels(db, flags, locale);
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
      channels,
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
  return (
    <section aria-labelledby="integrity-title">
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
      <PeriodHeading
        period={period}
        previousQuery={data.previousQuery}
        nextQuery={data.nextQuery}
        hasErrors={Object.keys(errors).length > 0}
      />

      <RuleCounts rules={data.rules} flags={flags} />
      {data.rules.map((rule) => (
        <RuleSection
          key={rule}
          rule={rule}
          result={flags[rule]}
          channels={data.channels}
          linkOrders={data.linkOrders}
        />
      ))}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
