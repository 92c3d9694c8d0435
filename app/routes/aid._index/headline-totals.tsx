import { Link } from "@remix-run/react";
import type { Totals } from "~/domain/aid/dashboard/totals.server";
import { entriesHref, useAidLabels, Wan } from "~/components/aid-figures";

/** The period's headline figures, each a link to what it counts. */
export function HeadlineTotals({ totals, periodQuery }: { totals: Totals; periodQuery: string }) {
  const { t, count } = useAidLabels();
  const eligible = entriesHref(periodQuery, { eligible: 1 });
  return (
    <section aria-labelledby="totals-title">
      <h2 id="totals-title" className="visually-hidden">
        {t("dash.totals.title")}
      </h2>
      <ul className="stats stats--headline" data-testid="totals">
        <AmountStat
          className="stat stat--aid"
          label={t("dash.totals.aid")}
          testId="aid-total"
          fen={totals.aidFen}
          to={eligible}
          more={t("dash.totals.aidHint")}
        />
        <Figure
          label={t("dash.totals.orders")}
          value={totals.orders}
          hint={t("dash.totals.ordersHint")}
          to={eligible}
        />
        <Figure
          label={t("dash.totals.buyers")}
          value={totals.buyers}
          hint={t("dash.totals.buyersHint")}
          to={eligible}
        />
        <Figure
          label={t("dash.totals.cooperatives")}
          value={totals.cooperatives}
          hint={t("dash.totals.cooperativesHint")}
          to="#by-cooperative"
        />
        <Figure
          label={t("dash.totals.farmers")}
          value={totals.farmersReached}
          hint={t("dash.totals.farmersHint")}
          to="#by-cooperative"
        />
        <AmountStat
          className="stat stat--apart"
          label={t("dash.totals.other")}
          testId="other-total"
          fen={totals.otherFen}
          to={entriesHref(periodQuery, { eligible: 0 })}
          more={
            <>
              {t("dash.totals.otherOrders", { orders: count(totals.otherOrders) })} ·{" "}
              {t("dash.totals.otherHint")}
            </>
          }
        />
      </ul>
    </section>
  );
}

/** An amount in 元 and 万元, linked to its entries. */
function AmountStat(props: {
  className: string;
  label: string;
  testId: string;
  fen: number;
  to: string;
  more: React.ReactNode;
}) {
  const { yuan } = useAidLabels();
  return (
    <li className={props.className}>
      <span className="stat__label">{props.label}</span>
      <Link className="stat__value" to={props.to} data-testid={props.testId} data-fen={props.fen}>
        {yuan(props.fen)}
      </Link>
      <span className="stat__wan">
        <Wan fen={props.fen} />
      </span>
      <p className="stat__more">{props.more}</p>
    </li>
  );
}

/** A count; `to` is another page, or (starting with #) a table on this one. */
function Figure({
  label,
  value,
  hint,
  to,
}: {
  label: string;
  value: number;
  hint: string;
  to: string;
}) {
  const { count } = useAidLabels();
  return (
    <li className="stat">
      <span className="stat__label">{label}</span>
      {to.startsWith("#") ? (
        <a className="stat__value" href={to}>
          {count(value)}
        </a>
      ) : (
        <Link className="stat__value" to={to}>
          {count(value)}
        </Link>
      )}
      <p className="stat__more">{hint}</p>
    </li>
  );
}
