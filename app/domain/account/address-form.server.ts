// What the address pages' actions share: reading the form, and the picker lists to show
// again with a refused form or after "show the cities of this province" (no JavaScript).
import { formValues, parseForm, screenControlCharacters, type FieldErrors } from "~/utils/forms";
import { DomainError } from "../errors";
import { addressIntentSchema, addressSchema, type AddressInput } from "./address-input";
import type { PickerState } from "./region-fields";
import { pickerState } from "./regions.server";

export type AddressFormRead =
  | { ok: true; data: AddressInput }
  | {
      ok: false;
      status: 200 | 400;
      errors: FieldErrors;
      values: Record<string, string>;
      picker: PickerState;
    };

/** The picker lists for what the form holds (codes that do not fit are dropped). */
export function pickerFor(values: Record<string, string | undefined>): PickerState {
  return pickerState({
    provinceCode: values.provinceCode,
    cityCode: values.cityCode,
    districtCode: values.districtCode,
  });
}

export function readAddressForm(formData: FormData): AddressFormRead {
  const intent = addressIntentSchema.safeParse({ intent: formData.get("intent") ?? undefined });
  if (intent.success && intent.data.intent === "region") {
    // not a submit: show the chosen province's cities, keep everything typed
    const { values } = screenControlCharacters(formValues(formData));
    return { ok: false, status: 200, errors: {}, values, picker: pickerFor(values) };
  }
  const parsed = parseForm(addressSchema, formData);
  if (parsed.ok) return parsed;
  return { ...parsed, status: 400, picker: pickerFor(parsed.values) };
}

/** What to show when the address book said no: the message, the typing, the lists. */
export function addressRefusal(error: unknown, data: AddressInput) {
  if (!(error instanceof DomainError) || error.status === 403) throw error;
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(data)) {
    values[key] = typeof value === "boolean" ? (value ? "1" : "") : value;
  }
  const field = error.field;
  return {
    status: error.status,
    reply: {
      errors: field ? { [field]: error.code } : ({} as FieldErrors),
      formError: field ? undefined : error.code,
      params: error.params,
      values,
      picker: pickerFor(values),
    },
  };
}
