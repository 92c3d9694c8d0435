import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { myAid } from "~/domain/aid/my-aid.server";
import { Money } from "~/components/money";
import { shanghaiDate } from "~/utils/time";

type Entry = Awaited<ReturnType<typeof myAid>>["recent"][number];

/** The person's latest ledger entries, refunds marked. */
export function RecentEntries({ entries }: { entries: Entry[] }) {
  const { t } = useTranslation();
  return (
    <section className="section" aria-labelledby="recent-title">
      <h2 id="recent-title">{t("contrib.recent.title")}</h2>
      <table className="data-table" data-testid="aid-recent">
        <thead>
          <tr>
            <th scope="col">{t("contrib.recent.date")}</th>
            <th scope="col">{t("contrib.recent.product")}</th>
            <th scope="col">{t("contrib.recent.order")}</th>
            <th scope="col" className="num">
              {t("contrib.recent.amount")}
            </th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <tr key={entry.id} className={entry.type === "refund" ? "refund" : undefined}>
              <td className="nowrap">{shanghaiDate(new Date(entry.occurredAt))}</td>
              <td>
                {entry.productName}
                {entry.type === "refund" ? (
                  <span className="tag tag--warn">{t("contrib.recent.refund")}</span>
                ) : null}
                <br />
                <span className="muted">{entry.countyName}</span>
              </td>
              <td>
                <Link to={`/orders/${entry.orderNumber}`} className="nowrap">
                  {entry.orderNumber}
                </Link>
              </td>
              <td className="num">
                <Money fen={entry.amountFen} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
