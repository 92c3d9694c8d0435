import { useTranslation } from "react-i18next";
import type { IntegrityReport, IntegrityRule } from "~/domain/aid/integrity.server";

/** How many flags each rule raised, each a link to its section below. */
export function RuleCounts({
  rules,
  flags,
}: {
  rules: readonly IntegrityRule[];
  flags: IntegrityReport;
}) {
  const { t } = useTranslation();
  return (
    <ul className="stats" aria-label={t("aidExtra.integrity.title")}>
      {rules.map((rule) => (
        <li key={rule} className={flags[rule].total ? "stat stat--attention" : "stat"}>
          <a className="stat__label" href={`#rule-${rule}`}>
            {t(`aidExtra.integrity.rules.${rule}.title`)}
          </a>
          <span className="stat__value" data-testid={`count-${rule}`}>
            {flags[rule].total}
          </span>
        </li>
      ))}
    </ul>
  );
}
