import { Fragment } from "react";
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { RecentItem } from "~/domain/aid/my-aid.server";
import { Money } from "~/components/money";
import { shanghaiDate } from "~/utils/time";
import { TableSection } from "./table-section";

/**
 * Where a gift box's aid went: each component's county, cooperative and share, in a row of
 * its own under the box, the table's full width (a phone has no room for it in a column).
 */
function BoxSplit({ parts, refund }: { parts: NonNullable<RecentItem["parts"]>; refund: boolean }) {
  const { t } = useTranslation();
  return (
    <tr className={refund ? "refund box-split-row" : "box-split-row"}>
      <td colSpan={4}>
        <span className="muted">{t("contrib.recent.split")}</span>
        <ul className="box-split" data-testid="box-split">
          {parts.map((part, i) => (
            <li key={i}>
              <span>
                {part.countyName} · {part.cooperativeName}
                <br />
                <span className="muted">{part.productName}</span>
              </span>
              <Money fen={part.amountFen} />
            </li>
          ))}
        </ul>
      </td>
    </tr>
  );
}

/** What the person bought lately, refunds marked; a gift box is one item with its split. */
export function RecentEntries({ entries }: { entries: RecentItem[] }) {
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
        <Fragment key={entry.id}>
          <tr
            className={entry.type === "refund" ? "refund" : undefined}
            data-testid={entry.parts ? "aid-recent-box" : undefined}
          >
            <td className="nowrap">{shanghaiDate(new Date(entry.occurredAt))}</td>
            <td>
              {entry.productName}
              {entry.quantity ? <span className="muted"> × {entry.quantity}</span> : null}
              {entry.parts ? <span className="tag">{t("contrib.recent.giftBox")}</span> : null}
              {entry.type === "refund" ? (
                <span className="tag tag--warn">{t("contrib.recent.refund")}</span>
              ) : null}
              {entry.parts ? null : (
                <>
                  <br />
                  <span className="muted">{entry.countyName}</span>
                </>
              )}
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
          {entry.parts ? <BoxSplit parts={entry.parts} refund={entry.type === "refund"} /> : null}
        </Fragment>
      ))}
    </TableSection>
  );
}
