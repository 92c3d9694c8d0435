import { useLooseTranslation } from "~/i18n/use-message";
import type { ReviewDetail } from "~/domain/aid/reviews.server";

/** What the cooperative changed, when the review is about a change. */
export function ChangesPanel({
  changedFields,
  otherChanges,
}: Pick<ReviewDetail, "changedFields" | "otherChanges">) {
  const { t } = useLooseTranslation();
  if (!changedFields.length && !otherChanges.length) return null;
  return (
    <section className="office-panel" aria-labelledby="changes-title">
      <h2 id="changes-title">{t("review.detail.changesTitle")}</h2>
      <dl className="facts facts--wide">
        {changedFields.length ? (
          <div>
            <dt>{t("review.detail.changedFields")}</dt>
            <dd>
              <ul className="coop-tags">
                {changedFields.map((f) => (
                  <li key={f}>{t(`review.changedField.${f}`, { defaultValue: f })}</li>
                ))}
              </ul>
            </dd>
          </div>
        ) : null}
        {otherChanges.map((c) => (
          <div key={c.field}>
            <dt>{c.field}</dt>
            <dd>{c.value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
