import type { TrendPoint } from "~/domain/aid/dashboard.server";
import type { BreakdownRow } from "~/domain/aid/dashboard/breakdowns.server";
import type { Totals } from "~/domain/aid/dashboard/totals.server";
import { sumFigures } from "~/domain/aid/figures";
import { BreakdownTable, entriesHref, useAidLabels } from "~/components/aid-figures";
import { TrendChart } from "~/components/trend-chart";
import { formatWan } from "~/utils/money";

/** The year's months as bars (the period's own darker), and the month table under them. */
export function TrendPanel({
  period,
  trend,
  totals,
  months,
}: {
  period: { year: number; months: string[] | null; query: string };
  trend: TrendPoint[];
  totals: Totals;
  months: BreakdownRow[];
}) {
  const { t, i18n, yuan } = useAidLabels();
  const inPeriod = new Set(period.months ?? []);
  const year = period.year;
  return (
    <section className="office-panel" aria-labelledby="trend-title">
      <h2 id="trend-title">{t("dash.trend.title", { year })}</h2>
      <TrendChart
        id="trend"
        title={t("dash.trend.title", { year })}
        description={t("dash.trend.desc", { year, total: yuan(sumFigures(trend).aidFen) })}
        caption={t("dash.trend.caption", { year })}
        headers={{
          label: t("dash.trend.month"),
          value: t("dash.trend.aid"),
          other: t("dash.trend.other"),
        }}
        axisLabel={t("dash.trend.axis")}
        points={trend.map((p) => ({
          key: p.month,
          label: t("dash.trend.monthLabel", { month: Number(p.month.slice(5)) }),
          value: p.aidFen,
          other: p.otherFen,
          highlight: inPeriod.has(p.month),
        }))}
        formatValue={yuan}
        formatAxis={(fen) => formatWan(fen, i18n.language).replace(/\.00$/, "")}
      />
      <p className="muted">{t("dash.trend.inPeriod")}</p>
      <h3>{t("dash.breakdowns.month")}</h3>
      <BreakdownTable
        id="by-month"
        dimension="month"
        rows={months}
        totalAidFen={totals.aidFen}
        totalOtherFen={totals.otherFen}
        href={(value, eligible) => entriesHref(period.query, { month: value, eligible })}
        totalHref={(eligible) => entriesHref(period.query, { eligible })}
      />
    </section>
  );
}
