import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { Certificate } from "~/domain/aid/certificates.server";
import { Money } from "~/components/money";
import { useMessage } from "~/i18n/use-message";
import { shanghaiDateTime } from "~/utils/time";
import type { FormAnswer } from "./form-answer";

function CertificateForm({
  years,
  reply,
  holder,
}: {
  years: number[];
  reply: FormAnswer;
  holder: "self" | "institution";
}) {
  const { t } = useTranslation();
  const message = useMessage();
  // the reply belongs to the form that was sent
  const own = (reply?.values.holder ?? "self") === holder ? reply : null;
  const error = own?.errors.year;
  const id = holder === "self" ? "field-year" : "field-institution-year";
  return (
    <Form method="post" noValidate className="inline-fields">
      <input type="hidden" name="intent" value="certificate" />
      <input type="hidden" name="holder" value={holder} />
      <div className={error ? "field field--invalid" : "field"}>
        <label htmlFor={id}>{t("contrib.certificate.year")}</label>
        <select
          id={id}
          name="year"
          defaultValue={own?.values.year ?? String(years[0])}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
        >
          {years.map((y) => (
            <option key={y} value={y}>
              {t("contrib.years.yearLabel", { year: y })}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="button">
        {holder === "self"
          ? t("contrib.certificate.issue")
          : t("contrib.certificate.issueInstitution")}
      </button>
      {error ? (
        <p className="field-error" id={`${id}-error`} role="alert">
          {message(error)}
        </p>
      ) : null}
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
            <th scope="col">{t("contrib.certificate.holder")}</th>
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
              <td>{c.displayName}</td>
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
  institution,
  certificates,
  reply,
}: {
  years: number[];
  institution: { name: string; years: number[] } | null;
  certificates: Certificate[];
  reply: FormAnswer;
}) {
  const { t } = useTranslation();
  return (
    <section className="contrib-panel" aria-labelledby="certificate-title">
      <h2 id="certificate-title">{t("contrib.certificate.title")}</h2>
      <p className="muted">{t("contrib.certificate.lead")}</p>
      {years.length ? (
        <CertificateForm years={years} reply={reply} holder="self" />
      ) : (
        <p>{t("contrib.certificate.none")}</p>
      )}
      {institution ? (
        <>
          <h3>{t("contrib.certificate.institutionTitle")}</h3>
          <p className="muted">
            {t("contrib.certificate.institutionLead", { name: institution.name })}
          </p>
          {institution.years.length ? (
            <CertificateForm years={institution.years} reply={reply} holder="institution" />
          ) : (
            <p>{t("contrib.certificate.none")}</p>
          )}
        </>
      ) : null}
      {certificates.length ? <IssuedCertificates certificates={certificates} /> : null}
    </section>
  );
}
