import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { InstitutionType } from "#db/schema";
import { Money } from "~/components/money";

export interface InstitutionSummary {
  name: string;
  type: InstitutionType;
  totalFen: number;
  creditCodeMissing: boolean;
}

/**
 * Who else the person buys for: their institution's own total (all its purchasers), or the
 * way to register one. What the person bought for it counts there, not above.
 */
export function InstitutionPanel({ institution }: { institution: InstitutionSummary | null }) {
  const { t } = useTranslation();
  return (
    <section
      className="contrib-panel"
      aria-labelledby="institution-title"
      data-testid="institution-panel"
    >
      <h2 id="institution-title">{t("contrib.institution.title")}</h2>
      {institution ? (
        <>
          <p>
            {t("contrib.institution.member", {
              name: institution.name,
              type: t(`buyerType.${institution.type}`),
            })}
          </p>
          <div className="contrib__total">
            <p className="contrib__total-label">{t("contrib.institution.total")}</p>
            <p className="contrib__total-amount" data-testid="institution-aid-total">
              <Money fen={institution.totalFen} />
            </p>
          </div>
          {institution.creditCodeMissing ? (
            <p className="alert">{t("contrib.institution.codeMissing")}</p>
          ) : null}
          <p>
            <Link to="/account/institution">{t("contrib.institution.manage")}</Link>
          </p>
        </>
      ) : (
        <>
          <p className="muted">{t("contrib.institution.none")}</p>
          <p>
            <Link to="/account/institution">{t("contrib.institution.create")}</Link>
          </p>
        </>
      )}
    </section>
  );
}
