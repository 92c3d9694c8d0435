import { Form, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { REASON_MAX } from "~/domain/orders/refund-input";
import { FormAlert } from "~/components/form-alert";
import { useMessage } from "~/i18n/use-message";
import { formatFen } from "~/utils/money";
import type { ReactNode } from "react";
import type { AdminOrderDetail as AdminOrder } from "~/domain/admin/order-detail.server";
import type { FormReply } from "~/utils/forms";

/**
 * The order's lines, and the form that refunds all that is left or chosen quantities of
 * them; when no refund can be started, the lines alone and the reason why.
 */
export function RefundForm({
  order,
  idempotencyKey,
  reply,
  lines,
}: {
  order: AdminOrder;
  idempotencyKey: string;
  reply: FormReply | undefined;
  /** the order's lines, with their quantity fields when a refund can be started */
  lines: ReactNode;
}) {
  const { t } = useTranslation();
  const canRefund = order.refundBlock === null;
  return (
    <section className="office-panel" aria-labelledby="refund-form-title">
      <h2 id="refund-form-title">
        {canRefund ? t("refund.form.title") : t("refund.detail.linesTitle")}
      </h2>
      {canRefund ? <p className="section__lead">{t("refund.form.lead")}</p> : null}
      {order.refundBlock ? (
        <p className="alert" data-testid="refund-block">
          {t(`refund.form.${order.refundBlock}`)}
        </p>
      ) : null}
      <FormAlert reply={reply} />
      <Form method="post" noValidate>
        <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
        {canRefund ? <RefundModeField order={order} reply={reply} /> : null}
        {reply?.errors.lines ? <LinesError code={reply.errors.lines} /> : null}
        {lines}
        {canRefund ? <RestockAndReason order={order} reply={reply} /> : null}
      </Form>
    </section>
  );
}

function LinesError({ code }: { code: string }) {
  const message = useMessage();
  return (
    <p className="field-error" id="field-lines-error">
      {message(code)}
    </p>
  );
}

/** Everything left (with shipping, if still owed) or chosen quantities. */
function RefundModeField({ order, reply }: { order: AdminOrder; reply: FormReply | undefined }) {
  const { t, i18n } = useTranslation();
  const message = useMessage();
  const mode = reply?.values.mode === "all" ? "all" : "lines";
  const error = reply?.errors.mode;
  return (
    <fieldset className={error ? "checks checks--invalid" : "checks"}>
      <legend>{t("refund.form.mode")}</legend>
      <label>
        <input type="radio" name="mode" value="all" defaultChecked={mode === "all"} />
        {t("refund.form.modeAll")}
        {order.refundableShippingFen > 0
          ? t("refund.form.modeAllShipping", {
              amount: formatFen(order.refundableShippingFen, i18n.language),
            })
          : null}
      </label>
      <label>
        <input type="radio" name="mode" value="lines" defaultChecked={mode === "lines"} />
        {t("refund.form.modeLines")}
      </label>
      {error ? <p className="field-error">{message(error)}</p> : null}
    </fieldset>
  );
}

function RestockAndReason({ order, reply }: { order: AdminOrder; reply: FormReply | undefined }) {
  const { t } = useTranslation();
  const message = useMessage();
  const busy = useNavigation().state === "submitting";
  const values = reply?.values ?? {};
  const reasonError = reply?.errors.reason;
  return (
    <>
      {order.shippingFen > 0 ? <p className="field-hint">{t("refund.form.shippingNote")}</p> : null}
      <fieldset className="checks">
        <legend className="visually-hidden">{t("refund.form.restock")}</legend>
        <label>
          <input
            type="checkbox"
            name="restock"
            value="on"
            defaultChecked={values.restock === "on"}
            aria-describedby="field-restock-hint"
          />
          {t("refund.form.restock")}
        </label>
        <p className="field-hint" id="field-restock-hint">
          {t("refund.form.restockHint")}
        </p>
      </fieldset>
      <div className={reasonError ? "field field--invalid" : "field"}>
        <label htmlFor="field-reason">
          {t("refund.form.reason")}
          <span aria-hidden="true" className="required">
            *
          </span>
        </label>
        <textarea
          id="field-reason"
          name="reason"
          defaultValue={values.reason}
          required
          maxLength={REASON_MAX}
          rows={3}
          aria-invalid={reasonError ? true : undefined}
          aria-describedby={
            reasonError ? "field-reason-error field-reason-hint" : "field-reason-hint"
          }
        />
        <p className="field-hint" id="field-reason-hint">
          {t("refund.form.reasonHint")}
        </p>
        {reasonError ? (
          <p className="field-error" id="field-reason-error">
            {message(reasonError)}
          </p>
        ) : null}
      </div>
      <button type="submit" className="button button--danger" disabled={busy}>
        {busy ? t("refund.form.submitting") : t("refund.form.submit")}
      </button>
    </>
  );
}
