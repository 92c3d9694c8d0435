import { Form, Link, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { PickerState } from "~/domain/account/region-fields";
import { Field } from "~/components/field";
import { useMessage } from "~/i18n/use-message";
import type { FieldErrors } from "~/utils/forms";
import { RegionPicker } from "./region-picker";

/** What the form shows: the saved address, the prefill, or the typing of a refused submit. */
export interface AddressFormState {
  values: Record<string, string | undefined>;
  errors: FieldErrors;
  picker: PickerState;
  /** a refusal not about one field (the book is full) */
  formError?: string;
  params?: Record<string, string | number>;
}

/** The address book's form, for a new address and for editing one. */
export function AddressForm({ form }: { form: AddressFormState }) {
  const { t } = useTranslation();
  const submitting = useNavigation().state === "submitting";
  const message = useMessage();
  const { values, errors } = form;
  return (
    <Form method="post" noValidate className="address-form narrow-form">
      {form.formError ? (
        <p className="alert alert--error" role="alert">
          {message(form.formError, form.params)}
        </p>
      ) : null}
      <Field
        name="recipient"
        label={t("accountBook.form.recipient")}
        error={errors.recipient}
        defaultValue={values.recipient}
        required
        autoComplete="name"
        maxLength={40}
      />
      <Field
        name="phone"
        label={t("accountBook.form.phone")}
        error={errors.phone}
        defaultValue={values.phone}
        required
        type="tel"
        inputMode="tel"
        autoComplete="tel-national"
      />
      <RegionPicker
        // a refused or refreshed form starts the picker again from the server's lists
        key={`${form.picker.provinceCode}-${form.picker.cityCode}-${form.picker.districtCode}`}
        initial={form.picker}
        errors={errors}
      />
      <Field
        name="street"
        label={t("accountBook.form.street")}
        error={errors.street}
        defaultValue={values.street}
        required
        autoComplete="street-address"
        maxLength={120}
        hint={t("accountBook.form.streetHint")}
      />
      <label className="opt-in">
        <input
          type="checkbox"
          name="isDefault"
          value="1"
          defaultChecked={values.isDefault === "1" || values.isDefault === "on"}
        />
        <span>{t("accountBook.form.isDefault")}</span>
      </label>
      <div className="button-row">
        <button type="submit" name="intent" value="save" className="button" disabled={submitting}>
          {t("accountBook.form.save")}
        </button>
        <Link to="/account/addresses" className="button button--ghost">
          {t("accountBook.form.cancel")}
        </Link>
      </div>
    </Form>
  );
}
