import { Link } from "@remix-run/react";
import type { EntryRow } from "~/domain/aid/dashboard/entries.server";
import { useAidLabels } from "~/components/aid-figures";
import { ColumnHeads } from "~/components/column-heads";
import { TableScroll } from "~/components/table-scroll";
import { shanghaiDateTime } from "~/utils/time";

const ENTRY_COLUMNS = [
  "day",
  "type",
  "order",
  "product",
  "origin",
  "buyer",
  "channel",
  "eligible",
  "quantity",
  "amount",
] as const;

/**
 * The ledger entries of one page: sales, and refunds as the lines that reverse them. An
 * entry of a gift box names the box and its seller under the component it went to.
 */
export function EntriesTable({
  rows,
  sellerHref,
}: {
  rows: EntryRow[];
  /** the drill-down of everything a cooperative sold */
  sellerHref: (cooperativeId: number) => string;
}) {
  const { t, label, yuan } = useAidLabels();
  return (
    <TableScroll labelledBy="entries-title">
      <table className="dash-table" data-testid="entries">
        <ColumnHeads
          columns={ENTRY_COLUMNS.map((key) => {
            const label = t(`dash.entries.columns.${key}`);
            return key === "quantity" || key === "amount" ? { label, numeric: true } : label;
          })}
        />
        <tbody>
          {rows.map((e) => (
            <tr key={e.id} className={e.entryType === "refund" ? "entry--refund" : undefined}>
              <td className="nowrap">{shanghaiDateTime(e.occurredAt)}</td>
              <td>{t(`dash.entries.type.${e.entryType}`)}</td>
              <td className="nowrap">{e.orderNumber}</td>
              <td>
                {e.productName ?? `#${e.productId}`}
                {e.box ? (
                  <span className="dash-table__detail" data-testid="entry-box">
                    {t("dash.entries.box", { box: e.box.name ?? `#${e.box.id}` })} ·{" "}
                    <Link to={sellerHref(e.box.sellerId)}>
                      {t("dash.entries.soldBy", {
                        seller: e.box.sellerName ?? `#${e.box.sellerId}`,
                      })}
                    </Link>
                  </span>
                ) : null}
              </td>
              <td>
                {e.countyName}
                {e.pairedDistrict ? `（${e.pairedDistrict}）` : ""}
                <span className="dash-table__detail">{e.cooperativeName}</span>
              </td>
              <td>
                {label("buyer_type", e.buyerType)}
                <span className="dash-table__detail">
                  {label("bucket", e.bucket)} · {label("funding_source", e.fundingSource)}
                </span>
              </td>
              <td data-testid="entry-channel" data-channel={e.channel}>
                {e.channel === "counter" ? (
                  <>
                    {e.counterName ?? `#${e.counterId}`}
                    <span className="dash-table__detail">{label("channel", "counter")}</span>
                  </>
                ) : (
                  label("channel", "online")
                )}
              </td>
              <td>{e.eligible ? t("dash.entries.yes") : t("dash.entries.no")}</td>
              <td className="num">{e.quantity}</td>
              <td className="num">{yuan(e.amountFen)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
