import type {
  ActionFunctionArgs,
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import {
  Form,
  Link,
  useActionData,
  useLoaderData,
  useNavigation,
  useSearchParams,
} from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { adminOrderDetail, orderIdByNumber } from "~/domain/admin/order-detail.server";
import { parseRefundForm, quantityField, REASON_MAX } from "~/domain/orders/refund-input";
import { newIdempotencyKey, requestRefund } from "~/domain/orders/refunds.server";
import { DomainError } from "~/domain/errors";
import { ORDER_NUMBER_RE } from "~/domain/orders/order-number";
import { gatewayNamed } from "~/domain/payments/gateways.server";
import { AdminNav } from "~/components/admin-nav";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Money } from "~/components/money";
import { StatusBadge } from "~/components/status-badge";
import { useMessage } from "~/i18n/use-message";
import officeCss from "~/styles/office.css";
import { getDb } from "~/utils/db.server";
import { formatFen } from "~/utils/money";
import type { FieldErrors } from "~/utils/forms";
import { orHttpError, readFormData, storeContext } from "~/utils/request.server";
import { requireSameOrigin } from "~/utils/security.server";
import { requireRole } from "~/utils/guards.server";
import { shanghaiDateTime } from "~/utils/time";
import { NOINDEX, pageMeta } from "~/utils/meta";
import { TableScroll } from "~/components/table-scroll";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: officeCss }];

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(
    args,
    (t, data) => t("titles.adminOrder", { number: data.order.number }),
    () => [NOINDEX],
  );

function orderNumber(params: { number?: string }): string {
  const number = (params.number ?? "").toUpperCase();
  if (!ORDER_NUMBER_RE.test(number)) throw new Response("Not Found", { status: 404 });
  return number;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, ["admin"]);
  const number = orderNumber(params);
  const { db, locale } = await storeContext(request);
  const order = await orHttpError(adminOrderDetail(db, number, locale));
  return json(
    // a fresh key per form: a double submit of this form refunds once
    { order, idempotencyKey: newIdempotencyKey() },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

type ActionData = {
  errors: FieldErrors;
  /** values for the messages of `errors` (e.g. the most that may be refunded) */
  errorParams: Record<string, string | number>;
  values: Record<string, string>;
  formError?: string;
};

export async function action({ request, params }: ActionFunctionArgs) {
  requireSameOrigin(request);
  const user = await requireRole(request, ["admin"]);
  const number = orderNumber(params);
  const db = await getDb();
  const orderId = await orHttpError(orderIdByNumber(db, number));
  const form = await readFormData(request);
  const parsed = parseRefundForm(form);
  if (!parsed.ok) {
    const { _form: formError, ...errors } = parsed.errors;
    return json<ActionData>(
      { errors, errorParams: {}, values: parsed.values, formError },
      { status: 400 },
    );
  }
  const input = parsed.data;
  try {
    const result = await requestRefund(
      db,
      {
        orderId,
        selection: input.mode === "all" ? { mode: "all" } : { mode: "lines", lines: input.lines },
        restock: input.restock,
        reason: input.reason,
        idempotencyKey: input.idempotencyKey,
        actor: { id: user.id, name: user.name },
      },
      { gatewayFor: gatewayNamed },
    );
    const query = new URLSearchParams({ refund: String(result.refundId) });
    if (result.duplicate) query.set("again", "1");
    return redirect(`/admin/orders/${number}?${query}`);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    if (error.status === 404) throw new Response("Not Found", { status: 404 });
    // what was typed, kept (the page hands out a fresh idempotency key of its own)
    const values: Record<string, string> = {};
    for (const [key, value] of form) {
      if (typeof value === "string" && key !== "idempotencyKey") values[key] = value;
    }
    return json<ActionData>(
      {
        errors: error.field ? { [error.field]: error.code } : {},
        errorParams: error.params,
        values,
        formError: error.field ? undefined : error.code,
      },
      { status: error.status },
    );
  }
}

export default function AdminOrder() {
  const { order, idempotencyKey } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [params] = useSearchParams();
  const { t, i18n } = useTranslation();
  const message = useMessage();
  const loose = t as unknown as (key: string) => string;
  const money = (fen: number) => formatFen(fen, i18n.language);
  const busy = navigation.state === "submitting";
  const v = actionData?.values ?? {};
  const e = actionData?.errors ?? {};
  const errorParams = actionData?.errorParams ?? {};
  const mode = v.mode === "all" ? "all" : "lines";
  const canRefund = order.refundBlock === null;
  const shippingLeft =
    order.shippingFen > 0 && !order.refunds.some((r) => r.status !== "failed" && r.shippingFen > 0);
  const shown = actionData
    ? undefined
    : order.refunds.find((r) => String(r.id) === params.get("refund"));
  const formError = actionData?.formError;
  const fieldCount = Object.keys(e).length;

  return (
    <article aria-labelledby="order-title">
      <AdminNav />
      <nav aria-label={t("refund.detail.breadcrumb")} className="breadcrumb">
        <Link to="/admin">{t("admin.nav.home")}</Link> /{" "}
        <Link to="/admin/orders">{t("refund.nav.orders")}</Link> /{" "}
        <span aria-current="page">{order.number}</span>
      </nav>
      <header className="review-page__head">
        <h1 id="order-title">{t("refund.detail.titleFor", { number: order.number })}</h1>
        <StatusBadge status={order.status} />
      </header>

      {shown ? (
        <p
          className={shown.status === "failed" ? "alert alert--error" : "alert alert--success"}
          role={shown.status === "failed" ? "alert" : "status"}
          data-testid="refund-result"
        >
          {params.get("again") ? `${t("refund.result.duplicate")} ` : null}
          {shown.status === "failed"
            ? t("refund.result.failed", {
                amount: money(shown.amountFen),
                reason: shown.failureReason ?? t("refund.refunds.noFailureReason"),
              })
            : t(`refund.result.${shown.status}`, { amount: money(shown.amountFen) })}
        </p>
      ) : null}

      <section className="office-panel" aria-labelledby="facts-title">
        <h2 id="facts-title" className="visually-hidden">
          {t("refund.detail.titleFor", { number: order.number })}
        </h2>
        <dl className="facts facts--wide">
          <div>
            <dt>{t("refund.detail.placedAt")}</dt>
            <dd>{shanghaiDateTime(order.createdAt)}</dd>
          </div>
          <div>
            <dt>{t("refund.detail.paidAt")}</dt>
            <dd>{order.paidAt ? shanghaiDateTime(order.paidAt) : t("refund.list.notPaid")}</dd>
          </div>
          <div>
            <dt>{t("refund.detail.contact")}</dt>
            <dd>
              {order.contactName} {order.phoneMasked}
            </dd>
          </div>
          <div>
            <dt>{t("refund.detail.buyer")}</dt>
            <dd>
              {t(`buyerType.${order.buyerType}`)}
              {order.orgName ? ` · ${order.orgName}` : null}
            </dd>
          </div>
          <div>
            <dt>{t("refund.detail.gateway")}</dt>
            <dd>
              {i18n.exists(`refund.gateways.${order.paymentGateway}`)
                ? loose(`refund.gateways.${order.paymentGateway}`)
                : order.paymentGateway}
            </dd>
          </div>
          <div>
            <dt>{t("refund.detail.subtotal")}</dt>
            <dd>
              <Money fen={order.subtotalFen} />
            </dd>
          </div>
          <div>
            <dt>{t("refund.detail.shipping")}</dt>
            <dd>
              <Money fen={order.shippingFen} />
            </dd>
          </div>
          <div>
            <dt>{t("refund.detail.total")}</dt>
            <dd>
              <Money fen={order.totalFen} />
            </dd>
          </div>
          <div>
            <dt>{t("refund.detail.refunded")}</dt>
            <dd data-testid="refunded-total">
              <Money fen={order.refundedFen} />
            </dd>
          </div>
        </dl>
      </section>

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
        {formError ? (
          <p className="alert alert--error" role="alert">
            {message(formError, errorParams)}
          </p>
        ) : fieldCount ? (
          <p className="alert alert--error" role="alert">
            {t("forms.fixErrors", { count: fieldCount })}
          </p>
        ) : null}

        <Form method="post" noValidate>
          <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
          {canRefund ? (
            <fieldset className={e.mode ? "checks checks--invalid" : "checks"}>
              <legend>{t("refund.form.mode")}</legend>
              <label>
                <input type="radio" name="mode" value="all" defaultChecked={mode === "all"} />
                {t("refund.form.modeAll")}
                {shippingLeft
                  ? t("refund.form.modeAllShipping", { amount: money(order.shippingFen) })
                  : null}
              </label>
              <label>
                <input type="radio" name="mode" value="lines" defaultChecked={mode === "lines"} />
                {t("refund.form.modeLines")}
              </label>
              {e.mode ? <p className="field-error">{message(e.mode)}</p> : null}
            </fieldset>
          ) : null}

          {e.lines ? (
            <p className="field-error" id="field-lines-error">
              {message(e.lines)}
            </p>
          ) : null}
          <TableScroll labelledBy="refund-form-title">
            <table className="certs" data-testid="order-lines">
              <thead>
                <tr>
                  <th scope="col">{t("refund.detail.product")}</th>
                  {canRefund ? <th scope="col">{t("refund.detail.refundNow")}</th> : null}
                  <th scope="col" className="num">
                    {t("refund.detail.unitPrice")}
                  </th>
                  <th scope="col" className="num">
                    {t("refund.detail.quantity")}
                  </th>
                  <th scope="col" className="num">
                    {t("refund.detail.lineTotal")}
                  </th>
                  <th scope="col" className="num">
                    {t("refund.detail.refundedQty")}
                  </th>
                  <th scope="col" className="num">
                    {t("refund.detail.pendingQty")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {order.lines.map((line) => {
                  const field = quantityField(line.id);
                  const error = e[field];
                  const inputId = `field-${field}`;
                  return (
                    <tr key={line.id}>
                      <td>
                        {line.name} <span className="muted">{line.unit}</span>
                        {line.aidEligible ? null : (
                          <strong className="tag tag--warn">
                            {t("refund.detail.notEligible")}
                          </strong>
                        )}
                        <div className="muted">{line.cooperativeName}</div>
                      </td>
                      {canRefund ? (
                        <td>
                          {line.refundableQuantity > 0 ? (
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
                                defaultValue={v[field] ?? "0"}
                                aria-invalid={error ? true : undefined}
                                aria-describedby={
                                  error ? `${inputId}-error ${inputId}-hint` : `${inputId}-hint`
                                }
                              />
                              <span id={`${inputId}-hint`}>
                                {t("refund.form.quantityHint", { count: line.refundableQuantity })}
                              </span>
                              {error ? (
                                <span className="field-error" id={`${inputId}-error`}>
                                  {message(error, errorParams)}
                                </span>
                              ) : null}
                            </div>
                          ) : (
                            "—"
                          )}
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
                  );
                })}
              </tbody>
            </table>
          </TableScroll>

          {canRefund ? (
            <>
              {order.shippingFen > 0 ? (
                <p className="field-hint">{t("refund.form.shippingNote")}</p>
              ) : null}
              <fieldset className="checks">
                <legend className="visually-hidden">{t("refund.form.restock")}</legend>
                <label>
                  <input
                    type="checkbox"
                    name="restock"
                    value="on"
                    defaultChecked={v.restock === "on"}
                    aria-describedby="field-restock-hint"
                  />
                  {t("refund.form.restock")}
                </label>
                <p className="field-hint" id="field-restock-hint">
                  {t("refund.form.restockHint")}
                </p>
              </fieldset>
              <div className={e.reason ? "field field--invalid" : "field"}>
                <label htmlFor="field-reason">
                  {t("refund.form.reason")}
                  <span aria-hidden="true" className="required">
                    *
                  </span>
                </label>
                <textarea
                  id="field-reason"
                  name="reason"
                  defaultValue={v.reason}
                  required
                  maxLength={REASON_MAX}
                  rows={3}
                  aria-invalid={e.reason ? true : undefined}
                  aria-describedby={
                    e.reason ? "field-reason-error field-reason-hint" : "field-reason-hint"
                  }
                />
                <p className="field-hint" id="field-reason-hint">
                  {t("refund.form.reasonHint")}
                </p>
                {e.reason ? (
                  <p className="field-error" id="field-reason-error">
                    {message(e.reason)}
                  </p>
                ) : null}
              </div>
              <button type="submit" className="button button--danger" disabled={busy}>
                {busy ? t("refund.form.submitting") : t("refund.form.submit")}
              </button>
            </>
          ) : null}
        </Form>
      </section>

      <section className="office-panel" aria-labelledby="refunds-title">
        <h2 id="refunds-title">{t("refund.refunds.title")}</h2>
        {order.refunds.length ? (
          <TableScroll labelledBy="refunds-title">
            <table className="certs" data-testid="refunds">
              <thead>
                <tr>
                  <th scope="col">{t("refund.refunds.requestedAt")}</th>
                  <th scope="col" className="num">
                    {t("refund.refunds.amount")}
                  </th>
                  <th scope="col">{t("refund.refunds.items")}</th>
                  <th scope="col">{t("refund.refunds.status")}</th>
                  <th scope="col">{t("refund.refunds.by")}</th>
                  <th scope="col">{t("refund.refunds.reason")}</th>
                </tr>
              </thead>
              <tbody>
                {order.refunds.map((r) => (
                  <tr key={r.id} data-refund-status={r.status}>
                    <td className="nowrap">{shanghaiDateTime(r.requestedAt)}</td>
                    <td className="num">
                      <Money fen={r.amountFen} />
                    </td>
                    <td>
                      <ul className="coop-tags">
                        {r.lines.map((line) => (
                          <li key={line.orderLineId}>
                            {t("refund.refunds.line", { name: line.name, count: line.quantity })}
                          </li>
                        ))}
                        {r.shippingFen > 0 ? (
                          <li>
                            {t("refund.detail.shipping")} <Money fen={r.shippingFen} />
                          </li>
                        ) : null}
                      </ul>
                      {r.restock ? (
                        <span className="muted">{t("refund.refunds.restocked")}</span>
                      ) : null}
                    </td>
                    <td>
                      <span className={`status status--refund-${r.status}`}>
                        {t(`refund.status.${r.status}`)}
                      </span>
                      {r.confirmedAt ? (
                        <div className="muted">
                          {t("refund.refunds.confirmedAt", { at: shanghaiDateTime(r.confirmedAt) })}
                        </div>
                      ) : null}
                      {r.status === "failed" ? (
                        <div className="field-error">
                          {t("refund.refunds.failureReason", {
                            reason: r.failureReason ?? t("refund.refunds.noFailureReason"),
                          })}
                        </div>
                      ) : null}
                    </td>
                    <td>{r.requestedByName}</td>
                    <td>{r.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        ) : (
          <p className="muted">{t("refund.refunds.empty")}</p>
        )}
      </section>

      <section className="office-panel" aria-labelledby="parcels-title">
        <h2 id="parcels-title">{t("refund.detail.shipmentsTitle")}</h2>
        {order.shipments.length ? (
          <ul className="coop-tags">
            {order.shipments.map((s) => (
              <li key={s.id}>
                {s.cooperativeName} · {t(`fulfil.status.${s.status}`)}
                {s.trackingNumber
                  ? ` · ${t("refund.detail.tracking", { number: s.trackingNumber })}`
                  : null}
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">{t("refund.detail.noShipments")}</p>
        )}
      </section>
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
