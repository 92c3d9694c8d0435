// /aid/institutions: every institution's reserved share for a year, spent and left, those
// behind the year's pace marked; sortable by column, downloadable as CSV.
import type {
  HeadersFunction,
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { MAX_TARGET_YEAR, MIN_TARGET_YEAR } from "~/domain/aid/targets-input";
import type { ShareSort } from "~/domain/institutions/institution-fields";
import { shareQuery } from "~/domain/institutions/share-query";
import { reservedShareTable } from "~/domain/institutions/reserved-shares.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Money } from "~/components/money";
import { TableScroll } from "~/components/table-scroll";
import dashCss from "~/styles/dash.css";
import { requireAidOfficer } from "~/utils/guards.server";
import { NOINDEX, pageMeta } from "~/utils/meta";
import { storeContext } from "~/utils/request.server";
import { shanghaiDate } from "~/utils/time";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: dashCss }];

export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

export const meta: MetaFunction = (args) =>
  pageMeta(
    args,
    (t) => t("titles.aidInstitutions"),
    () => [NOINDEX],
  );

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAidOfficer(request);
  const { db } = await storeContext(request);
  const query = shareQuery(new URL(request.url).searchParams);
  const rows = await reservedShareTable(db, { ...query, today: shanghaiDate(new Date()) });
  return json(
    { ...query, rows, behind: rows.filter((r) => r.behind).length },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

type Head = "name" | "type" | "purchasers" | "reserved" | "spent" | "left" | "percent" | "pace";
const COLUMNS: Array<{
  sort: ShareSort | null;
  label: `institutions.office.${Head}`;
  numeric?: boolean;
}> = [
  { sort: "name", label: "institutions.office.name" },
  { sort: null, label: "institutions.office.type" },
  { sort: null, label: "institutions.office.purchasers", numeric: true },
  { sort: "reserved", label: "institutions.office.reserved", numeric: true },
  { sort: "spent", label: "institutions.office.spent", numeric: true },
  { sort: "left", label: "institutions.office.left", numeric: true },
  { sort: "percent", label: "institutions.office.percent", numeric: true },
  { sort: null, label: "institutions.office.pace" },
];

function SortableHeads({
  year,
  sort,
  descending,
}: {
  year: number;
  sort: ShareSort;
  descending: boolean;
}) {
  const { t } = useTranslation();
  return (
    <thead>
      <tr>
        {COLUMNS.map((c) => {
          const active = c.sort === sort;
          const dir = active && !descending ? "desc" : "asc";
          return (
            <th
              key={c.label}
              scope="col"
              className={c.numeric ? "num" : undefined}
              aria-sort={active ? (descending ? "descending" : "ascending") : undefined}
            >
              {c.sort ? (
                <Link to={`?year=${year}&sort=${c.sort}&dir=${dir}`} preventScrollReset>
                  {t(c.label)}
                  {active ? (descending ? " ↓" : " ↑") : ""}
                </Link>
              ) : (
                t(c.label)
              )}
            </th>
          );
        })}
      </tr>
    </thead>
  );
}

export default function AidInstitutions() {
  const { year, sort, descending, rows, behind } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <section aria-labelledby="institutions-title">
      <h1 id="institutions-title">{t("institutions.office.title")}</h1>
      <p className="section__lead">{t("institutions.office.lead")}</p>
      <Form method="get" className="inline-form period-picker">
        <label htmlFor="shares-year">{t("institutions.office.year")}</label>
        <input
          id="shares-year"
          name="year"
          type="number"
          inputMode="numeric"
          min={MIN_TARGET_YEAR}
          max={MAX_TARGET_YEAR}
          defaultValue={year}
        />
        <input type="hidden" name="sort" value={sort} />
        <button type="submit" className="button button--small">
          {t("institutions.office.show")}
        </button>
        <a
          className="button button--small button--ghost"
          href={`/aid/institutions.csv?year=${year}&sort=${sort}&dir=${descending ? "desc" : "asc"}`}
          download
        >
          {t("dash.nav.exportCsv")}
        </a>
      </Form>
      <p role="status" data-testid="behind-count">
        {t("institutions.office.behindCount", { count: behind, total: rows.length })}
      </p>
      <TableScroll labelledBy="institutions-title">
        <table className="dash-table" data-testid="reserved-shares">
          <SortableHeads year={year} sort={sort} descending={descending} />
          <tbody>
            {rows.map((r) => (
              <tr
                key={r.id}
                className={r.behind ? "is-behind" : undefined}
                data-behind={r.behind ? "1" : "0"}
              >
                <th scope="row">{r.name}</th>
                <td>{t(`buyerType.${r.type}`)}</td>
                <td className="num">{r.purchasers}</td>
                <td className="num">
                  {r.reservedFen == null ? "—" : <Money fen={r.reservedFen} />}
                </td>
                <td className="num">
                  <Money fen={r.spentFen} />
                </td>
                <td className="num">{r.leftFen == null ? "—" : <Money fen={r.leftFen} />}</td>
                <td className="num">{r.percent == null ? "—" : `${r.percent}%`}</td>
                <td>
                  {r.reservedFen == null
                    ? t("institutions.office.noShare")
                    : r.behind
                      ? t("institutions.office.behind")
                      : t("institutions.office.onPace")}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
