import type { ReviewDetail } from "~/domain/aid/reviews.server";
import { ColumnHeads } from "~/components/column-heads";
import { TableScroll } from "~/components/table-scroll";
import { useLooseTranslation } from "~/i18n/use-message";
import { useTranslation } from "react-i18next";

/** Whether a valid aid certification makes the product eligible, and every certificate. */
export function CertsPanel({ review: r }: { review: ReviewDetail }) {
  const { t } = useTranslation();
  return (
    <section className="office-panel" aria-labelledby="certs-title">
      <h2 id="certs-title">{t("review.detail.certsTitle")}</h2>
      <p
        className={r.aidCertification ? "verdict verdict--ok" : "verdict verdict--no"}
        data-testid="cert-verdict"
      >
        {r.aidCertification
          ? t("review.detail.eligible", {
              number: r.aidCertification.number,
              date: r.aidCertification.expiresOn,
            })
          : t("review.detail.notEligible")}
      </p>
      {r.certifications.length ? (
        <CertsTable certifications={r.certifications} />
      ) : (
        <p>{t("review.detail.noCerts")}</p>
      )}
    </section>
  );
}

function CertsTable({ certifications }: { certifications: ReviewDetail["certifications"] }) {
  const { t } = useTranslation();
  const { t: loose } = useLooseTranslation();
  return (
    <TableScroll labelledBy="certs-title">
      <table className="certs">
        <ColumnHeads
          columns={[
            t("review.detail.certKind"),
            t("review.detail.certNumber"),
            t("review.detail.certIssuer"),
            t("review.detail.certExpires"),
          ]}
        />
        <tbody>
          {certifications.map((c) => (
            <tr key={`${c.kind}-${c.number}`} className={c.expired ? "certs__expired" : undefined}>
              <td>{loose(`cert.${c.kind}`, { defaultValue: c.kind })}</td>
              <td>{c.number}</td>
              <td>{c.issuedBy}</td>
              <td>
                {c.expiresOn}
                {c.expired ? (
                  <strong className="tag tag--warn">{t("review.detail.certExpired")}</strong>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
