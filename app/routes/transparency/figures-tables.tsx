// The year by county and paired district, and month by month in 万元 (the total first, so
// a phone shows it before the county columns scroll).
import { useTranslation } from "react-i18next";
import { Money } from "~/components/money";
import { TableScroll } from "~/components/table-scroll";
import { formatWan } from "~/utils/money";
import type { TransparencyData } from "./route";

export function CountyTables({ report }: { report: TransparencyData }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === "en";
  return (
    <div className="contrib-grid">
      <section aria-labelledby="by-county-title">
        <h2 id="by-county-title">{t("transparency.byCounty.title", { year: report.year })}</h2>
        <table className="data-table" data-testid="transparency-by-county">
          <thead>
            <tr>
              <th scope="col">{t("transparency.byCounty.county")}</th>
              <th scope="col">{t("transparency.byCounty.district")}</th>
              <th scope="col" className="num">
                {t("transparency.byCounty.amount")}
              </th>
            </tr>
          </thead>
          <tbody>
            {report.counties.map((c) => (
              <tr key={c.code} data-county={c.code}>
                <th scope="row">{en ? c.nameEn : c.nameZh}</th>
                <td>
                  {(en ? c.pairedDistrictEn : c.pairedDistrictZh) ??
                    t("transparency.byCounty.unpaired")}
                </td>
                <td className="num aid-figure">
                  <Money fen={report.yearByCounty.find((y) => y.code === c.code)?.aidFen ?? 0} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section aria-labelledby="by-district-title">
        <h2 id="by-district-title">{t("transparency.byDistrict.title", { year: report.year })}</h2>
        <table className="data-table" data-testid="transparency-by-district">
          <thead>
            <tr>
              <th scope="col">{t("transparency.byDistrict.district")}</th>
              <th scope="col" className="num">
                {t("transparency.byDistrict.amount")}
              </th>
            </tr>
          </thead>
          <tbody>
            {report.yearByDistrict.map((d) => (
              <tr key={d.districtZh ?? ""}>
                <th scope="row">
                  {(en ? d.districtEn : d.districtZh) ?? t("transparency.byDistrict.unpaired")}
                </th>
                <td className="num aid-figure">
                  <Money fen={d.aidFen} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}

export function MonthsTable({ report }: { report: TransparencyData }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === "en";
  return (
    <section aria-labelledby="months-title" className="section">
      <h2 id="months-title">{t("transparency.months.title")}</h2>
      <p className="muted">{t("transparency.months.lead")}</p>
      {report.months.length ? (
        <TableScroll labelledBy="months-title">
          <table className="data-table transparency__months" data-testid="transparency-months">
            <thead>
              <tr>
                <th scope="col">{t("transparency.months.month")}</th>
                <th scope="col" className="num">
                  {t("transparency.months.total")}
                </th>
                {report.counties.map((c) => (
                  <th scope="col" className="num" key={c.code}>
                    {en ? c.nameEn : c.nameZh}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {report.months.map((m) => (
                <tr key={m.month} data-month={m.month}>
                  <th scope="row">
                    {m.month}
                    <span className={`tag ${m.closed ? "tag--closed" : ""}`}>
                      {m.closed ? t("transparency.months.closed") : t("transparency.months.open")}
                    </span>
                  </th>
                  <td className="num aid-figure">{formatWan(m.totalFen, i18n.language)}</td>
                  {report.counties.map((c) => (
                    <td className="num" key={c.code}>
                      {formatWan(m.aidFen[c.code] ?? 0, i18n.language)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : (
        <p>{t("transparency.months.empty")}</p>
      )}
    </section>
  );
}
