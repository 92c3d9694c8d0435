import { Form, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { BUYER_TYPES, FUNDING_SOURCES } from "~/domain/aid/dimensions";
import { NANJING_DISTRICTS } from "~/domain/checkout/checkout-input";
import type { InstitutionTypeName } from "~/domain/institutions/institution-fields";
import { ChoiceField } from "~/components/field";
import { CheckoutField, type CheckoutFormState } from "./checkout-field";
import { PickupChoice, type CounterOption } from "./pickup-choice";
import { SaveAddressBox, SavedAddresses, type SavedAddressChoice } from "./saved-addresses";

function ContactFieldset({ form }: { form: CheckoutFormState }) {
  const { t } = useTranslation();
  return (
    <fieldset>
      <legend>{t("checkout.contact")}</legend>
      {/* a picked saved address brings its own recipient and phone */}
      <div className="new-address">
        <CheckoutField name="contactName" form={form} required autoComplete="name" maxLength={40} />
        <CheckoutField
          name="phone"
          form={form}
          required
          type="tel"
          inputMode="tel"
          autoComplete="tel-national"
          hint={t("checkout.phoneHint")}
        />
      </div>
      <CheckoutField name="email" form={form} type="email" inputMode="email" autoComplete="email" />
    </fieldset>
  );
}

function AddressFieldset({ form, signedIn }: { form: CheckoutFormState; signedIn: boolean }) {
  const { t } = useTranslation();
  return (
    <fieldset className="new-address">
      <legend>{t("checkout.address")}</legend>
      <div className="field-row">
        <CheckoutField
          name="province"
          form={form}
          defaultValue="江苏省"
          required
          autoComplete="address-level1"
        />
        <CheckoutField
          name="city"
          form={form}
          defaultValue="南京市"
          required
          autoComplete="address-level2"
        />
        <CheckoutField
          name="district"
          form={form}
          required
          list="nanjing-districts"
          autoComplete="address-level3"
          hint={t("checkout.districtHint")}
        />
      </div>
      <datalist id="nanjing-districts">
        {NANJING_DISTRICTS.map((d) => (
          <option key={d} value={d} />
        ))}
      </datalist>
      <CheckoutField
        name="street"
        form={form}
        required
        autoComplete="street-address"
        maxLength={120}
      />
      {signedIn ? <SaveAddressBox form={form} /> : null}
    </fieldset>
  );
}

/** The institution a signed-in purchaser may buy for. */
export interface BuyingFor {
  name: string;
  type: InstitutionTypeName;
}

function BuyerFieldset({
  form,
  institution,
}: {
  form: CheckoutFormState;
  institution: BuyingFor | null;
}) {
  const { t } = useTranslation();
  return (
    <fieldset className="checkout__buyer">
      <legend>{t("checkout.buyer")}</legend>
      {institution ? (
        <ChoiceField
          name="buyAs"
          label={t("institutions.checkout.buyAs")}
          error={form.errors.buyAs}
          defaultValue={form.values.buyAs ?? "institution"}
          required
          hint={t("institutions.checkout.hint")}
          options={[
            {
              value: "institution",
              label: t("institutions.checkout.forInstitution", {
                name: institution.name,
                type: t(`buyerType.${institution.type}`),
              }),
            },
            { value: "self", label: t("institutions.checkout.self") },
          ]}
        />
      ) : null}
      {/* Hidden by CSS (:has) while "for my institution" is picked: its profile answers. */}
      <div className="buy-self">
        <ChoiceField
          name="buyerType"
          label={t("checkout.buyerType")}
          error={form.errors.buyerType}
          defaultValue={form.values.buyerType ?? "individual"}
          required
          options={BUYER_TYPES.map((b) => ({ value: b, label: t(`buyerType.${b}`) }))}
        />
        {/* Shown by CSS (:has) once an institution type is picked, with or without
          JavaScript; the schema requires both only from institutions. */}
        <div className="institution">
          <p className="field-hint">{t("checkout.institutionHint")}</p>
          <CheckoutField name="orgName" form={form} required maxLength={80} />
          <ChoiceField
            name="fundingSource"
            label={t("checkout.fundingSource")}
            error={form.errors.fundingSource}
            defaultValue={form.values.fundingSource}
            required
            options={FUNDING_SOURCES.map((f) => ({ value: f, label: t(`fundingSource.${f}`) }))}
          />
        </div>
      </div>
    </fieldset>
  );
}

/** The checkout form: delivery or a counter, contact, address, who buys, invoice and note. */
export function CheckoutForm({
  form,
  blocked,
  savedAddresses,
  signedIn,
  institution,
  counters,
}: {
  form: CheckoutFormState;
  blocked: boolean;
  savedAddresses: SavedAddressChoice[];
  signedIn: boolean;
  institution: BuyingFor | null;
  counters: CounterOption[];
}) {
  const navigation = useNavigation();
  const { t } = useTranslation();
  const submitting = navigation.state === "submitting";
  return (
    <Form method="post" className="checkout__form" noValidate>
      <PickupChoice counters={counters} form={form} />
      <SavedAddresses addresses={savedAddresses} form={form} />
      <ContactFieldset form={form} />
      <AddressFieldset form={form} signedIn={signedIn} />
      <BuyerFieldset form={form} institution={institution} />
      <fieldset>
        <legend>{t("checkout.invoiceLegend")}</legend>
        <CheckoutField name="invoiceTitle" form={form} maxLength={80} />
        <CheckoutField name="taxId" form={form} maxLength={18} hint={t("checkout.taxIdHint")} />
      </fieldset>
      <fieldset>
        <legend>{t("checkout.noteLegend")}</legend>
        <CheckoutField name="note" form={form} maxLength={200} />
      </fieldset>
      <button type="submit" className="button button--large" disabled={submitting || blocked}>
        {submitting ? t("checkout.placing") : t("checkout.place")}
      </button>
      <p className="field-hint">{t("checkout.expiryHint")}</p>
    </Form>
  );
}
