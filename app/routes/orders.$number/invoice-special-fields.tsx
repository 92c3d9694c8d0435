import { useTranslation } from "react-i18next";
import { Field } from "~/components/field";
import { ADDRESS_MAX, BANK_NAME_MAX } from "~/domain/invoices/invoice-fields";
import type { FormReply } from "~/utils/forms";

/**
 * The four details only a special (专票) invoice carries. Always in the page (a form that
 * works without JavaScript); CSS hides them while "plain" is chosen, and the server
 * requires them only for a special invoice.
 */
export function InvoiceSpecialFields({
  values,
  reply,
}: {
  values: Record<string, string | undefined>;
  reply: FormReply | undefined;
}) {
  const { t } = useTranslation();
  return (
    <fieldset className="invoice-special">
      <legend>{t("invoices.fields.special")}</legend>
      <p className="field-hint">{t("invoices.fields.specialHint")}</p>
      <Field
        name="registeredAddress"
        label={t("invoices.fields.registeredAddress")}
        defaultValue={values.registeredAddress}
        maxLength={ADDRESS_MAX}
        autoComplete="off"
        error={reply?.errors.registeredAddress}
      />
      <Field
        name="registeredPhone"
        label={t("invoices.fields.registeredPhone")}
        type="tel"
        inputMode="tel"
        defaultValue={values.registeredPhone}
        maxLength={30}
        error={reply?.errors.registeredPhone}
      />
      <Field
        name="bankName"
        label={t("invoices.fields.bankName")}
        defaultValue={values.bankName}
        maxLength={BANK_NAME_MAX}
        error={reply?.errors.bankName}
      />
      <Field
        name="bankAccount"
        label={t("invoices.fields.bankAccount")}
        inputMode="numeric"
        defaultValue={values.bankAccount}
        maxLength={40}
        autoComplete="off"
        error={reply?.errors.bankAccount}
      />
    </fieldset>
  );
}
