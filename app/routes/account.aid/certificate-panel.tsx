import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { Certificate } from "~/domain/aid/certificates.server";
import { Money } from "~/components/money";
import { useMessage } from "~/i18n/use-message";
import { shanghaiDateTime } from "~/utils/time";
import type { FormAnswer } from "./aid-profile-form";

function CertificateForm({ years, reply }: { years: number[]; reply: FormAnswer }) {
  const { t } = useTranslation();
  const error = reply?.errors.year;
  return (
    <Form method="post" noValidate className="inline-fields">
      <input type="hidden" name="intent" value="certificate" />
      <div className={error ? "field field--invalid" : "field"}>
        <label htmlFor="field-year">{t("contrib.certificate.year")}</label>
        <select
          id="field-year"
          name="year"
          defaultValue={reply?.values.year ?? String(years[0])}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "field-year-error" : undefined}
        >
          {years.map((y) => (
            <option key={y} value={y}>
              {t("contrib.years.yearLabel", { year: y })}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="button">
        {t("contrib.certificate.issue")}
      </button>
    </Form>
  );
}

function IssuedCertificates({ certificates }: { certificates: Certificate[] }) {
  const { t } = useTranslation();
  return (
    <>
      <h3>{t("contrib.certificate.issuedTitle")}</h3>
      <table className="data-table" data-testid="certificates">
        <thead>
          <tr>
            <th scope="col">{t("contrib.certificate.code")}</th>
            <th scope="col">{t("contrib.years.year")}</th>
            <th scope="col" className="num">
              {t("contrib.certificate.amount")}
            </th>
            <th scope="col">{t("contrib.certificate.issuedAt")}</th>
          </tr>
        </thead>
        <tbody>
          {certificates.map((c) => (
            <tr key={c.code}>
              <td>
                <Link
                  to={`/account/aid/certificate/${c.code}`}
                  className="certificate__code nowrap"
                  aria-label={`${t("contrib.certificate.open")} ${c.code}`}
                >
                  {c.code}
                </Link>
              </td>
              <td>{t("contrib.years.yearLabel", { year: c.year })}</td>
              <td className="num">
                <Money fen={c.amountFen} />
              </td>
              <td className="nowrap">{shanghaiDateTime(c.issuedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

/** Asking for a certificate of a year's aid, and the ones already issued. */
export function CertificatePanel({
  years,
  certificates,
  reply,
}: {
  years: number[];
  certificates: Certificate[];
  reply: FormAnswer;
}) {
  const { t } = useTranslation();
  const message = useMessage();
  const error = reply?.errors.year;
  return (
    <section className="contrib-panel" aria-labelledby="certificate-title">
      <h2 id="certificate-title">{t("contrib.certificate.title")}</h2>
      <p className="muted">{t("contrib.certificate.lead")}</p>
      {years.length ? (
        <CertificateForm years={years} reply={reply} />
      ) : (
        <p>{t("contrib.certificate.none")}</p>
      )}
      {error ? (
        <p className="field-error" id="field-year-error" role="alert">
          {message(error)}
        </p>
      ) : null}
      {certificates.length ? <IssuedCertificates certificates={certificates} /> : null}
    </section>
  );
}
