import type { ComponentProps } from "react";
import { useTranslation } from "react-i18next";
import { Field } from "~/components/field";
import type { FieldErrors } from "~/utils/forms";

// The checkout's fields in the order the form shows them, with their labels: the error
// summary lists errors in this order and names each field.
export const CHECKOUT_FIELDS = {
  counterId: "pickup.legend",
  contactName: "checkout.contactName",
  phone: "checkout.phone",
  email: "checkout.email",
  province: "checkout.province",
  city: "checkout.city",
  district: "checkout.district",
  street: "checkout.street",
  buyerType: "checkout.buyerType",
  orgName: "checkout.orgName",
  fundingSource: "checkout.fundingSource",
  invoiceTitle: "checkout.invoiceTitle",
  taxId: "checkout.taxId",
  note: "checkout.note",
} as const;

export type CheckoutFieldName = keyof typeof CHECKOUT_FIELDS;

/** What the form shows in its fields: the answer to a failed submit, or the prefill. */
export interface CheckoutFormState {
  errors: FieldErrors;
  values: Record<string, string | undefined>;
}

/**
 * One checkout text field: its label, its message and its value (kept after a failed
 * submit, else `defaultValue`) all found by its name.
 */
export function CheckoutField({
  name,
  form,
  defaultValue,
  ...input
}: { name: CheckoutFieldName; form: CheckoutFormState } & Omit<
  ComponentProps<typeof Field>,
  "name" | "label" | "error"
>) {
  const { t } = useTranslation();
  return (
    <Field
      name={name}
      label={t(CHECKOUT_FIELDS[name])}
      error={form.errors[name]}
      defaultValue={form.values[name] ?? defaultValue}
      {...input}
    />
  );
}
