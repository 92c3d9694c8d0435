// Where a certificate's amount went: by county, and each gift box named with its split
// across the counties (ADR 044). Shown on the printable certificate and the public check.
import { useTranslation } from "react-i18next";
import type { CertificateBreakdown } from "~/domain/aid/certificates.server";
import { Money } from "~/components/money";

export function CertificateBreakdownTables({ breakdown }: { breakdown: CertificateBreakdown }) {
  const { t } = useTranslation();
  if (!breakdown.counties.length) return null;
  return (
    <section className="certificate__breakdown" aria-labelledby="breakdown-title">
      <h2 id="breakdown-title">{t("contrib.breakdown.title")}</h2>
      <table className="data-table" data-testid="certificate-counties">
        <thead>
          <tr>
            <th scope="col">{t("contrib.breakdown.county")}</th>
            <th scope="col" className="num">
              {t("contrib.breakdown.amount")}
            </th>
          </tr>
        </thead>
        <tbody>
          {breakdown.counties.map((c) => (
            <tr key={c.code}>
              <td>
                {c.name}
                {c.pairedDistrict ? (
                  <span className="muted">
                    {" "}
                    · {t("contrib.breakdown.paired", { district: c.pairedDistrict })}
                  </span>
                ) : null}
              </td>
              <td className="num">
                <Money fen={c.fen} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {breakdown.boxes.length ? (
        <>
          <h3>{t("contrib.breakdown.boxesTitle")}</h3>
          <p className="certificate__note">{t("contrib.breakdown.boxesLead")}</p>
          <ul className="certificate__boxes" data-testid="certificate-boxes">
            {breakdown.boxes.map((box) => (
              <li key={box.id}>
                <p className="certificate__box">
                  <span>{box.name}</span>
                  <Money fen={box.fen} />
                </p>
                <ul className="box-split">
                  {box.counties.map((c) => (
                    <li key={c.code}>
                      <span>{c.name}</span>
                      <Money fen={c.fen} />
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
