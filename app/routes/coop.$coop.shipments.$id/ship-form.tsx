import { Form, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { ShipmentStatus } from "#db/schema";
import { CARRIER_CODES, isCarrierCode } from "~/domain/orders/shipment-rules";
import { Field } from "~/components/field";
import { CarrierName, ShanghaiTime } from "~/components/shipment-bits";
import { useMessage } from "~/i18n/use-message";
import type { FormReply } from "~/utils/forms";

interface Shipment {
  status: ShipmentStatus;
  carrier: string | null;
  trackingNumber: string | null;
  shippedAt: string | null;
}

/** How a parcel that has left went: carrier, tracking number, when. */
function ShippedFacts({ shipment: s }: { shipment: Shipment }) {
  const { t } = useTranslation();
  return (
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
            {s.trackingNumber}
          </dd>
        </div>
        {s.shippedAt ? (
          <div>
            <dt>{t("fulfil.detail.shippedAt")}</dt>
            <dd>
              <ShanghaiTime at={s.shippedAt} />
            </dd>
          </div>
        ) : null}
      </dl>
    </section>
  );
}

function PackForm({ busy }: { busy: boolean }) {
  const { t } = useTranslation();
  return (
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
  );
}

/** The carrier select: a listed carrier, or "other" with its name in the next field. */
function CarrierSelect({ value, error }: { value: string; error: string | undefined }) {
  const { t } = useTranslation();
  const message = useMessage();
  return (
    <div className={error ? "field field--invalid" : "field"}>
      <label htmlFor="field-carrier">
        {t("fulfil.detail.carrier")}
        <span aria-hidden="true" className="required">
          *
        </span>
      </label>
      <select
        id="field-carrier"
        name="carrier"
        defaultValue={value}
        required
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? "field-carrier-error" : undefined}
      >
        <option value="">{t("fulfil.detail.choose")}</option>
        {CARRIER_CODES.map((c) => (
          <option key={c} value={c}>
            {t(`fulfil.carriers.${c}`)}
          </option>
        ))}
        <option value="other">{t("fulfil.carriers.other")}</option>
      </select>
      {error ? (
        <p className="field-error" id="field-carrier-error">
          {message(error)}
        </p>
      ) : null}
    </div>
  );
}

/** Mark shipped, or correct the carrier and tracking number of a parcel already sent. */
function ShipForm({ shipment: s, reply, busy }: ActionsProps & { busy: boolean }) {
  const { t } = useTranslation();
  const e = reply?.errors ?? {};
  const v = reply?.values ?? {};
  const shipped = s.status === "shipped" || s.status === "delivered";
  const typedCarrier = s.carrier && !isCarrierCode(s.carrier) ? s.carrier : "";
  const storedCarrier = s.carrier ? (typedCarrier ? "other" : s.carrier) : "";
  return (
    <Form method="post" noValidate key={`${s.status}-${s.trackingNumber ?? ""}`}>
      <fieldset>
        <legend>{shipped ? t("fulfil.detail.correct") : t("fulfil.detail.ship")}</legend>
        <p className="field-hint">
          {shipped ? t("fulfil.detail.correctHint") : t("fulfil.detail.shipHint")}
        </p>
        <input type="hidden" name="intent" value="ship" />
        <CarrierSelect value={v.carrier ?? storedCarrier} error={e.carrier} />
        <Field
          name="carrierOther"
          label={t("fulfil.detail.carrierOther")}
          hint={t("fulfil.detail.carrierOtherHint")}
          error={e.carrierOther}
          defaultValue={v.carrierOther ?? typedCarrier}
          maxLength={30}
        />
        <Field
          name="trackingNumber"
          label={t("fulfil.detail.trackingNumber")}
          hint={t("fulfil.detail.trackingHint")}
          error={e.trackingNumber}
          defaultValue={v.trackingNumber ?? s.trackingNumber ?? ""}
          required
          autoComplete="off"
          maxLength={60}
        />
        <button type="submit" className="button" disabled={busy}>
          {shipped ? t("fulfil.detail.correctSubmit") : t("fulfil.detail.shipSubmit")}
        </button>
      </fieldset>
    </Form>
  );
}

interface ActionsProps {
  shipment: Shipment;
  reply: FormReply | undefined;
}

/** What can be done with the parcel now: pack it, ship it, or correct its tracking. */
export function ShipmentActions({ shipment: s, reply }: ActionsProps) {
  const busy = useNavigation().state !== "idle";
  const open = s.status === "pending" || s.status === "packed";
  const shipped = s.status === "shipped" || s.status === "delivered";
  return (
    <div className="ship-form">
      {shipped ? <ShippedFacts shipment={s} /> : null}
      {s.status === "pending" ? <PackForm busy={busy} /> : null}
      {open || shipped ? <ShipForm shipment={s} reply={reply} busy={busy} /> : null}
    </div>
  );
}
