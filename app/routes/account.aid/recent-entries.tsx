import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { myAid } from "~/domain/aid/my-aid.server";
import { Money } from "~/components/money";
import { shanghaiDate } from "~/utils/time";
import { TableSection } from "./table-section";

type Entry = Awaited<ReturnType<typeof myAid>>["recent"][number];

/** The person's latest ledger entries, refunds marked. */
export function RecentEntries({ entries }: { entries: Entry[] }) {
  const { t } = useTranslation();
  return (
    <TableSection
      titleId="recent-title"
      title={t("contrib.recent.title")}
      testId="aid-recent"
      headings={[t("contrib.recent.date"), t("contrib.recent.product"), t("contrib.recent.order")]}
      amountHeading={t("contrib.recent.amount")}
    >
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
    </TableSection>
  );
}
