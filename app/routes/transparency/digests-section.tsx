// Each closed month's digest: entries, aid and the hash of its last entry, in full (a hash
// is only worth comparing whole), wrapping on a phone.
import { useTranslation } from "react-i18next";
import { Money } from "~/components/money";
import type { TransparencyData } from "./route";

export function DigestsSection({ report }: { report: TransparencyData }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="digests-title" className="section">
      <h2 id="digests-title">{t("transparency.digests.title")}</h2>
      <p className="muted">{t("transparency.digests.lead")}</p>
      {report.digests.length ? (
        <ol className="transparency__digests" data-testid="transparency-digests">
          {[...report.digests].reverse().map((d) => (
            <li key={d.month} data-month={d.month}>
              <h3>{d.month}</h3>
              <dl>
                <div>
                  <dt>{t("transparency.digests.entries")}</dt>
                  <dd>{d.entries}</dd>
                </div>
                <div>
                  <dt>{t("transparency.digests.amount")}</dt>
                  <dd className="aid-figure">
                    <Money fen={d.aidFen} />
                  </dd>
                </div>
                <div>
                  <dt>{t("transparency.digests.closedAt")}</dt>
                  <dd>{d.closedAt.slice(0, 10)}</dd>
                </div>
                <div className="transparency__hash">
                  <dt>{t("transparency.digests.lastHash")}</dt>
                  <dd>
                    <code>{d.lastHash ?? t("transparency.digests.noEntries")}</code>
                  </dd>
                </div>
              </dl>
            </li>
          ))}
        </ol>
      ) : (
        <p>{t("transparency.digests.none")}</p>
      )}
    </section>
  );
}
