import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useMessage } from "~/i18n/use-message";
import type { CheckoutFormState } from "./checkout-field";

export interface SavedAddressChoice {
  id: number;
  recipient: string;
  phone: string;
  line: string;
  isDefault: boolean;
}

/**
 * A signed-in shopper's saved addresses as radio buttons, the default picked, and "use a
 * new address". The server fills the order from the picked one; CSS (:has) hides the
 * typed-address fields while a saved one is picked, with or without JavaScript.
 */
export function SavedAddresses({
  addresses,
  form,
}: {
  addresses: SavedAddressChoice[];
  form: CheckoutFormState;
}) {
  const { t } = useTranslation();
  const message = useMessage();
  if (!addresses.length) return null;
  const picked =
    form.values.addressId ?? String(addresses.find((a) => a.isDefault)?.id ?? addresses[0]!.id);
  const error = form.errors.addressId;
  return (
    <fieldset
      className={
        error
          ? "choice-field choice-field--invalid saved-addresses"
          : "choice-field saved-addresses"
      }
      aria-describedby={error ? "field-addressId-error" : undefined}
    >
      <legend>{t("accountBook.checkout.savedLegend")}</legend>
      <div className="choice-field__options">
        {addresses.map((a) => (
          <label key={a.id} className="choice" data-testid="saved-address">
            <input
              type="radio"
              name="addressId"
              value={String(a.id)}
              defaultChecked={picked === String(a.id)}
            />
            <span>
              <strong>
                {a.recipient} · {a.phone}
              </strong>
              {a.isDefault ? (
                <span className="address-badge">{t("accountBook.addresses.default")}</span>
              ) : null}
              <br />
              {a.line}
            </span>
          </label>
        ))}
        <label className="choice">
          <input type="radio" name="addressId" value="new" defaultChecked={picked === "new"} />
          <span>{t("accountBook.checkout.useNew")}</span>
        </label>
      </div>
      {error ? (
        <p className="field-error" id="field-addressId-error">
          {message(error)}
        </p>
      ) : null}
      <p>
        <Link to="/account/addresses">{t("accountBook.checkout.manage")}</Link>
      </p>
    </fieldset>
  );
}

/** For a signed-in shopper: keep the typed address in the address book too. */
export function SaveAddressBox({ form }: { form: CheckoutFormState }) {
  const { t } = useTranslation();
  return (
    <label className="opt-in">
      <input
        type="checkbox"
        name="saveAddress"
        value="1"
        defaultChecked={form.values.saveAddress === "1"}
      />
      <span>{t("accountBook.checkout.saveToBook")}</span>
    </label>
  );
}
