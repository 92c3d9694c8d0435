// Delivery or one of the Nanjing counters (ADR 048): radios, so the choice works before
// and without the page's script; a counter that lacks a line is shown, disabled, with
// what it lacks. Choosing a counter hides the address fields by CSS (pickup.css).
import { useTranslation } from "react-i18next";
import { useMessage } from "~/i18n/use-message";
import type { CheckoutFormState } from "./checkout-field";

/** A counter as the checkout shows it. */
export interface CounterOption {
  id: number;
  name: string;
  address: string;
  hours: string;
  mapUrl: string;
  missing: string[];
}

/** One counter's radio: its name, address and hours, or what it lacks (then disabled). */
function CounterRadio({ counter: c, picked }: { counter: CounterOption; picked: string }) {
  const { t } = useTranslation();
  const lacking = c.missing.length > 0;
  return (
    <label
      className={lacking ? "choice pickup-option pickup-option--lacking" : "choice pickup-option"}
      data-testid="pickup-counter"
    >
      <input
        type="radio"
        id={`field-counterId-${c.id}`}
        name="counterId"
        value={String(c.id)}
        defaultChecked={!lacking && picked === String(c.id)}
        disabled={lacking}
      />
      <span>
        <strong>{t("pickup.atCounter", { name: c.name })}</strong>
        {lacking ? null : <span className="pickup-option__free">{t("pickup.free")}</span>}
        <span className="pickup-option__more">{c.address}</span>
        <span className="pickup-option__more">{t("pickup.hours", { hours: c.hours })}</span>
        {lacking ? (
          <span className="pickup-option__missing">
            {t("pickup.missing", { names: c.missing.join("、") })}
          </span>
        ) : null}
      </span>
    </label>
  );
}

export function PickupChoice({
  counters,
  form,
}: {
  counters: CounterOption[];
  form: CheckoutFormState;
}) {
  const { t } = useTranslation();
  const message = useMessage();
  if (!counters.length) return null;
  const picked = form.values.counterId ?? "";
  const error = form.errors.counterId;
  const anyHolds = counters.some((c) => !c.missing.length);
  return (
    <fieldset
      className={
        error ? "choice-field choice-field--invalid pickup-choice" : "choice-field pickup-choice"
      }
      aria-describedby={error ? "field-counterId-error" : "field-counterId-hint"}
      data-testid="pickup-choice"
    >
      <legend>{t("pickup.legend")}</legend>
      <div className="pickup-choice__options">
        <label className="choice pickup-option">
          <input
            type="radio"
            id="field-counterId"
            name="counterId"
            value=""
            defaultChecked={picked === ""}
          />
          <span>
            <strong>{t("pickup.delivery")}</strong>
            <span className="pickup-option__more">{t("pickup.deliveryHint")}</span>
          </span>
        </label>
        {counters.map((c) => (
          <CounterRadio key={c.id} counter={c} picked={picked} />
        ))}
      </div>
      {/* map links outside the labels, so a tap on one does not pick the counter */}
      <ul className="pickup-choice__maps">
        {counters.map((c) => (
          <li key={c.id}>
            <a href={c.mapUrl} target="_blank" rel="noopener noreferrer">
              {c.name} · {t("pickup.map")}
            </a>
          </li>
        ))}
      </ul>
      <p className="field-hint" id="field-counterId-hint">
        {anyHolds ? t("pickup.addressSkipped") : t("pickup.noneHold")}
      </p>
      {error ? (
        <p className="field-error" id="field-counterId-error">
          {message(error)}
        </p>
      ) : null}
    </fieldset>
  );
}
