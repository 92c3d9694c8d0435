import type { BreakdownRow } from "~/domain/aid/dashboard/breakdowns.server";
import type { Totals } from "~/domain/aid/dashboard/totals.server";
import { channelFilters, DIMENSIONS, type Dimension } from "~/domain/aid/dimensions";
import { BreakdownTable, entriesHref, useAidLabels } from "~/components/aid-figures";

/** The breakdown tables, in the order the aid offices report them (month is the trend's). */
const TABLES: Dimension[] = DIMENSIONS.filter((d) => d !== "month");
/** Tables with long names get a whole row; the short ones pair up on a wide screen. */
const WIDE = new Set<Dimension>(["county", "cooperative", "product"]);

/** The drill-down filter of a breakdown row: "counter:3" is channel=counter&counter=3. */
function filterOf(dimension: Dimension, value: string): Record<string, string | null> {
  return dimension === "channel" ? channelFilters(value) : { [dimension]: value };
}

export function BreakdownPanels({
  breakdowns,
  totals,
  periodQuery,
}: {
  breakdowns: Record<Dimension, BreakdownRow[]>;
  totals: Totals;
  periodQuery: string;
}) {
  const { t, loose } = useAidLabels();
  return (
    <section aria-labelledby="breakdowns-title">
      <h2 id="breakdowns-title">{t("dash.breakdowns.title")}</h2>
      <p className="muted">{t("dash.breakdowns.lead")}</p>
      <div className="breakdowns">
        {TABLES.map((dimension) => (
          <section
            key={dimension}
            className={WIDE.has(dimension) ? "office-panel office-panel--wide" : "office-panel"}
            aria-labelledby={`by-${dimension}-title`}
          >
            <h3 id={`by-${dimension}-title`}>{loose(`dash.breakdowns.${dimension}`)}</h3>
            <BreakdownTable
              id={`by-${dimension}`}
              dimension={dimension}
              rows={breakdowns[dimension]}
              totalAidFen={totals.aidFen}
              totalOtherFen={totals.otherFen}
              href={(value, eligible) =>
                entriesHref(periodQuery, filterOf(dimension, value), { eligible })
              }
              totalHref={(eligible) => entriesHref(periodQuery, { eligible })}
            />
            <p className="panel-foot">
              <a href={`/aid/export.csv?${periodQuery}&breakdown=${dimension}`} download>
                {t("dash.breakdowns.exportCsv")}
              </a>
            </p>
          </section>
        ))}
      </div>
    </section>
  );
}
