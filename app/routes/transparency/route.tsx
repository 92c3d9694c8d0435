// /transparency — public aid figures (ADR 040): a year by month, county and paired district,
// the ledger's monthly digests, and the same as JSON and CSV. No personal data; the same for
// every visitor, so kept in the page cache until the aid figures (or county names) change.
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { transparencyReport } from "~/domain/aid/transparency.server";
import { transparencyYear } from "~/domain/aid/transparency-input";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Money } from "~/components/money";
import contribCss from "~/styles/contrib.css";
import transparencyCss from "~/styles/transparency.css";
import { storeContext } from "~/utils/request.server";
import { sharedRead } from "~/utils/shared-reads.server";
import { pageMeta } from "~/utils/meta";
import type { PageCacheHandle } from "~/utils/page-cache.server";
import { shanghaiDate } from "~/utils/time";
import { CountyTables, MonthsTable } from "./figures-tables";
import { DigestsSection } from "./digests-section";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: contribCss },
  { rel: "stylesheet", href: transparencyCss },
];

export const meta: MetaFunction = (args) =>
  pageMeta(
    args,
    (t) => t("titles.transparency"),
    (t) => [{ name: "description", content: t("titles.transparencyDescription") }],
  );

export const handle: PageCacheHandle = { pageCache: ["aid", "catalogue"] };

export async function loader({ request }: LoaderFunctionArgs) {
  const { db } = await storeContext(request);
  const now = new Date();
  const year = transparencyYear(new URL(request.url).searchParams, now);
  const report = await sharedRead(db, handle.pageCache, `transparency ${year}`, () =>
    transparencyReport(db, year, shanghaiDate(now)),
  );
  return json({ report });
}

export type TransparencyData = ReturnType<typeof useLoaderData<typeof loader>>["report"];

export default function Transparency() {
  const { report } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const query = `?year=${report.year}`;
  return (
    <section className="transparency" aria-labelledby="transparency-title">
      <h1 id="transparency-title">{t("transparency.title")}</h1>
      <p className="section__lead">{t("transparency.lead")}</p>
      <nav aria-label={t("transparency.year")} className="transparency__years">
        <span>{t("transparency.year")}:</span>
        <ul>
          {report.years.map((year) => (
            <li key={year}>
              {year === report.year ? (
                <strong aria-current="page">{year}</strong>
              ) : (
                <Link to={`/transparency?year=${year}`}>{year}</Link>
              )}
            </li>
          ))}
        </ul>
      </nav>
      <div className="contrib__total">
        <p className="contrib__total-label">{t("transparency.yearTotal", { year: report.year })}</p>
        <p className="contrib__total-amount" data-testid="transparency-total">
          <Money fen={report.yearTotalFen} />
        </p>
      </div>
      <CountyTables report={report} />
      <MonthsTable report={report} />
      <DigestsSection report={report} />
      <section aria-labelledby="downloads-title" className="section">
        <h2 id="downloads-title">{t("transparency.downloads.title")}</h2>
        <ul className="transparency__downloads">
          <li>
            <a href={`/transparency.json${query}`} download={`shanhai-aid-${report.year}.json`}>
              {t("transparency.downloads.json")}
            </a>
          </li>
          <li>
            <a href={`/transparency.csv${query}`} download={`shanhai-aid-${report.year}.csv`}>
              {t("transparency.downloads.csv")}
            </a>
          </li>
        </ul>
        <h2>{t("transparency.how.title")}</h2>
        <p>{t("transparency.how.text")}</p>
        <p>
          {t("transparency.how.voucher")}{" "}
          <Link to="/vouchers/verify">{t("transparency.how.voucherLink")}</Link>
        </p>
      </section>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
