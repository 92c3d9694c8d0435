import type {
  HeadersFunction,
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
  SerializeFrom,
} from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { FILTER_KEYS } from "~/domain/aid/dimensions";
import { filterNames, listEntries, type FilterNames } from "~/domain/aid/dashboard/entries.server";
import {
  filterParams,
  parseEntryFilters,
  type EntryFilters,
} from "~/domain/aid/dashboard/entry-filters.server";
import { parsePeriod, periodQuery } from "~/domain/aid/periods";
import { DomainError } from "~/domain/errors";
import type { AidNavHandle } from "~/components/aid-nav";
import { entriesHref, useAidLabels, type DimensionName } from "~/components/aid-figures";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import dashCss from "~/styles/dash.css";
import { decimalInteger } from "~/utils/forms";
import { formatWan } from "~/utils/money";
import { storeContext } from "~/utils/request.server";
import { requireAidOfficer } from "~/utils/guards.server";
import { NOINDEX, pageMeta } from "~/utils/meta";
import { EntriesTable } from "./entries-table";

// office.css comes with the /aid layout
export const links: LinksFunction = () => [{ rel: "stylesheet", href: dashCss }];

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
  await requireAidOfficer(request);
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

export const handle: AidNavHandle<SerializeFrom<typeof loader>> = {
  periodQuery: (data) => data.periodQuery,
};

export default function AidEntries() {
  const { period, periodQuery: q, filters, names, entries } = useLoaderData<typeof loader>();
  const { t, i18n, count, yuan } = useAidLabels();
  const link = (changes: Record<string, string | null>) => entriesHref(q, filters, changes);
  return (
    <section aria-labelledby="entries-title">
      <h1 id="entries-title">{t("dash.entries.title")}</h1>
      <p className="section__lead">{t("dash.entries.lead")}</p>

      <div className="period-nav">
        <h2>{period.label}</h2>
        <span className="period-nav__range">
          {t("dash.period.range", { from: period.start, to: period.end })}
        </span>
        <Link to={`/aid?${q}`}>{t("dash.entries.back")}</Link>
      </div>

      <FilterChips filters={filters} names={names} link={link} />
      {filters.cooperative && !filters.seller ? (
        <p>
          <Link
            to={link({ seller: filters.cooperative, cooperative: null, page: null })}
            data-testid="seller-view"
          >
            {t("dash.entries.sellerView")}
          </Link>
        </p>
      ) : null}

      <p data-testid="entries-summary" data-count={entries.count} data-fen={entries.amountFen}>
        {t("dash.entries.summary", {
          entries: count(entries.count),
          amount: yuan(entries.amountFen),
          wan: t("dash.wan", { amount: formatWan(entries.amountFen, i18n.language) }),
        })}
      </p>

      {entries.rows.length ? (
        <EntriesTable
          rows={entries.rows}
          sellerHref={(id) =>
            link({ seller: String(id), cooperative: null, product: null, page: null })
          }
        />
      ) : (
        <p className="empty">{t("dash.entries.empty")}</p>
      )}
      <Pager page={entries.page} pages={entries.pages} link={link} />
    </section>
  );
}

type EntriesLink = (changes: Record<string, string | null>) => string;

/** The filters in force, each with a link that drops it. */
function FilterChips({
  filters,
  names,
  link,
}: {
  filters: Record<string, string>;
  names: FilterNames;
  link: EntriesLink;
}) {
  const { t, label, loose } = useAidLabels();
  const active = [...FILTER_KEYS, "seller", "channel", "counter"].filter(
    (k) => filters[k] !== undefined,
  );
  if (!active.length) return null;
  const filterText = (key: string, value: string): string => {
    if (key === "eligible")
      return value === "1" ? t("dash.entries.eligible") : t("dash.entries.notEligible");
    if (key === "county") return names.county ?? value;
    if (key === "cooperative") return names.cooperative ?? value;
    if (key === "seller") return names.seller ?? value;
    if (key === "product") return names.product ?? value;
    if (key === "counter") return names.counter ?? value;
    if (key === "month") return value;
    return label(key as DimensionName, value);
  };
  return (
    <>
      <h2 className="visually-hidden">{t("dash.entries.filters")}</h2>
      <ul className="filter-chips" aria-label={t("dash.entries.filters")}>
        {active.map((key) => {
          const text = `${loose(`dash.entries.filterNames.${key}`)}: ${filterText(key, filters[key]!)}`;
          return (
            <li key={key}>
              {text}
              <Link
                // a counter's sales without the counter are still counter sales
                to={link({
                  [key]: null,
                  ...(key === "channel" ? { counter: null } : {}),
                  page: null,
                })}
                aria-label={t("dash.entries.remove", { name: text })}
              >
                ×
              </Link>
            </li>
          );
        })}
      </ul>
    </>
  );
}

function Pager({ page, pages, link }: { page: number; pages: number; link: EntriesLink }) {
  const { t } = useAidLabels();
  if (pages <= 1) return null;
  return (
    <nav className="pager" aria-label={t("dash.entries.page", { page, pages })}>
      {page > 1 ? (
        <Link to={link({ page: String(page - 1) })} rel="prev">
          ‹ {t("dash.entries.previous")}
        </Link>
      ) : null}
      <span>{t("dash.entries.page", { page, pages })}</span>
      {page < pages ? (
        <Link to={link({ page: String(page + 1) })} rel="next">
          {t("dash.entries.next")} ›
        </Link>
      ) : null}
    </nav>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
