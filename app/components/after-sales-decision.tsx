import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DECISION_REASON_MAX } from "~/domain/after-sales/after-sales-rules";
import { useMessage } from "~/i18n/use-message";
import type { FormReply } from "~/utils/forms";
import { Field } from "./field";

/**
 * The admin's two answers to an open request: approve (refund through the store's refund
 * path) or reject with a reason. Both post to /admin/after-sales, which sends the admin
 * back to `back` (the list, or the order's page).
 */
export function AfterSalesDecision({
  requestId,
  back,
  reply,
}: {
  requestId: number;
  back: string;
  /** the refused answer, when it was for this request */
  reply?: FormReply;
}) {
  const { t } = useTranslation();
  const message = useMessage();
  return (
    <div className="decision-forms">
      {reply?.formError ? (
        <p className="alert alert--error" role="alert">
          {message(reply.formError, reply.params?._form)}
        </p>
      ) : null}
      <Form method="post" action="/admin/after-sales" className="form">
        <input type="hidden" name="requestId" value={requestId} />
        <input type="hidden" name="back" value={back} />
        <label className="check">
          <input type="checkbox" name="restock" value="on" /> {t("afterSales.admin.restock")}
        </label>
        <button type="submit" name="decision" value="approve" className="button">
          {t("afterSales.admin.approve")}
        </button>
      </Form>
      <Form method="post" action="/admin/after-sales" className="form">
        <input type="hidden" name="requestId" value={requestId} />
        <input type="hidden" name="back" value={back} />
        <Field
          name="reason"
          label={t("afterSales.admin.rejectReason")}
          maxLength={DECISION_REASON_MAX}
          required
          defaultValue={reply?.values.reason}
          error={reply?.errors.reason}
        />
        <button type="submit" name="decision" value="reject" className="button button--ghost">
          {t("afterSales.admin.reject")}
        </button>
      </Form>
    </div>
  );
}
