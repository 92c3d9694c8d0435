import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { myAid } from "~/domain/aid/my-aid.server";
import { Money } from "~/components/money";
import { TableSection } from "./table-section";

type MyAid = Awaited<ReturnType<typeof myAid>>;

function YearsTable({ years }: { years: MyAid["years"] }) {
  const { t } = useTranslation();
  return (
    <TableSection
      titleId="years-title"
      title={t("contrib.years.title")}
      testId="aid-by-year"
      headings={[t("contrib.years.year")]}
      amountHeading={t("contrib.years.amount")}
    >
      {years.map((y) => (
        <tr key={y.year}>
          <th scope="row">{t("contrib.years.yearLabel", { year: y.year })}</th>
          <td className="num aid-figure">
            <Money fen={y.fen} />
          </td>
        </tr>
      ))}
    </TableSection>
  );
}

function CountiesTable({ counties }: { counties: MyAid["counties"] }) {
  const { t } = useTranslation();
  return (
    <TableSection
      titleId="counties-title"
      title={t("contrib.counties.title")}
      testId="aid-by-county"
      headings={[t("contrib.counties.county"), t("contrib.counties.paired")]}
      amountHeading={t("contrib.counties.amount")}
    >
      {counties.map((c) => (
        <tr key={c.code} data-county={c.code}>
          <th scope="row">{c.name}</th>
          <td>{c.pairedDistrict ?? t("contrib.counties.unpaired")}</td>
          <td className="num aid-figure">
            <Money fen={c.fen} />
          </td>
        </tr>
      ))}
    </TableSection>
  );
}

function YearCountiesTable({ yearCounties }: { yearCounties: MyAid["yearCounties"] }) {
  const { t } = useTranslation();
  return (
    <TableSection
      titleId="year-counties-title"
      title={t("contrib.yearCounties.title")}
      testId="aid-by-year-county"
      headings={[
        t("contrib.years.year"),
        t("contrib.counties.county"),
        t("contrib.counties.paired"),
      ]}
      amountHeading={t("contrib.counties.amount")}
    >
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
    </TableSection>
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
