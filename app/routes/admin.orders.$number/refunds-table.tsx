import { useTranslation } from "react-i18next";
import { ColumnHeads } from "~/components/column-heads";
import { Money } from "~/components/money";
import { TableScroll } from "~/components/table-scroll";
import { shanghaiDateTime } from "~/utils/time";
import type { AdminOrderDetail as AdminOrder } from "~/domain/admin/order-detail.server";

type Refund = AdminOrder["refunds"][number];

/** Every refund of the order, newest first: what it returned, where it stands, who and why. */
export function RefundsTable({ refunds }: { refunds: AdminOrder["refunds"] }) {
  const { t } = useTranslation();
  return (
    <section className="office-panel" aria-labelledby="refunds-title">
      <h2 id="refunds-title">{t("refund.refunds.title")}</h2>
      {refunds.length ? (
        <TableScroll labelledBy="refunds-title">
          <table className="certs" data-testid="refunds">
            <ColumnHeads
              columns={[
                { label: t("refund.refunds.requestedAt") },
                { label: t("refund.refunds.amount"), numeric: true },
                { label: t("refund.refunds.items") },
                { label: t("refund.refunds.status") },
                { label: t("refund.refunds.by") },
                { label: t("refund.refunds.reason") },
              ]}
            />
            <tbody>
              {refunds.map((refund) => (
                <tr key={refund.id} data-refund-status={refund.status}>
                  <td className="nowrap">{shanghaiDateTime(refund.requestedAt)}</td>
                  <td className="num">
                    <Money fen={refund.amountFen} />
                  </td>
                  <td>
                    <RefundItems refund={refund} />
                  </td>
                  <td>
                    <RefundStatus refund={refund} />
                  </td>
                  <td>{refund.requestedByName}</td>
                  <td>{refund.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : (
        <p className="muted">{t("refund.refunds.empty")}</p>
      )}
    </section>
  );
}

function RefundItems({ refund }: { refund: Refund }) {
  const { t } = useTranslation();
  return (
    <>
      <ul className="coop-tags">
        {refund.lines.map((line) => (
          <li key={line.orderLineId}>
            {t("refund.refunds.line", { name: line.name, count: line.quantity })}
          </li>
        ))}
        {refund.shippingFen > 0 ? (
          <li>
            {t("refund.detail.shipping")} <Money fen={refund.shippingFen} />
          </li>
        ) : null}
      </ul>
      {refund.restock ? <span className="muted">{t("refund.refunds.restocked")}</span> : null}
    </>
  );
}

function RefundStatus({ refund }: { refund: Refund }) {
  const { t } = useTranslation();
  return (
    <>
      <span className={`status status--refund-${refund.status}`}>
        {t(`refund.status.${refund.status}`)}
      </span>
      {refund.confirmedAt ? (
        <div className="muted">
          {t("refund.refunds.confirmedAt", { at: shanghaiDateTime(refund.confirmedAt) })}
        </div>
      ) : null}
      {refund.status === "failed" ? (
        <div className="field-error">
          {t("refund.refunds.failureReason", {
            reason: refund.failureReason ?? t("refund.refunds.noFailureReason"),
          })}
        </div>
      ) : null}
    </>
  );
}
