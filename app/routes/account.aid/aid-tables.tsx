import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { myAid } from "~/domain/aid/my-aid.server";
import { Money } from "~/components/money";

type MyAid = Awaited<ReturnType<typeof myAid>>;

function YearsTable({ years }: { years: MyAid["years"] }) {
  const { t } = useTranslation();
  return (
    <section className="section" aria-labelledby="years-title">
      <h2 id="years-title">{t("contrib.years.title")}</h2>
      <table className="data-table" data-testid="aid-by-year">
        <thead>
          <tr>
            <th scope="col">{t("contrib.years.year")}</th>
            <th scope="col" className="num">
              {t("contrib.years.amount")}
            </th>
          </tr>
        </thead>
        <tbody>
          {years.map((y) => (
            <tr key={y.year}>
              <th scope="row">{t("contrib.years.yearLabel", { year: y.year })}</th>
              <td className="num aid-figure">
                <Money fen={y.fen} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function CountiesTable({ counties }: { counties: MyAid["counties"] }) {
  const { t } = useTranslation();
  return (
    <section className="section" aria-labelledby="counties-title">
      <h2 id="counties-title">{t("contrib.counties.title")}</h2>
      <table className="data-table" data-testid="aid-by-county">
        <thead>
          <tr>
            <th scope="col">{t("contrib.counties.county")}</th>
            <th scope="col">{t("contrib.counties.paired")}</th>
            <th scope="col" className="num">
              {t("contrib.counties.amount")}
            </th>
          </tr>
        </thead>
        <tbody>
          {counties.map((c) => (
            <tr key={c.code} data-county={c.code}>
              <th scope="row">{c.name}</th>
              <td>{c.pairedDistrict ?? t("contrib.counties.unpaired")}</td>
              <td className="num aid-figure">
                <Money fen={c.fen} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function YearCountiesTable({ yearCounties }: { yearCounties: MyAid["yearCounties"] }) {
  const { t } = useTranslation();
  return (
    <section className="section" aria-labelledby="year-counties-title">
      <h2 id="year-counties-title">{t("contrib.yearCounties.title")}</h2>
      <table className="data-table" data-testid="aid-by-year-county">
        <thead>
          <tr>
            <th scope="col">{t("contrib.years.year")}</th>
            <th scope="col">{t("contrib.counties.county")}</th>
            <th scope="col">{t("contrib.counties.paired")}</th>
            <th scope="col" className="num">
              {t("contrib.counties.amount")}
            </th>
          </tr>
        </thead>
        <tbody>
          {yearCounties.map((c) => (
            <tr key={`${c.year}-${c.code}`}>
              <td>{t("contrib.years.yearLabel", { year: c.year })}</td>
              <td>{c.name}</td>
              <td>{c.pairedDistrict ?? t("contrib.counties.unpaired")}</td>
              <td className="num aid-figure">
                <Money fen={c.fen} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** The person's aid by year, by county, and by both; or where to start when there is none. */
export function AidTables({ aid }: { aid: Omit<MyAid, "recent" | "totalFen"> }) {
  const { t } = useTranslation();
  if (!aid.years.length) {
    return (
      <p>
        {t("contrib.empty")} <Link to="/products">{t("contrib.browse")}</Link>
      </p>
    );
  }
  return (
    <>
      <div className="contrib-grid">
        <YearsTable years={aid.years} />
        <CountiesTable counties={aid.counties} />
      </div>
      <YearCountiesTable yearCounties={aid.yearCounties} />
    </>
  );
}
