import { Link } from "@remix-run/react";
import type { TargetProgress } from "~/domain/aid/dashboard/targets.server";
import { targetBar } from "~/domain/aid/figures";
import { entriesHref, useAidLabels } from "~/components/aid-figures";

/** The year's target per county, as a bar and as figures linked to the year's entries. */
export function TargetsPanel({
  year,
  yearQuery,
  targets,
}: {
  year: number;
  yearQuery: string;
  targets: TargetProgress[];
}) {
  const { t } = useAidLabels();
  return (
    <section className="office-panel" aria-labelledby="targets-title">
      <h2 id="targets-title">{t("dash.targets.title", { year })}</h2>
      <p className="muted">{t("dash.targets.lead")}</p>
      <ul className="targets" data-testid="targets">
        {targets.map((target) => (
          <TargetLine key={target.county} target={target} yearQuery={yearQuery} />
        ))}
      </ul>
      <p className="panel-foot">
        <Link to={`/aid/targets?year=${year}`}>{t("dash.targets.edit")}</Link>
        {" · "}
        <Link to="/aid/periods">{t("dash.periods.link")}</Link>
      </p>
    </section>
  );
}

function TargetLine({ target, yearQuery }: { target: TargetProgress; yearQuery: string }) {
  const { t, yuan } = useAidLabels();
  const bar = targetBar(target.percent);
  return (
    <li data-county={target.county}>
      <div className="target__head">
        <span className="target__name">
          {target.name}
          {target.pairedDistrict ? ` · ${target.pairedDistrict}` : ""}
        </span>
        <span>
          {target.targetFen
            ? t("dash.targets.progress", { percent: (target.percent ?? 0).toFixed(1) })
            : t("dash.targets.none")}
        </span>
      </div>
      {target.targetFen ? (
        <div className="target__bar" aria-hidden="true">
          <div
            className={bar.over ? "target__fill target__fill--over" : "target__fill"}
            style={{ width: `${bar.fill}%` }}
          />
        </div>
      ) : null}
      <p className="target__figures">
        <Link to={entriesHref(yearQuery, { county: target.county, eligible: 1 })}>
          {yuan(target.aidFen)}
        </Link>
        {target.targetFen ? ` / ${yuan(target.targetFen)}` : ""}
      </p>
    </li>
  );
}
