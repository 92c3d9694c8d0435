import type {
  ActionFunctionArgs,
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DomainError } from "~/domain/errors";
import { CARRIER_CODES, isCarrierCode } from "~/domain/orders/shipment-rules";
import { getCoopShipment, markPacked, markShipped } from "~/domain/orders/shipments.server";
import { CoopNav } from "~/components/coop-nav";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field } from "~/components/field";
import { CarrierName, ShanghaiTime, ShipmentStatusChip } from "~/components/shipment-bits";
import { StatusBadge } from "~/components/status-badge";
import { useMessage } from "~/i18n/use-message";
import fulfilCss from "~/styles/fulfil.css";
import { getDb } from "~/utils/db.server";
import { screenControlCharacters, type FieldErrors } from "~/utils/forms";
import { orHttpError, readFormData, storeContext } from "~/utils/request.server";
import { requireSameOrigin } from "~/utils/security.server";
import { requireCooperativeAccess } from "~/utils/guards.server";
import { shanghaiDateTime } from "~/utils/time";
import { NOINDEX, pageMeta } from "~/utils/meta";
import { SHIPMENT_DONE as DONE, shipSchema } from "~/domain/orders/shipment-input";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: fulfilCss }];

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(
    args,
    (t, data) => t("titles.coopShipment", { number: data.shipment.order_number }),
    () => [NOINDEX],
  );

/** A shipment id from the URL; anything else is refused like another cooperative's parcel. */
function shipmentId(raw: string | undefined): number {
  const id = Number(raw);
  if (!raw || !/^\d{1,12}$/.test(raw) || !Number.isSafeInteger(id) || id <= 0) {
    throw new Response("Forbidden", { status: 403 });
  }
  return id;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { cooperative } = await requireCooperativeAccess(request, params.coop);
  const id = shipmentId(params.id);
  const { db, locale } = await storeContext(request);
  const s = await orHttpError(getCoopShipment(db, cooperative.id, id, { locale }));
  const done = DONE.safeParse(new URL(request.url).searchParams.get("done"));
  return json(
    {
      cooperative: {
        slug: cooperative.slug,
        name: locale === "en" ? cooperative.name_en : cooperative.name_zh,
      },
      done: done.success ? done.data : null,
      shipment: {
        id: s.id,
        status: s.status,
        cold_chain: s.cold_chain,
        ship_by: s.ship_by,
        late: s.late,
        carrier: s.carrier,
        tracking_number: s.tracking_number,
        packed_at: s.packed_at,
        shipped_at: s.shipped_at,
        order_number: s.order_number,
        order_status: s.order_status,
        paid_at: s.paid_at,
      },
      // A manager needs the full phone number to hand the parcel to a carrier.
      address: {
        contact_name: s.contact_name,
        phone: s.phone,
        province: s.province,
        city: s.city,
        district: s.district,
        street: s.street,
        note: s.note,
      },
      lines: s.lines.map((l) => ({
        id: l.id,
        name: l.name,
        unit: l.unit,
        image: l.image,
        quantity: l.quantity,
        cold_chain: l.cold_chain,
      })),
    },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

type ActionData = { errors: FieldErrors; values: Record<string, string>; formError?: string };

export async function action({ request, params }: ActionFunctionArgs) {
  requireSameOrigin(request);
  const { user, cooperative } = await requireCooperativeAccess(request, params.coop);
  const id = shipmentId(params.id);
  const db = await getDb();
  const form = await readFormData(request);
  const values: Record<string, string> = {};
  for (const [key, value] of form) if (typeof value === "string") values[key] = value;
  const actor = { id: user.id, name: user.name };
  const back = (done: string) => redirect(`/coop/${cooperative.slug}/shipments/${id}?done=${done}`);

  try {
    if (values.intent === "pack") {
      return back(await markPacked(db, { coopId: cooperative.id, shipmentId: id, actor }));
    }
    if (values.intent !== "ship") {
      return json<ActionData>(
        { errors: {}, values, formError: "fulfil.errors.badRequest" },
        { status: 400 },
      );
    }
    const parsed = shipSchema.safeParse(values);
    const screened = screenControlCharacters(values);
    const errors: FieldErrors = { ...screened.errors };
    if (!parsed.success) {
      for (const issue of parsed.error.issues) errors[String(issue.path[0])] ??= issue.message;
    }
    // "Other" needs a name; checked here so every mistake is reported in one go.
    if (values.carrier === "other" && !(values.carrierOther ?? "").trim()) {
      errors.carrierOther ??= "fulfil.errors.carrierOther";
    }
    if (!parsed.success || Object.keys(errors).length) {
      return json<ActionData>({ errors, values: screened.values }, { status: 400 });
    }
    const { carrier, carrierOther, trackingNumber } = parsed.data;
    return back(
      await markShipped(db, {
        coopId: cooperative.id,
        shipmentId: id,
        carrier: carrier === "other" ? carrierOther : carrier,
        trackingNumber,
        actor,
      }),
    );
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    if (error.status === 403) throw new Response("Forbidden", { status: 403 });
    if (error.field) {
      return json<ActionData>(
        { errors: { [error.field]: error.code }, values },
        { status: error.status },
      );
    }
    return json<ActionData>(
      { errors: {}, values, formError: error.code },
      { status: error.status },
    );
  }
}

export default function CoopShipment() {
  const { cooperative, done, shipment: s, address: a, lines } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation();
  const message = useMessage();
  const busy = navigation.state !== "idle";
  const e = actionData?.errors ?? {};
  const v = actionData?.values ?? {};
  const open = s.status === "pending" || s.status === "packed";
  const shipped = s.status === "shipped" || s.status === "delivered";
  const storedCarrier = s.carrier ? (isCarrierCode(s.carrier) ? s.carrier : "other") : "";
  const carrierValue = v.carrier ?? storedCarrier;
  const carrierOtherValue =
    v.carrierOther ?? (s.carrier && !isCarrierCode(s.carrier) ? s.carrier : "");
  const errorCount = Object.keys(e).length;
  const base = `/coop/${cooperative.slug}/shipments`;

  return (
    <article aria-labelledby="shipment-title">
      <CoopNav slug={cooperative.slug} name={cooperative.name} />
      <p>
        <Link to={base}>← {t("fulfil.detail.back")}</Link>
      </p>
      <header className="order__head">
        <h1 id="shipment-title">{t("fulfil.detail.title", { number: s.order_number })}</h1>
        <ShipmentStatusChip status={s.status} />
        {s.cold_chain ? <span className="tag tag--cold">{t("fulfil.coldChain")}</span> : null}
        <p className="muted">
          {t("fulfil.detail.orderStatus")}
          <StatusBadge status={s.order_status} />
          {s.paid_at ? (
            <>
              {" "}
              · {t("fulfil.detail.paidAt")} <ShanghaiTime at={s.paid_at} />
            </>
          ) : null}
        </p>
      </header>

      {done ? (
        <p className="alert alert--success" role="status" data-testid="shipment-done">
          {t(`fulfil.detail.done.${done}`)}
        </p>
      ) : null}
      {actionData?.formError ? (
        <p className="alert alert--error" role="alert">
          {message(actionData.formError)}
        </p>
      ) : errorCount ? (
        <p className="alert alert--error" role="alert">
          {t("forms.fixErrors", { count: errorCount })}
        </p>
      ) : null}
      {s.ship_by && open ? (
        <p
          className={s.late ? "alert alert--error" : "alert"}
          role={s.late ? "alert" : undefined}
          data-testid="ship-by"
        >
          {s.late ? (
            <>
              <span className="tag tag--warn">{t("fulfil.late")}</span>{" "}
              {t("fulfil.lateNote", { time: shanghaiDateTime(s.ship_by) })}
            </>
          ) : (
            t("fulfil.shipBy", { time: shanghaiDateTime(s.ship_by) })
          )}{" "}
          <span className="muted">({t("fulfil.timeZoneNote")})</span>
        </p>
      ) : null}

      <div className="shipment-detail">
        <div>
          <section className="panel" aria-labelledby="pack-title">
            <h2 id="pack-title">{t("fulfil.detail.contents")}</h2>
            <p className="field-hint">{t("fulfil.detail.contentsHint")}</p>
            <ul className="pack-lines">
              {lines.map((l) => (
                <li key={l.id} className="pack-line" data-testid="pack-line">
                  <img src={l.image} alt="" width={64} height={48} />
                  <div>
                    <p>
                      {l.name}
                      {l.cold_chain ? (
                        <span className="tag tag--cold">{t("fulfil.coldChain")}</span>
                      ) : null}
                    </p>
                    <p className="muted">{l.unit}</p>
                  </div>
                  <p className="pack-line__qty">
                    {t("fulfil.detail.quantity", { count: l.quantity })}
                  </p>
                </li>
              ))}
            </ul>
          </section>

          <section className="panel" aria-labelledby="address-title">
            <h2 id="address-title">{t("fulfil.detail.address")}</h2>
            <p>
              {a.contact_name} · {t("fulfil.detail.phone")} {a.phone}
            </p>
            <p>
              {a.province} {a.city} {a.district} {a.street}
            </p>
            {a.note ? (
              <p>
                {t("fulfil.detail.note")}：{a.note}
              </p>
            ) : null}
          </section>
        </div>

        <div className="ship-form">
          {shipped ? (
            <section className="panel" aria-labelledby="shipped-title">
              <h2 id="shipped-title">{t("fulfil.status.shipped")}</h2>
              <dl className="facts">
                <div>
                  <dt>{t("fulfil.detail.carrier")}</dt>
                  <dd>
                    <CarrierName carrier={s.carrier} />
                  </dd>
                </div>
                <div>
                  <dt>{t("fulfil.detail.trackingNumber")}</dt>
                  <dd className="tracking" data-testid="tracking-number">
                    {s.tracking_number}
                  </dd>
                </div>
                {s.shipped_at ? (
                  <div>
                    <dt>{t("fulfil.detail.shippedAt")}</dt>
                    <dd>
                      <ShanghaiTime at={s.shipped_at} />
                    </dd>
                  </div>
                ) : null}
              </dl>
            </section>
          ) : null}

          {s.status === "pending" ? (
            <Form method="post">
              <fieldset>
                <legend>{t("fulfil.detail.pack")}</legend>
                <p className="field-hint">{t("fulfil.detail.packHint")}</p>
                <input type="hidden" name="intent" value="pack" />
                <button type="submit" className="button button--ghost" disabled={busy}>
                  {t("fulfil.detail.packSubmit")}
                </button>
              </fieldset>
            </Form>
          ) : null}

          {open || shipped ? (
            <Form method="post" noValidate key={`${s.status}-${s.tracking_number ?? ""}`}>
              <fieldset>
                <legend>{shipped ? t("fulfil.detail.correct") : t("fulfil.detail.ship")}</legend>
                <p className="field-hint">
                  {shipped ? t("fulfil.detail.correctHint") : t("fulfil.detail.shipHint")}
                </p>
                <input type="hidden" name="intent" value="ship" />
                <div className={e.carrier ? "field field--invalid" : "field"}>
                  <label htmlFor="field-carrier">
                    {t("fulfil.detail.carrier")}
                    <span aria-hidden="true" className="required">
                      *
                    </span>
                  </label>
                  <select
                    id="field-carrier"
                    name="carrier"
                    defaultValue={carrierValue}
                    required
                    aria-invalid={e.carrier ? true : undefined}
                    aria-describedby={e.carrier ? "field-carrier-error" : undefined}
                  >
                    <option value="">{t("fulfil.detail.choose")}</option>
                    {CARRIER_CODES.map((c) => (
                      <option key={c} value={c}>
                        {t(`fulfil.carriers.${c}`)}
                      </option>
                    ))}
                    <option value="other">{t("fulfil.carriers.other")}</option>
                  </select>
                  {e.carrier ? (
                    <p className="field-error" id="field-carrier-error">
                      {message(e.carrier)}
                    </p>
                  ) : null}
                </div>
                <Field
                  name="carrierOther"
                  label={t("fulfil.detail.carrierOther")}
                  hint={t("fulfil.detail.carrierOtherHint")}
                  error={e.carrierOther}
                  defaultValue={carrierOtherValue}
                  maxLength={30}
                />
                <Field
                  name="trackingNumber"
                  label={t("fulfil.detail.trackingNumber")}
                  hint={t("fulfil.detail.trackingHint")}
                  error={e.trackingNumber}
                  defaultValue={v.trackingNumber ?? s.tracking_number ?? ""}
                  required
                  autoComplete="off"
                  maxLength={60}
                />
                <button type="submit" className="button" disabled={busy}>
                  {shipped ? t("fulfil.detail.correctSubmit") : t("fulfil.detail.shipSubmit")}
                </button>
              </fieldset>
            </Form>
          ) : null}
        </div>
      </div>
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
