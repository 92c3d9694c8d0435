import type {
  HeadersFunction,
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { FILTER_KEYS } from "~/domain/aid/dimensions";
import { filterNames, listEntries } from "~/domain/aid/dashboard/entries.server";
import {
  filterParams,
  parseEntryFilters,
  type EntryFilters,
} from "~/domain/aid/dashboard/entry-filters.server";
import { parsePeriod, periodQuery } from "~/domain/aid/periods";
import { DomainError } from "~/domain/errors";
import { AidNav } from "~/components/aid-nav";
import { useAidLabels, type DimensionName } from "~/components/aid-figures";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import dashCss from "~/styles/dash.css";
import officeCss from "~/styles/office.css";
import { decimalInteger } from "~/utils/forms";
import { formatWan } from "~/utils/money";
import { storeContext } from "~/utils/request.server";
import { requireRole } from "~/utils/guards.server";
import { shanghaiDateTime } from "~/utils/time";
import { NOINDEX, pageMeta } from "~/utils/meta";
import { TableScroll } from "~/components/table-scroll";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: officeCss },
  { rel: "stylesheet", href: dashCss },
];

/** The page itself carries the loader's no-store (and, on /aid, its Server-Timing). */
export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

export const meta: MetaFunction = (args) =>
  pageMeta(
    args,
    (t) => t("titles.aidEntries"),
    () => [NOINDEX],
  );

/**
 * /aid/entries?period=…&at=…|from=…&to=…&county=…&eligible=…&page=…: the ledger entries
 * behind a dashboard figure. Everything is in the URL, so a figure's link is its filter.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ["aid_officer", "admin"]);
  const { db, locale } = await storeContext(request);
  const search = new URL(request.url).searchParams;
  const { period } = parsePeriod(search, new Date());
  let filters: EntryFilters;
  try {
    filters = parseEntryFilters(search);
  } catch (error) {
    if (error instanceof DomainError) {
      throw json({ message: error.code, field: error.field }, { status: 400 });
    }
    throw error;
  }
  const page = decimalInteger(search.get("page") ?? "1");
  const [entries, names] = await Promise.all([
    listEntries(db, period, filters, Number.isFinite(page) ? page : 1, locale),
    filterNames(db, filters, locale),
  ]);
  return json(
    {
      period: { label: period.label, start: period.start, end: period.end },
      periodQuery: periodQuery(period),
      filters: filterParams(filters),
      names,
      entries,
    },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

export default function AidEntries() {
  const { period, periodQuery: q, filters, names, entries } = useLoaderData<typeof loader>();
  const { t, i18n, label, yuan, loose } = useAidLabels();
  const query = (changes: Record<string, string | null>) => {
    const params = new URLSearchParams(q);
    for (const [k, v] of Object.entries(filters)) params.set(k, v);
    for (const [k, v] of Object.entries(changes)) {
      if (v === null) params.delete(k);
      else params.set(k, v);
    }
    return `/aid/entries?${params}`;
  };
  const filterText = (key: string, value: string): string => {
    if (key === "eligible")
      return value === "1" ? t("dash.entries.eligible") : t("dash.entries.notEligible");
    if (key === "county") return names.county ?? value;
    if (key === "cooperative") return names.cooperative ?? value;
    if (key === "product") return names.product ?? value;
    if (key === "month") return value;
    return label(key as DimensionName, value);
  };
  const active = FILTER_KEYS.filter((k) => filters[k] !== undefined);

  return (
    <section aria-labelledby="entries-title">
      <AidNav periodQuery={q} />
      <h1 id="entries-title">{t("dash.entries.title")}</h1>
      <p className="section__lead">{t("dash.entries.lead")}</p>

      <div className="period-nav">
        <h2>{period.label}</h2>
        <span className="period-nav__range">
          {t("dash.period.range", { from: period.start, to: period.end })}
        </span>
        <Link to={`/aid?${q}`}>{t("dash.entries.back")}</Link>
      </div>

      {active.length ? (
        <>
          <h2 className="visually-hidden">{t("dash.entries.filters")}</h2>
          <ul className="filter-chips" aria-label={t("dash.entries.filters")}>
            {active.map((key) => {
              const text = `${loose(`dash.entries.filterNames.${key}`)}: ${filterText(key, filters[key]!)}`;
              return (
                <li key={key}>
                  {text}
                  <Link
                    to={query({ [key]: null, page: null })}
                    aria-label={t("dash.entries.remove", { name: text })}
                  >
                    ×
                  </Link>
                </li>
              );
            })}
          </ul>
        </>
      ) : null}

      <p data-testid="entries-summary" data-count={entries.count} data-fen={entries.amountFen}>
        {t("dash.entries.summary", {
          entries: entries.count.toLocaleString(i18n.language === "en" ? "en-US" : "zh-CN"),
          amount: yuan(entries.amountFen),
          wan: t("dash.wan", { amount: formatWan(entries.amountFen, i18n.language) }),
        })}
      </p>

      {entries.rows.length ? (
        <TableScroll labelledBy="entries-title">
          <table className="dash-table" data-testid="entries">
            <thead>
              <tr>
                <th scope="col">{t("dash.entries.columns.day")}</th>
                <th scope="col">{t("dash.entries.columns.type")}</th>
                <th scope="col">{t("dash.entries.columns.order")}</th>
                <th scope="col">{t("dash.entries.columns.product")}</th>
                <th scope="col">{t("dash.entries.columns.origin")}</th>
                <th scope="col">{t("dash.entries.columns.buyer")}</th>
                <th scope="col">{t("dash.entries.columns.eligible")}</th>
                <th scope="col" className="num">
                  {t("dash.entries.columns.quantity")}
                </th>
                <th scope="col" className="num">
                  {t("dash.entries.columns.amount")}
                </th>
              </tr>
            </thead>
            <tbody>
              {entries.rows.map((e) => (
                <tr key={e.id} className={e.entryType === "refund" ? "entry--refund" : undefined}>
                  <td className="nowrap">{shanghaiDateTime(e.occurredAt)}</td>
                  <td>{t(`dash.entries.type.${e.entryType}`)}</td>
                  <td className="nowrap">{e.orderNumber}</td>
                  <td>{e.productName ?? `#${e.productId}`}</td>
                  <td>
                    {e.countyName}
                    {e.pairedDistrict ? `（${e.pairedDistrict}）` : ""}
                    <span className="dash-table__detail">{e.cooperativeName}</span>
                  </td>
                  <td>
                    {label("buyer_type", e.buyerType)}
                    <span className="dash-table__detail">
                      {label("bucket", e.bucket)} · {label("funding_source", e.fundingSource)}
                    </span>
                  </td>
                  <td>{e.eligible ? t("dash.entries.yes") : t("dash.entries.no")}</td>
                  <td className="num">{e.quantity}</td>
                  <td className="num">{yuan(e.amountFen)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : (
        <p className="empty">{t("dash.entries.empty")}</p>
      )}

      {entries.pages > 1 ? (
        <nav
          className="pager"
          aria-label={t("dash.entries.page", { page: entries.page, pages: entries.pages })}
        >
          {entries.page > 1 ? (
            <Link to={query({ page: String(entries.page - 1) })} rel="prev">
              ‹ {t("dash.entries.previous")}
            </Link>
          ) : null}
          <span>{t("dash.entries.page", { page: entries.page, pages: entries.pages })}</span>
          {entries.page < entries.pages ? (
            <Link to={query({ page: String(entries.page + 1) })} rel="next">
              {t("dash.entries.next")} ›
            </Link>
          ) : null}
        </nav>
      ) : null}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
