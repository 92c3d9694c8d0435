import { useTranslation } from "react-i18next";
import { ColumnHeads } from "~/components/column-heads";
import { Money } from "~/components/money";
import { TableScroll } from "~/components/table-scroll";
import { quantityField } from "~/domain/orders/refund-input";
import { useMessage } from "~/i18n/use-message";
import type { AdminOrderDetail as AdminOrder } from "~/domain/admin/order-detail.server";
import type { FormReply } from "~/utils/forms";

type Line = AdminOrder["lines"][number];

/** The order's lines, with a quantity to refund for each when a refund can be started. */
export function OrderLinesTable({
  lines,
  canRefund,
  reply,
}: {
  lines: AdminOrder["lines"];
  canRefund: boolean;
  reply: FormReply | undefined;
}) {
  const { t } = useTranslation();
  return (
    <TableScroll labelledBy="refund-form-title">
      <table className="certs" data-testid="order-lines">
        <ColumnHeads
          columns={[
            { label: t("refund.detail.product") },
            canRefund ? { label: t("refund.detail.refundNow") } : null,
            { label: t("refund.detail.unitPrice"), numeric: true },
            { label: t("refund.detail.quantity"), numeric: true },
            { label: t("refund.detail.lineTotal"), numeric: true },
            { label: t("refund.detail.refundedQty"), numeric: true },
            { label: t("refund.detail.pendingQty"), numeric: true },
          ]}
        />
        <tbody>
          {lines.map((line) => (
            <tr key={line.id}>
              <td>
                {line.name} <span className="muted">{line.unit}</span>
                {line.aidEligible ? null : (
                  <strong className="tag tag--warn">{t("refund.detail.notEligible")}</strong>
                )}
                <div className="muted">{line.cooperativeName}</div>
              </td>
              {canRefund ? (
                <td>
                  {line.refundableQuantity > 0 ? <QuantityField line={line} reply={reply} /> : "—"}
                </td>
              ) : null}
              <td className="num">
                <Money fen={line.unitPriceFen} />
              </td>
              <td className="num">{line.quantity}</td>
              <td className="num">
                <Money fen={line.lineTotalFen} />
              </td>
              <td className="num">{line.refundedQuantity || "—"}</td>
              <td className="num">{line.pendingQuantity || "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

/** How many units of one line to refund, at most what is left of it. */
function QuantityField({ line, reply }: { line: Line; reply: FormReply | undefined }) {
  const { t } = useTranslation();
  const message = useMessage();
  const field = quantityField(line.id);
  const error = reply?.errors[field];
  const inputId = `field-${field}`;
  return (
    <div className={error ? "qty-field field--invalid" : "qty-field"}>
      <label htmlFor={inputId} className="visually-hidden">
        {t("refund.form.quantityFor", { name: line.name })}
      </label>
      <input
        id={inputId}
        name={field}
        type="number"
        inputMode="numeric"
        min={0}
        max={line.refundableQuantity}
        step={1}
        defaultValue={reply?.values[field] ?? "0"}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${inputId}-error ${inputId}-hint` : `${inputId}-hint`}
      />
      <span id={`${inputId}-hint`}>
        {t("refund.form.quantityHint", { count: line.refundableQuantity })}
      </span>
      {error ? (
        <span className="field-error" id={`${inputId}-error`}>
          {message(error, reply?.params?.[field])}
        </span>
      ) : null}
    </div>
  );
}
