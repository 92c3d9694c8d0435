import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { AfterSalesView } from "~/domain/after-sales/after-sales-queries.server";
import {
  AFTER_SALES_KINDS,
  AFTER_SALES_ORDER_STATUSES,
  AFTER_SALES_REASONS,
  DETAILS_MAX,
  MAX_PHOTOS,
  type AfterSalesReason,
} from "~/domain/after-sales/after-sales-rules";
import type { OrderStatus } from "#db/schema";
import { AfterSalesStory } from "~/components/after-sales-summary";
import { Field, SelectField, TextAreaField } from "~/components/field";
import { FormAlert } from "~/components/form-alert";
import { useMessage } from "~/i18n/use-message";
import { Money } from "~/components/money";
import type { FormReply } from "~/utils/forms";

interface Line {
  id: number;
  name: string;
  refundableQuantity: number;
}

/** One request as the buyer sees it: what, why, its state, the cooperative's note, the outcome. */
function RequestCard({ request }: { request: AfterSalesView }) {
  const { t } = useTranslation();
  return (
    <li className="after-sales-card" data-testid="after-sales-request" data-status={request.status}>
      <p className="after-sales-card__head">
        <strong>{request.productName}</strong> · {t(`afterSales.kinds.${request.kind}`)} ·{" "}
        {t("afterSales.request.quantity", { count: request.quantity })}
        <span className={`tag tag--${request.status}`}>
          {t(`afterSales.statuses.${request.status}`)}
        </span>
      </p>
      <p>
        {t(`afterSales.reasons.${request.reasonCode as AfterSalesReason}`)}：{request.details}
      </p>
      <AfterSalesStory request={request} />
      {request.status === "approved" ? (
        <p>
          {t("afterSales.request.refundOf")} <Money fen={request.amountFen} />
        </p>
      ) : null}
    </li>
  );
}

/** Up to MAX_PHOTOS pictures of the goods (checked on the server like product pictures). */
function PhotosField({ reply }: { reply: FormReply | undefined }) {
  const { t } = useTranslation();
  const message = useMessage();
  return (
    <div className={reply?.errors.photos ? "field field--invalid" : "field"}>
      <label htmlFor="field-photos">
        {t("afterSales.ask.photos")}
        <span className="optional">{t("forms.optional")}</span>
      </label>
      <input
        id="field-photos"
        type="file"
        name="photos"
        multiple
        accept="image/jpeg,image/png,image/webp"
        aria-describedby="field-photos-hint"
        data-max={MAX_PHOTOS}
      />
      <p className="field-hint" id="field-photos-hint">
        {t("afterSales.ask.photosHint")}
      </p>
      {reply?.errors.photos ? (
        <p className="field-error">
          {message(reply.errors.photos, reply.params?.photos ?? { max: MAX_PHOTOS })}
        </p>
      ) : null}
    </div>
  );
}

/** The form to ask about one line (a plain multipart form: works without JavaScript). */
function AskForm({ lines, reply }: { lines: Line[]; reply: FormReply | undefined }) {
  const { t } = useTranslation();
  const values = reply?.values ?? {};
  return (
    <Form method="post" encType="multipart/form-data" className="form after-sales-form">
      <h3>{t("afterSales.ask.title")}</h3>
      <p className="muted">{t("afterSales.ask.lead")}</p>
      <FormAlert reply={reply} />
      <input type="hidden" name="intent" value="after-sales" />
      <SelectField
        name="lineId"
        label={t("afterSales.ask.line")}
        required
        defaultValue={values.lineId ?? String(lines[0]?.id ?? "")}
        error={reply?.errors.lineId}
        options={lines.map((l) => ({ value: String(l.id), label: l.name }))}
      />
      <SelectField
        name="kind"
        label={t("afterSales.ask.kind")}
        required
        defaultValue={values.kind ?? "refund"}
        error={reply?.errors.kind}
        options={AFTER_SALES_KINDS.map((k) => ({ value: k, label: t(`afterSales.kinds.${k}`) }))}
      />
      <SelectField
        name="reason"
        label={t("afterSales.ask.reason")}
        required
        defaultValue={values.reason ?? "damaged"}
        error={reply?.errors.reason}
        options={AFTER_SALES_REASONS.map((r) => ({
          value: r,
          label: t(`afterSales.reasons.${r}`),
        }))}
      />
      <Field
        name="quantity"
        label={t("afterSales.ask.quantity")}
        required
        inputMode="numeric"
        defaultValue={values.quantity ?? "1"}
        error={reply?.errors.quantity}
        errorParams={reply?.params?.quantity}
      />
      <TextAreaField
        name="details"
        label={t("afterSales.ask.details")}
        hint={t("afterSales.ask.detailsHint")}
        required
        maxLength={DETAILS_MAX}
        defaultValue={values.details}
        error={reply?.errors.details}
      />
      <PhotosField reply={reply} />
      <button type="submit" className="button">
        {t("afterSales.ask.submit")}
      </button>
    </Form>
  );
}

/** The order's after-sales requests and, on a paid order, the form to open one. */
export function AfterSales({
  status,
  requests,
  lines,
  reply,
  sent,
}: {
  status: OrderStatus;
  requests: AfterSalesView[];
  lines: Line[];
  reply: FormReply | undefined;
  sent: boolean;
}) {
  const { t } = useTranslation();
  const openLines = new Set(requests.filter((r) => r.status === "open").map((r) => r.orderLineId));
  const askable = AFTER_SALES_ORDER_STATUSES.includes(status)
    ? lines.filter((l) => l.refundableQuantity > 0 && !openLines.has(l.id))
    : [];
  if (!requests.length && !askable.length) return null;
  return (
    <section aria-labelledby="after-sales-title" className="section" id="after-sales">
      <h2 id="after-sales-title">{t("afterSales.request.title")}</h2>
      {sent && !reply ? (
        <p className="alert alert--success" role="status">
          {t("afterSales.ask.sent")}
        </p>
      ) : null}
      {requests.length ? (
        <ul className="after-sales-list">
          {requests.map((r) => (
            <RequestCard key={r.id} request={r} />
          ))}
        </ul>
      ) : null}
      {askable.length ? <AskForm lines={askable} reply={reply} /> : null}
    </section>
  );
}
